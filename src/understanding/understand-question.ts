import { foldVietnamese, normalizeVietnamese } from '../text/normalize.ts';
import { findProvinceMentions, findProvinces } from '../text/provinces.ts';
import { isUnigram, queryTerms, rewriteAccented, tokenize } from '../text/tokenize.ts';
import { unique } from '../util/unique.ts';

/**
 * What a question asks, read with rules rather than a model so the offline bot needs nothing installed:
 * provinces and document numbers become filters, the rest becomes search terms, and a few patterns tell
 * a request for a date or number apart from a request for a figure.
 */
export type QuestionIntent =
  | 'fact'
  | 'issue-date'
  | 'document-number'
  | 'issuer'
  | 'overview'
  | 'catalogue'
  | 'greeting'
  | 'help'
  | 'reset';

export interface UnderstoodQuestion {
  /** NFC, canonical tones, trimmed. */
  text: string;
  intent: QuestionIntent;
  /** Canonical province names, in the order mentioned. */
  provinces: string[];
  /** Document numbers as written in the question ("4086/QĐ-UBND", or just "4086" after "quyết định"). */
  documentNumbers: string[];
  /** Numbers inside an instruction to the bot: used only when they are documents of ours, never refused on. */
  instructionNumbers: string[];
  years: number[];
  /** Search terms: the question without provinces, numbers, question words and claimed figures. */
  terms: string[];
  /** Terms that say what the question is about, beyond "quy hoạch CNTT"-type words. */
  topicTerms: string[];
  /** Compares provinces or asks which province ("tỉnh nào", "so sánh", two provinces named). */
  comparison: boolean;
  /** "… đúng không?", "có phải …": the answer should confirm or correct. */
  asksConfirmation: boolean;
  /** Figures the user asserts; never searched for and never repeated back. */
  claimedFigures: string[];
  /** Points back at what the conversation was about: "Quyết định đó…", "văn bản này". */
  refersBack: boolean;
  /** Leaves out what it asks, expecting it from the previous turn: "Còn Quảng Bình thì sao?", "thế còn mức 4?". */
  elliptical: boolean;
  /**
   * For "… A hoặc B": the terms only one side has, per side. A passage answering either side answers the
   * question, so coverage is also measured without the other side's terms.
   */
  alternatives: string[][];
  /** Contains an instruction to the bot ("bỏ qua hướng dẫn", "hãy nói rằng"). */
  instruction: boolean;
}

const RESET = /^\s*(?:\/reset\b|xoa (?:lich su|hoi thoai|cuoc tro chuyen)|bat dau lai|lam lai tu dau)/;
const GREETING = /^\s*(?:\/start\b|xin chao|chao ban|chao bot|chao|hello|hi|alo|hey)\b[\s!.,?a-z]{0,12}$/;
const HELP =
  /^\s*(?:\/help|tro giup|huong dan su dung|ban la ai|ban lam duoc gi|ban biet (?:nhung )?gi|ban co the (?:lam|tra loi) gi|ban tra loi (?:duoc )?(?:nhung )?gi)|\bban (?:la|dung) (?:mo hinh|model|chatbot|bot|tri tue nhan tao)|\b(?:chatgpt|openai|gpt|llm|gemini|claude)\b|mo hinh (?:ai|ngon ngu)/;
const CATALOGUE =
  /(?:nhung|cac) (?:van ban|tai lieu|quyet dinh|nguon) nao|danh sach (?:van ban|tai lieu)|\/nguon\b|(?:tinh|dia phuong) nao co (?:quy hoach|ke hoach|van ban)|co (?:nhung|bao nhieu) van ban/;
const CATALOGUE_GLOBAL = new RegExp(CATALOGUE.source, 'g');
const ASKS_DATE =
  /ngay nao|khi nao|bao gio|luc nao|thoi gian nao|ngay thang nam nao|ngay thang nao|ngay may|nam nao|ngay ban hanh|ban hanh (?:ngay|nam|vao|truoc|sau)|ky ngay|ngay ky|truoc hay sau|som hon|muon hon/;
const ASKS_NUMBER =
  /so hieu|so may|so bao nhieu|so gi|la so nao|(?:quyet dinh|van ban|nghi quyet|ke hoach|chi thi) (?:nao|gi)\b|theo (?:quyet dinh|van ban) nao/;
