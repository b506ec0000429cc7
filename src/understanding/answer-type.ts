import { ABBREVIATIONS } from '../text/abbreviations.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { foldForSearch } from '../text/tokenize.ts';
import { escapeRegExp } from '../util/escape-reg-exp.ts';

/**
 * What kind of value a question asks for, as factoid QA systems classify it: "bao nhiêu %" wants a
 * percentage, "bao nhiêu người" a number of people, "kinh phí bao nhiêu" an amount of money, "năm nào" a year.
 * A passage that shares the question's words but holds no such value does not answer it: the bot then says
 * the documents do not state it rather than quoting a neighbour.
 */
export type AnswerType =
  /** `preferred`: a percentage is what such questions are mostly answered with, not what this one demands. */
  | { kind: 'percent'; preferred?: true }
  | { kind: 'money' }
  /** A number followed by this folded noun ("nguoi", "doanh nghiep", "mbps"). */
  | { kind: 'quantity'; unit: string }
  /** `preferred`: targets ("chỉ tiêu …", "so sánh mục tiêu …") are best told by their figures, when they have one. */
  | { kind: 'number'; preferred?: true }
  | { kind: 'year' }
  /** A place: "ở huyện nào", "ở đâu". */
  | { kind: 'place' }
  /** A body: "giao sở nào chủ trì", "đơn vị nào trúng thầu". */
  | { kind: 'agency' };

const ASKS_PLACE =
  /\b(?:o|tai|dat o|dat tai) (?:dau|huyen nao|xa nao|thanh pho nao|dia diem nao|khu vuc nao|noi nao)\b|\b(?:huyen|dia diem|dia ban) nao\b/;
const ASKS_AGENCY =
  /\b(?:so|co quan|don vi|to chuc|cong ty|nha thau) nao\b(?!.{0,30}ban hanh)|\btrung thau\b|\b(?:chu tri|thuong truc)\b.{0,30}\bnao\b/;
/**
 * "mấy cán bộ" asks a count as "bao nhiêu" does; "điều mấy", "số mấy" ask which one; folded, "máy tính",
 * "máy chủ" are machines, not "mấy".
 */
const MAY = String.raw`(?<!\b(?:dieu|khoan|chuong|phan|muc|lan|thu|so|diem) )may(?!\s+(?:tinh|chu|moc|in|quet|tram|bay|anh|lanh|man|vi tinh|moi|thu|chieu|phat|do)\b)`;
/** The word (or two) after "bao nhiêu" / "mấy": the unit a count is asked in. */
const UNIT_AFTER_ASKING = new RegExp(String.raw`\b(?:bao nhieu|${MAY})\s*([a-z%]+)(?:\s+([a-z]+))?`);
const ASKS_AMOUNT = new RegExp(
  String.raw`\bbao nhieu\b|\b${MAY}\s*(?:%|phan tram|[a-z]+)|\bla bao nhieu\b|\bmuc nao\b`,
);
/** "Năm nào …?" asks a year; "nếu năm nào cần vốn hơn …" (any year) and "khi nào cần … thì" do not. */
const ASKS_YEAR =
  /(?<!\b(?:neu|hễ|he|moi|lo|khi) )\b(?:nam nao|den nam nao|moc (?:thoi gian )?nao|thoi diem nao|khi nao|bao gio|luc nao|hom nao|bua nao)\b(?!.{0,60}\bthi (?:lam sao|sao|the nao|phai|can|se)\b)/;
const COMPARES_TARGETS =
  /\b(?:so sanh|khac nhau|giong nhau)\b.{0,40}\b(?:muc tieu|yeu cau)\b|\b(?:muc tieu|yeu cau)\b.{0,60}\b(?:so sanh|khac nhau|giong nhau|so voi)\b/;
