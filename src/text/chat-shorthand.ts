/**
 * How people type on Zalo and Telegram, rewritten into plain Vietnamese before a question is understood:
 * teencode ("bn" bao nhiêu, "ko" không, "đc" được, "j" gì, "ntn" như thế nào), the vocatives and
 * politeness lead-ins that say nothing about the subject ("ad ơi", "cho mình hỏi"), emoji and emoticons.
 * Everything else keeps its case and diacritics; the input is expected in NFC (normalizeVietnamese).
 *
 * Capitals mark initialisms and names ("BN" Bắc Ninh, "KH" kế hoạch, "VS"), so a shorthand is rewritten
 * only when written in small letters, or capitalised as the first word of a sentence ("Ko biết").
 */

/** Shorthand that means one thing wherever it stands as a word. */
const WORDS: ReadonlyMap<string, string> = new Map([
  ['bn', 'bao nhiêu'],
  ['bnh', 'bao nhiêu'],
  ['bnhieu', 'bao nhiêu'],
  ['bnhiêu', 'bao nhiêu'],
  ['ko', 'không'],
  ['khg', 'không'],
  ['hok', 'không'],
  ['khum', 'không'],
  ['dc', 'được'],
  ['đc', 'được'],
  ['dk', 'được'],
  ['đk', 'được'],
  ['j', 'gì'],
  ['ntn', 'như thế nào'],
  ['vs', 'với'],
  ['mn', 'mọi người'],
  ['mng', 'mọi người'],
  ['r', 'rồi'],
  ['cx', 'cũng'],
  ['trc', 'trước'],
  ['bít', 'biết'],
  ['bik', 'biết'],
  ['nhìu', 'nhiều'],
  ['đp', 'địa phương'],
  ['gđ', 'gia đình'],
  ['qh', 'quy hoạch'],
  ['cp', 'chính phủ'],
  ['sv', 'sinh viên'],
  ['qte', 'quốc tế'],
  ['qtế', 'quốc tế'],
  ['gđình', 'gia đình'],
  ['ng', 'người'],
  ['ngừoi', 'người'],
  ['cq', 'cơ quan'],
  ['xd', 'xây dựng'],
  ['kp', 'kinh phí'],
  ['kphí', 'kinh phí'],
  ['xài', 'sử dụng'],
  ['đph', 'địa phương'],
]);

/**
 * Shorthand that means one thing only after a given word: "nc" is "nước" in "nhà nc" ("nói chuyện" elsewhere),
 * "đt" is "điện tử" in "chính phủ đt" ("điện thoại" elsewhere).
 */
const SHORTHAND_AFTER: ReadonlyArray<readonly [short: string, previous: RegExp, expansion: string]> = [
  ['nc', /(?:^|\s)nhà\s*$/iu, 'nước'],
  ...['đt', 'dt'].map(
    (short) =>
      [
        short,
        /(?:^|\s)(?:chính phủ|chính quyền|thương mại|cổng thông tin|cổng|thư|văn bản|giao dịch|chinh phu|chinh quyen|thuong mai)\s*$/iu,
        'điện tử',
      ] as const,
  ),
];

/**
 * "không" written with a word that is also something else: "k" is a thousand after a number ("100k"),
 * "kh" is kế hoạch ("kh số 12", "kh ứng dụng CNTT"), "hông"/"hong" are a hip and "hỏng" typed bare
 * ("web bị hong"). These count as không only where không goes: before a verb it negates, or closing a
 * question.
 */
const NEGATIONS = new Set(['k', 'kh', 'hông', 'hong']);

/** "vậy" at the end of a question ("bn % z", "tỉnh nào dzậy?"); elsewhere "v" and "z" are left alone. */
const FINAL_VAY = new Set(['z', 'v', 'dzậy', 'zậy', 'dzay', 'zay', 'dzị', 'zị']);