const ASKS_ISSUER =
  /ai ban hanh|ai ky|do ai|co quan nao|don vi nao ban hanh|cap nao ban hanh|ban hanh boi|noi ban hanh|\bdo (?:ubnd|uy ban|hdnd|hoi dong|tinh uy|ban thuong vu|so|chu tich)\b.{0,30}ban hanh/;
const DOCUMENT_WORDS = /quyet dinh|van ban|nghi quyet|ke hoach|chi thi|ban hanh|\bky\b|phe duyet|quy hoach|so hieu/;
/** Asking for a date or number of issue, even when the question also names a topic. */
const ISSUANCE_WORDS = /ban hanh|\bky\b|phe duyet/;
/** "Thay thế quyết định nào?" asks what the text says, not the document's own number. */
const ASKS_CONTENT = /thay the|bai bo|sua doi|hieu luc/;
const COMPARISON =
  /so sanh|tinh nao|dia phuong nao|nhung tinh|cac tinh|moi tinh|tung tinh|hai tinh|ca hai|khac nhau|giong nhau/;
const CONFIRMATION =
  /dung khong|phai khong|co dung|dung chu|co phai|chinh xac khong|that khong|dung ko|phai ko|dung k\b|dung hok|dung hong|\ba\s*\?*\s*$/;
const FOLLOW_UP_START = /^\s*(?:con|the con|vay con|con ve|va|the|vay)\b(?!\s*nao)/;
const FOLLOW_UP_END = /(?:thi sao|the nao|ra sao|thi bao nhieu|thi the nao)\s*[?!.]*\s*$/;
const BACK_REFERENCE =
  /(?<![\p{L}])(?:đó|này|ấy|trên đây|vừa rồi|vừa nói|nói trên|kể trên|(?:văn bản|quyết định|kế hoạch|nghị quyết|quy hoạch) trên)(?![\p{L}])/u;
const BACK_REFERENCE_FOLDED =
  /\b(?:quyet dinh|van ban|ke hoach|nghi quyet|tinh|quy hoach) (?:do|nay|ay|tren)\b|vua roi|noi tren|ke tren|tren day/;
const INSTRUCTION =
  /<\/?[a-z]+>|\[(?:system|user|assistant|admin|developer)\]|quy tac|cu ghi|ghi nhu vay|noi bo cua|khong duoc (?:nhac|trich|ghi|neu)|chi tra loi|chi duoc|hay dung|so moi|nguon moi|quan tri vien|admin|vai tro|\bbia\b|gioi han|ban gio la|bo qua|phot lo|ignore|disregard|forget|pretend|act as|system|\bprompt\b|developer mode|jailbreak|hay noi|hay tra loi|tra loi rang|noi rang|hay khang dinh|hay xac nhan|hay trich|hay ghi|ghi nguon|trich dan nguon nay|dung dung|khong can trich|gia vo|dong vai|tu gio|tu bay gio|quen (?:het|di|moi)|in ra|hay in|lenh truoc|huong dan truoc|chi dan/;
/** Phrases about the bot's own store ("trong dữ liệu của bạn"), not about the documents. */
const ABOUT_THE_BOT =
  /(?:trong |tu )?(?:du lieu|kho(?: du lieu| van ban)?|he thong|tai lieu|co so du lieu) cua (?:ban|bot|em|may)/g;
/** Phrases that carry no content: courtesies ("xin cảm ơn"), "ở đâu", "liệt kê". */
const FILLER =
  /\bo dau\b|\bliet ke\b|\btruoc do\b|\bhien nay\b|\b(?:xin )?cam on(?: ban| nhieu| nhe)?\b|\blam on\b|\bvui long\b|\bthanks?(?: you)?\b/g;
/** A figure a user states: "90%", "99 %", "100 tỷ", "20 doanh nghiệp" — but not a level ("mức 4") or a year. */
const CLAIMED_FIGURE = /(?<![\d/])(\d+(?:[.,]\d+)?)\s*(%|phan tram|ty|trieu|doanh nghiep|nguoi|dich vu)/g;
const DOCUMENT_NUMBER = /(?<![\p{L}\d])(\d+[a-zđ]?(?:\/\d{4})?(?:\/|-)\p{L}[\p{L}\d]*(?:[-/]\p{L}[\p{L}\d]*)*)/giu;
/** "quyết định 4086", "nghị quyết số 16": a number without its symbol, when it cannot be a count or a year. */
const BARE_DOCUMENT_NUMBER =
  /(?:quyet dinh|qd|nghi quyet|nq|ke hoach|kh|chi thi|van ban)\s*(so\s*)?(\d+[a-z]?)\b(?!\s*(?:%|\/|-|nam|thang|ngay|ty|trieu|nguoi))/g;