const LEVEL = /\b(?:muc|cap)\b[^0-9]{0,12}\b[1-4]\b/;
const PERCENT_WORDS = /%|\bphan tram\b|\bty le\b|\bti le\b/;
/** Money, and what is paid to people ("phụ cấp", "mức lương"; "chất lượng" and "số lượng" are no pay). */
const MONEY_WORDS =
  /\bkinh phi\b|\bbo tri (?:bao nhieu|may|kinh phi|von)\b|\bnguon von\b|\bvon\b|\bngan sach\b|\btien\b|\bty dong\b|\btrieu dong\b|\bchi phi\b|\b(?:phu|tro) cap\b|\bthu nhap\b|\b(?:muc|tien|huong|tra) luong\b|\bhoc phi\b/;
/** Nouns after "bao nhiêu" that say nothing of the unit ("bao nhiêu phần trăm" is a percentage anyway). */
const NOT_A_UNIT = new Set(
  'phan tien ty trieu dong la nam va ve vay a the nhi nhe ha theo trong cua o tai den voi khong ko chu roi day nua ca thi cai chiec cho de moi duoc tu tren nhu hay hoac vao ra'.split(
    ' ',
  ),
);
/** Two-word units, so "doanh nghiệp" and "dịch vụ" are not cut to their first syllable. */
const TWO_WORD_UNITS = new Set([
  'doanh nghiep',
  'dich vu',
  'can bo',
  'co quan',
  'van ban',
  'don vi',
  'sinh vien',
  'ho gia',
]);

/** "Số (lượng) doanh nghiệp …", "tổng số cán bộ …": what a count is of, named before "bao nhiêu". */
const COUNTED = new RegExp(String.raw`\b(?:tong )?so (?:luong )?(${[...TWO_WORD_UNITS, 'nguoi'].join('|')})\b`);

/** "Trong mấy văn bản đó", "mấy chỉ tiêu này": "mấy" pointing at things already named, not asking how many. */
const THOSE_FEW =
  /\bmay (?:van ban|tai lieu|tinh|quyet dinh|ke hoach|quy hoach|chi tieu|muc tieu|nhiem vu|giai phap|du an|con so|so lieu|noi dung) (?:do|nay|tren|ay|kia)\b/g;

/**
 * The answer type of a question as typed: with diacritics, "máy" (a machine: "máy thu hình") is not the
 * "mấy" that asks a count, though both fold to "may".
 */
export function answerTypeOf(question: string): AnswerType | null {
  // "Bao nhiêu ha" typed bare is hectares ("bao nhiêu hả?" asks, and folds the same).
  const typed = question.replace(/máy/giu, 'm_y').replace(/(?<=\d\s*|\bnhiêu\s+)ha(?![\p{L}\d])/gu, 'hecta');
  return expectedAnswerType(foldVietnamese(typed));
}

/** The answer type a question asks for (folded), or null when it asks for a description. */
export function expectedAnswerType(foldedQuestion: string): AnswerType | null {
  const folded = foldedQuestion.replace(/\s+/g, ' ').replace(THOSE_FEW, ' ');
  if (ASKS_PLACE.test(folded)) return { kind: 'place' };
  if (ASKS_AGENCY.test(folded)) return { kind: 'agency' };
  if (ASKS_YEAR.test(folded) && !ASKS_AMOUNT.test(folded)) return { kind: 'year' };
  // "So sánh tỷ lệ …", "tỷ lệ … ra sao": a rate is a percentage even when no "bao nhiêu" asks for it; so is
  // a target for a service level ("chỉ tiêu dịch vụ công mức độ 3 như thế nào"), always a share of services.
  if (!ASKS_AMOUNT.test(folded)) {
    const levelTarget = LEVEL.test(folded) && /\b(?:chi tieu|muc tieu)\b/.test(folded);
    if (PERCENT_WORDS.test(folded)) return { kind: 'percent' };
    // "Kinh phí hằng năm bố trí thế nào?" asks an amount, or a share of a budget.
    if (MONEY_WORDS.test(folded) && /\b(?:the nao|ra sao|nhu nao|bao nhieu|cach nao)\b/.test(folded))
      return { kind: 'money' };
    // "Có chỉ tiêu về cơ sở dữ liệu không?": an indicator is a figure, most often a share, when one is given.
    if (levelTarget) return { kind: 'percent', preferred: true };
    return /\bchi tieu\b/.test(folded) || COMPARES_TARGETS.test(folded) ? { kind: 'number', preferred: true } : null;
  }
  const after = UNIT_AFTER_ASKING.exec(folded);
  if (after && after[1] === '%') return { kind: 'percent' };
  if (after?.[1] && after[1] !== 'phan' && !NOT_A_UNIT.has(after[1])) {
    const pair = after[2] ? `${after[1]} ${after[2]}` : '';
    const abbreviation = ABBREVIATIONS[after[1]];
    const unit = abbreviation ? foldVietnamese(abbreviation) : TWO_WORD_UNITS.has(pair) ? pair : after[1];
    if (MONEY_WORDS.test(pair || unit)) return { kind: 'money' };
    return { kind: 'quantity', unit };
  }
  if (PERCENT_WORDS.test(folded)) return { kind: 'percent' };
  if (MONEY_WORDS.test(folded)) return { kind: 'money' };
  // "Số doanh nghiệp CNTT … bao nhiêu?" counts businesses though the unit stands before the question word.
  const counted = COUNTED.exec(folded);
  if (counted) return { kind: 'quantity', unit: counted[1]! };
  // "Tổng nhân lực CNTT là bao nhiêu?" counts people though it does not say "người".
  if (/\b(?:nhan luc|lao dong|nhan su)\b/.test(folded)) return { kind: 'quantity', unit: 'nguoi' };
  return { kind: 'number' };
}