const WORD_SEPARATOR = '(?![\\p{L}\\p{N}])';
const NEGATED_VERB = new RegExp(
  `^\\s+(?:biết|biet|bít|bik|có|co|được|duoc|đc|dc|hiểu|hieu|thấy|thay|phải|phai|cần|can|nhớ|nho|rõ|ro|còn|con|nên|nen|muốn|muon|thuộc|thuoc|đúng|dung|ai)${WORD_SEPARATOR}`,
  'iu',
);
const CLAUSE_END = /^\s*(?:[?!.,;…]|$)/u;
const QUESTION_END = /^\s*(?:\?|[.!…]*\s*$)/u;
const FINAL_PARTICLE = new RegExp(`^\\s+(?:ạ|nhỉ|nhi|vậy|z|v|ta|nha|nhé|nhe|ad|admin|hả|ha|à)${WORD_SEPARATOR}`, 'iu');
const AFTER_NUMBER = /\d\s*$/u;
const SENTENCE_START = /(?:^|[.!?…])\s*$/u;

/** A word standing on its own: not inside "4086/QĐ-UBND", "hatinh.gov.vn/ko" or "100k". */
const TOKEN = /(?<=^|[\s([{"'“‘«])[\p{L}\p{M}]+(?=$|[\s,.;:!?…)\]}"'”’»%])/gu;

/** Emoji (with their modifiers, joiners and flags) and the emoticons people type in Vietnamese chats. */
const EMOJI = '[\\p{Extended_Pictographic}\\u{1F1E6}-\\u{1F1FF}\\u{1F3FB}-\\u{1F3FF}\\uFE0E\\uFE0F\\u20E3\\u200D]';
const EMOTICON = "(?<![\\p{N}:/])(?::-?[)(DPpv3]+|:'\\(|;-?\\)+|=[)(]+|\\^_*\\^+|-_+-|<3+)(?![\\p{L}\\p{N}])";
const DECORATION = new RegExp(`(?:${EMOJI}|${EMOTICON})+`, 'gu');

const OI = '(?:ơi|oi)i*';
const ADDRESSEE = '(?:ad|admin|bot|shop|bạn|ban|bn|mọi người|moi nguoi|mn|mng|anh|chị|chi|em|e)';
const BOT = '(?:ad|admin|bot|shop)';
const PRONOUN =
  '(?:mình|minh|mk|mik|em|e|tôi|toi|tui|tớ|to|t|anh|a|chị|chi|c|cháu|chau|bọn em|chúng em|chúng tôi|chung toi)';
const HOI = `(?:hỏi|hoi)${WORD_SEPARATOR}`;

/** "ad ơi", "mọi người ơi", "bạn oi": a call to whoever reads, anywhere in the message. */
const VOCATIVE = new RegExp(`(?<![\\p{L}\\p{N}])${ADDRESSEE}\\s+${OI}${WORD_SEPARATOR}[,!.:]*`, 'giu');

/**
 * Openings that carry no question: a greeting ("chào ad,"), the bot called without "ơi" ("ad, …",
 * "mn cho hỏi"), and asking leave to ask ("cho mình hỏi chút", "xin hỏi"). Removed again and again from
 * the start, as they come one after another ("chào ad, cho em hỏi là …").
 */
const OPENINGS: readonly RegExp[] = [
  new RegExp(
    `^(?:xin chào|xin chao|chào|chao|hi|hello|alo)(?:\\s+${ADDRESSEE})?${WORD_SEPARATOR}(?:\\s*[,!.]+|(?=\\s*$)|(?=\\s+(?:cho|xin)${WORD_SEPARATOR}))`,
    'iu',
  ),
  new RegExp(
    `^(?:${BOT}|mn|mng|mọi người|moi nguoi)${WORD_SEPARATOR}(?:\\s*[,:!.]+|(?=\\s+(?:cho|xin)${WORD_SEPARATOR}))`,
    'iu',
  ),
  new RegExp(
    `^(?:xin\\s+(?:cho\\s+)?${HOI}|cho\\s+(?:${PRONOUN}\\s+)?(?:xin\\s+)?${HOI})(?:\\s+(?:chút|chut|xíu|xiu|tí|với|voi|vs|ạ|là|la|nhé|nhe|nha)${WORD_SEPARATOR})*[\\s,:.!]*`,
    'iu',
  ),
];

/**
 * The bot or everyone named at the end of a question ("dc ko ad", "bn % vậy ad ạ?", "bn % z mn"), but not
 * "liên hệ ad".
 */
const FINAL_BOT =
  /(?<=(?:^|\s)(?:không|ko|k|kh|khg|hok|hông|hong|khum|chưa|chua|vậy|vay|z|v|zậy|dzậy|gì|gi|j|nào|nao|nhỉ|nhi|hả|à|ạ|đi|bn|bnh|bao nhiêu|bao nhieu|ntn|sao|luôn|lun|chứ|được|dc|đc|nhé|nha|với|vs|rồi|r|ta)|%)\s+(?:ad|admin|mn|mng|mọi người|moi nguoi)(?=\s*(?:ạ\s*)?(?:[?!.…,]|$))/giu;

/** A number of millions: "5tr", "1,5 tr" (tỷ is written out, or as "ty", and stays as it is). */
const MILLIONS = /(?<=\d)\s?tr(?![\p{L}\p{N}])/giu;

/**
 * Removes every match and joins what is left with one space, or none before punctuation or at either
 * end, so "z 😅" gives "z" and "Bạc Liêu 🙏 nhập vào" gives "Bạc Liêu nhập vào".
 */
function cut(text: string, pattern: RegExp): string {
  let joined = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    joined = join(joined, text.slice(last, match.index));
    last = match.index + match[0].length;
  }
  return last === 0 ? text : join(joined, text.slice(last));
}

function join(left: string, right: string): string {
  const head = left.trimEnd();
  const tail = right.trimStart();
  if (head === '' || tail === '') return head + tail;
  return /^[,.;:!?…)\]}%]/u.test(tail) ? head + tail : `${head} ${tail}`;
}

function removeOpenings(text: string): string {
  let rest = text.trimStart();
  for (let changed = true; changed; ) {
    changed = false;
    for (const opening of OPENINGS) {
      const match = opening.exec(rest);
      if (match && match[0].length > 0) {
        rest = rest.slice(match[0].length).trimStart();
        changed = true;
      }
    }
  }
  return rest;
}

/** "bn" → "bao nhiêu", "Ko" at a sentence start → "Không"; undefined when the word stays. */
function expandWord(word: string, before: string, after: string): string | undefined {
  const lower = word.toLowerCase();
  const capitalised = word !== lower;
  if (capitalised && (word.slice(1) !== lower.slice(1) || !SENTENCE_START.test(before))) return undefined;
  let expansion =
    WORDS.get(lower) ?? SHORTHAND_AFTER.find(([short, previous]) => short === lower && previous.test(before))?.[2];
  if (NEGATIONS.has(lower)) {
    if (lower === 'k' && AFTER_NUMBER.test(before)) return undefined;
    const negates = NEGATED_VERB.test(after) || CLAUSE_END.test(after) || FINAL_PARTICLE.test(after);
    // "k" and "hok" are never words of their own; "kh" followed by anything else is a kế hoạch.
    if (lower === 'k' || negates) expansion = 'không';
  } else if (FINAL_VAY.has(lower) && (QUESTION_END.test(after) || FINAL_PARTICLE.test(after))) {
    expansion = 'vậy';
  }
  if (expansion === undefined) return undefined;
  return capitalised ? expansion[0]!.toUpperCase() + expansion.slice(1) : expansion;
}

/**
 * Plain Vietnamese for a chat message: "ad oi HT chỉ tiêu … bn % z 😅" → "HT chỉ tiêu … bao nhiêu % vậy".
 * Words are rewritten only whole; numbers, "%", document numbers and final particles (ạ, nha, nhé) stay.
 * A message with nothing but a greeting, a vocative or emoji is returned unchanged.
 */
export function expandChatShorthand(text: string): string {
  let plain = cut(text, DECORATION);
  plain = cut(plain, VOCATIVE);
  plain = removeOpenings(plain);
  plain = cut(plain, FINAL_BOT);
  // A message that is only a greeting or a sticker says something all the same: it stays as it was.
  if (plain === '') return text;
  plain = plain.replace(MILLIONS, ' triệu');
  return plain.replace(TOKEN, (word: string, offset: number) => {
    const expanded = expandWord(word, plain.slice(0, offset), plain.slice(offset + word.length));
    return expanded ?? word;
  });
}