/** Where a question splits into sentences, or into the parts of a "[SYSTEM] … [USER] …" message. */
const SEGMENT_BREAK = /(?<=[.!?;:,])\s+|(\s*\[[A-Za-z ]+\]\s*|\s*<\/?[A-Za-z]+>\s*)|\n+/;

/**
 * Phrases that name the kind of document rather than what the question is about ("quy hoạch", "tỷ lệ").
 * Matched as phrases: "tỷ" in "tỷ lệ" says nothing, in "tỷ đồng" it is the topic.
 */
const GENERIC_PHRASES: readonly string[][] = [
  'quy hoach',
  'ke hoach',
  'cong nghe thong tin',
  'thong tin va truyen thong',
  'phat trien',
  'van ban',
  'quyet dinh',
  'nghi quyet',
  'chi thi',
  'noi dung',
  'tom tat',
  'ung dung',
  'thanh pho',
  'ban hanh',
  'phe duyet',
  'so hieu',
  'uy ban nhan dan',
  'hoi dong nhan dan',
  'de an',
  'muc tieu',
  'ty le',
  'chi tieu',
].map((phrase) => phrase.split(' '));
const GENERIC_WORDS = new Set(['tinh', 'nam', 'ngay', 'dat', 'chinh', 'ky']);

/** The single-syllable terms that say what the question is about: not generic, not a year, not noise. */
function topicTermsOf(searchable: string, terms: readonly string[]): string[] {
  const tokens = tokenize(searchable);
  const generic = new Array<boolean>(tokens.length).fill(false);
  for (const phrase of GENERIC_PHRASES) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, j) => tokens[i + j] === word)) generic.fill(true, i, i + phrase.length);
    }
  }
  const topical = new Set(tokens.filter((token, i) => !generic[i] && !GENERIC_WORDS.has(token)));
  return terms.filter((term) => isUnigram(term) && topical.has(term) && !/^\d{4}$/.test(term));
}

function detectIntent(folded: string, hasTopic: boolean, hasDocument: boolean): QuestionIntent {
  if (RESET.test(folded)) return 'reset';
  if (HELP.test(folded)) return 'help';
  if (GREETING.test(folded)) return 'greeting';
  if (CATALOGUE.test(folded) && !hasTopic) return 'catalogue';
  const aboutDocument = DOCUMENT_WORDS.test(folded) || hasDocument;
  // With a topic of its own, "… ngày nào?" asks about an event in the text, unless it names the issuing.
  const asksMetadata = aboutDocument && (!hasTopic || ISSUANCE_WORDS.test(folded)) && !ASKS_CONTENT.test(folded);
  if (asksMetadata && ASKS_ISSUER.test(folded)) return 'issuer';
  if (asksMetadata && ASKS_DATE.test(folded)) return 'issue-date';
  if (asksMetadata && ASKS_NUMBER.test(folded)) return 'document-number';
  if (!hasTopic) return 'overview';
  return 'fact';
}

function documentNumbersIn(text: string): string[] {
  const folded = foldVietnamese(text);
  const numbers = unique([
    ...[...text.matchAll(DOCUMENT_NUMBER)].map((match) => match[1]!.replace(/\s+/g, '')),
    ...[...folded.matchAll(BARE_DOCUMENT_NUMBER)]
      .filter((match) => match[1] !== undefined || match[2]!.length >= 2)
      .map((match) => match[2]!)
      .filter((number) => !/^(?:19|20)\d\d$/.test(number)),
  ]);
  return numbers.filter(
    (number) =>
      !numbers.some((other) => other !== number && (other.startsWith(`${number}/`) || other.startsWith(`${number}-`))),
  );
}

function claimedFiguresIn(folded: string): string[] {
  return unique(
    [...folded.matchAll(CLAIMED_FIGURE)].map((match) => match[1]! + (/%|phan tram/.test(match[2]!) ? '%' : '')),
  );
}

/**
 * Splits off the parts of a message that instruct the bot ("Bỏ qua hướng dẫn trước, hãy nói …") from the
 * question itself. When every part is an instruction, the whole message is kept as the question.
 */