const PERCENT_VALUE = /\d\s*%|\bphan tram\b/;
/** "57,600 tỷ đồng", "19 tỷ", "500 triệu": a number ending in a digit, then the unit ("4, đồng thời" is not money). */
/** A share of a budget answers "how much money" too ("khoảng 1% trong tổng ngân sách", "Ngân sách Trung ương 37,15%"). */
const BUDGET_SHARE =
  /(?:ngan sach|nguon von|\bvon\b|kinh phi)\D{0,40}\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*%\D{0,30}(?:ngan sach|\bvon\b|kinh phi)/;
const MONEY_VALUE = /\d(?:[\d.,]*\d)?\s*(?:(?:ty|trieu|nghin|ngan)(?:\s+dong)?\b|dong\b(?! thoi| gop))/;
const YEAR_VALUE = /\b(?:19|20)\d\d\b/;
const ANY_NUMBER = /\d/;
/** "mức 3,4", "mức độ 3 và 4", "cấp độ 2": service levels, numbers that are no answer. */
const LEVEL_NUMBERS = /\b(?:muc|cap)(?: do)? \d(?:\s*(?:,|-|va|hoac)\s*\d)*\b/g;
const FIGURE = /(?<![\d.,/])(?!(?:19|20)\d\d(?!\d|[.,]\d))\d+/;

/** "tại thành phố Đà Lạt", "ở huyện Bố Trạch": a named place. */
const PLACE_VALUE = /(?:tại|ở)\s+(?:thành phố|TP\.?|huyện|thị xã|xã|khu|tỉnh)\s*\p{Lu}/u;
/** "Sở TT&TT", "Công ty …", "Trung tâm …": a named body that does something. */
const AGENCY_VALUE = /(?:Sở|Công ty|Trung tâm|Viện|Tập đoàn|Ban quản lý)\s+(?:\p{Lu}|TT)/u;
const PERCENT_FIGURE = /\d\s*%/g;
/**
 * How far from a percentage its subject may be written: after it, up to the next figure ("60% mức độ 3 và 15%
 * mức độ 4"); before it, far enough to reach a subject shared by several figures ("Số lượng dịch vụ công …
 * đạt 60% … và 15% …").
 */
const SUBJECT_AFTER = 150;
const SUBJECT_BEFORE = 200;
/**
 * A level is the figure's own only when written right before it ("mức độ 4: 30%") or after it ("15% mức độ 4"):
 * "ở mức 3 và 4, đồng thời … đóng góp trên 10-20% GDP" is not a level-3 rate.
 */