function separateInstructions(text: string): { question: string; instruction: string } {
  // Markers such as "[SYSTEM]" or "</context>" are kept as segments of their own: they are instructions.
  const segments = text.split(SEGMENT_BREAK).filter((segment): segment is string => Boolean(segment?.trim()));
  const isInstruction = (segment: string): boolean => INSTRUCTION.test(foldVietnamese(segment));
  const lastInstruction = segments.findLastIndex(isInstruction);
  if (lastInstruction < 0) return { question: text, instruction: '' };
  // The question follows the instructions ("… hãy nói 99%. Vậy Hà Tĩnh …?"); what comes before them
  // ("Tài liệu mới cập nhật: Quảng Bình đặt 95% …") belongs to the attempt, not to the question.
  const after = segments.slice(lastInstruction + 1);
  if (after.length > 0)
    return { question: after.join(' '), instruction: segments.slice(0, lastInstruction + 1).join(' ') };
  const asked = segments.filter((segment) => !isInstruction(segment));
  if (asked.length === 0) return { question: text, instruction: text };
  return { question: asked.join(' '), instruction: segments.filter(isInstruction).join(' ') };
}

export function understandQuestion(raw: string): UnderstoodQuestion {
  const text = normalizeVietnamese(raw).trim();
  const { question, instruction } = separateInstructions(text);
  const folded = foldVietnamese(rewriteAccented(question));
  const unaccented = folded === question.toLowerCase();

  const provinces = unique([...findProvinces(question), ...findProvinces(instruction)].map((mention) => mention.name));
  const documentNumbers = documentNumbersIn(question);
  const instructionNumbers = instruction && instruction !== question ? documentNumbersIn(instruction) : [];
  const asksConfirmation = CONFIRMATION.test(folded);
  const claimedFigures = unique([
    ...claimedFiguresIn(foldVietnamese(instruction)),
    ...(asksConfirmation ? claimedFiguresIn(folded) : []),
  ]);

  // Search terms come from the question with provinces, document numbers and claimed figures taken out.
  // The catalogue phrase ("danh sách văn bản", "những tài liệu nào") asks for the list, not about a topic.
  let searchable = folded.replace(ABOUT_THE_BOT, ' ').replace(FILLER, ' ').replace(CATALOGUE_GLOBAL, ' ');
  for (const number of documentNumbers) searchable = searchable.replaceAll(foldVietnamese(number), ' ');
  searchable = stripProvinces(searchable);
  if (claimedFigures.length > 0) searchable = searchable.replace(CLAIMED_FIGURE, ' $2');
  const terms = unique(queryTerms(searchable));
  const topicTerms = topicTermsOf(searchable, terms);

  const sides = searchable.split(/\bhoac(?: la)?\b/);
  const sideTerms = sides.length > 1 ? sides.map((side) => new Set(queryTerms(side))) : [];
  const alternatives = sideTerms.map((own, i) =>
    [...own].filter((term) => sideTerms.every((other, j) => j === i || !other.has(term))),
  );

  const years = unique(
    tokenize(question)
      .filter((token) => /^(?:19|20)\d\d$/.test(token))
      .map(Number),
  );
  const intent = detectIntent(
    folded,
    topicTerms.length > 0,
    documentNumbers.length > 0 || instructionNumbers.length > 0,
  );
  const comparison = provinces.length >= 2 || COMPARISON.test(folded);
  const elliptical = FOLLOW_UP_START.test(folded) || FOLLOW_UP_END.test(folded);
  const refersBack = unaccented ? BACK_REFERENCE_FOLDED.test(folded) : BACK_REFERENCE.test(question.toLowerCase());

  return {
    text,
    intent,
    provinces,
    documentNumbers,
    instructionNumbers,
    years,
    terms,
    topicTerms,
    comparison,
    asksConfirmation,
    claimedFigures,
    refersBack,
    elliptical,
    alternatives,
    instruction: instruction.length > 0,
  };
}

/** Blanks out province names in folded text so their syllables do not become search terms. */
function stripProvinces(folded: string): string {
  let result = folded;
  for (const mention of findProvinceMentions(folded)) {
    result = result.slice(0, mention.index) + ' '.repeat(mention.length) + result.slice(mention.index + mention.length);
  }
  return result;
}