const LEVEL_BEFORE = 40;
/** Share of the topic's words that must stand near the figure ("% hộ gia đình" is not "% văn bản … mạng"). */
const NEAR_SHARE = 0.4;

/**
 * Whether some percentage in the text has the topic near it ("15% mức độ 4" for "mức độ 4"): at least half
 * the topic's words, and every number it names (a level: "mức độ 4" is not answered by "cấp độ 2").
 */
function percentNearTopic(folded: string, topicTerms: readonly string[]): boolean {
  if (topicTerms.length === 0) return PERCENT_VALUE.test(folded);
  const pattern = (term: string) => new RegExp(`(?<![a-z0-9])${escapeRegExp(term)}(?![a-z0-9])`);
  const words = topicTerms.filter((term) => !/\d/.test(term)).map(pattern);
  const numbers = topicTerms.filter((term) => /^\d+$/.test(term)).map(pattern);
  const figures = [...folded.matchAll(PERCENT_FIGURE)];
  return figures.some((match, i) => {
    const nextStart = figures[i + 1]?.index ?? folded.length;
    const near = folded.slice(
      Math.max(0, match.index - SUBJECT_BEFORE),
      Math.min(nextStart, match.index + SUBJECT_AFTER),
    );
    const found = words.filter((word) => word.test(near)).length;
    const levelNear = folded.slice(
      Math.max(0, match.index - LEVEL_BEFORE),
      Math.min(nextStart, match.index + SUBJECT_AFTER),
    );
    return found >= Math.ceil(words.length * NEAR_SHARE) && numbers.every((number) => number.test(levelNear));
  });
}

const PEOPLE = '(?:nguoi|can\\s+bo|cong\\s+chuc|vien\\s+chuc|sinh\\s+vien|lao\\s+dong|chuyen\\s+gia)';

/** The service levels a topic names ("mức độ 4" → "4"): single digits among its terms. */
function levelsOf(topicTerms: readonly string[]): string[] {
  return topicTerms.filter((term) => /^[1-4]$/.test(term));
}

/**
 * Whether a text holds a value of the asked type: the test a passage must pass to answer. For a percentage,
 * the figure must stand near what the question is about, so "10-20% GDP" does not answer "% hộ gia đình".
 */
export function holdsAnswerType(text: string, type: AnswerType, topicTerms: readonly string[] = []): boolean {
  // Read as the search reads it, so a topic word the question shares with the passage is found here too.
  const folded = foldForSearch(text);
  switch (type.kind) {
    case 'percent':
      return percentNearTopic(folded, topicTerms);
    case 'money':
      return MONEY_VALUE.test(folded) || BUDGET_SHARE.test(folded);
    case 'year':
      return YEAR_VALUE.test(folded);
    case 'place':
      return PLACE_VALUE.test(text);
    case 'agency':
      return AGENCY_VALUE.test(text);
    case 'number': {
      // A level ("dịch vụ công mức 3,4") is what a figure is about, never the figure.
      const figures = folded.replace(LEVEL_NUMBERS, ' ');
      // A preferred figure is a quantity ("01 cán bộ", "50%"), not the year a target is for.
      return type.preferred ? FIGURE.test(figures) : ANY_NUMBER.test(figures);
    }
    case 'quantity': {
      // "hơn 1.000 người", "từ 4-5 doanh nghiệp", "ít nhất 3 dịch vụ", "100% cán bộ".
      // People are counted as cán bộ, công chức or sinh viên as often as "người".
      const unit = type.unit === 'nguoi' ? PEOPLE : escapeRegExp(type.unit).replace(/ /g, '\\s+');
      // A count is not a percentage: "100% các doanh nghiệp" does not say how many.
      const count = new RegExp(`\\d[\\d.,]*(?:\\s*-\\s*\\d+)?\\s*(?:[a-z]+\\s+){0,1}${unit}\\b`).test(folded);
      // "Bao nhiêu dịch vụ mức độ 4?" is not answered by a count of level-2 and level-3 services.
      return count && levelsOf(topicTerms).every((level) => new RegExp(`\\bmuc ${level}\\b`).test(folded));
    }
  }
}
