import { ABBREVIATIONS } from './abbreviations.ts';
import { foldVietnamese } from './normalize.ts';

/**
 * Turns Vietnamese text into search terms. Vietnamese writes one syllable per word, and meaning sits in
 * syllable pairs ("dịch vụ", "mức độ"), so terms are folded syllables plus adjacent-syllable bigrams.
 * Folding makes unaccented questions match; expanding abbreviations on both sides makes "DVC" match
 * "dịch vụ công".
 */

/** Abbreviations, already folded and split into syllables. */
const EXPANSIONS = new Map<string, string[]>(
  Object.entries(ABBREVIATIONS).map(([key, full]) => [key, foldVietnamese(full).split(' ')]),
);

/**
 * Phrases with the same meaning written differently ("mức độ 4" = "mức 4" = "cấp độ 4").
 * Applied on folded text, so every question and passage goes through the same rewrite.
 */
const PHRASE_REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/(?<!chu )\bky so\b/g, 'chu ky so'],
  [/\btai lieu dien tu\b/g, 'van ban dien tu'],
  [/\be-?mail\b/g, 'thu dien tu'],
  [/\b(?:trang web|website)\b/g, 'trang thong tin dien tu'],
  // Level 4 in the words of citizens and of Nghị định 42/2022 ("toàn trình"); written before "online" is.
  [/\b(?:nop ho so qua mang|lam thu tuc (?:online|qua mang)|tron ven truc tuyen|toan trinh)\b/g, 'muc 4'],
  // "bao nhiêu tiền" typed without marks: money, not "tiến" (forward) — the accented form is rewritten earlier.
  [/\b(bao nhieu|may|het) tien\b/g, '$1 kinh phi'],
  [/\bonline\b/g, 'truc tuyen'],
  // "Cung cấp trên môi trường mạng" is how decisions say online.
  [
    /\b(?:(?:tren|qua) moi truong mang|(?:qua|tren) mang(?! (?:luoi|xa hoi|dien rong|lan|wan|noi bo|truyen so lieu|bang rong|di dong|vien thong)\b))\b/g,
    'truc tuyen',
  ],
  [/\bcong ty\b/g, 'doanh nghiep'],
  // "Vô top 10" is what plans write as "nằm trong nhóm 10 tỉnh dẫn đầu".
  [/\b(?:vo|lot vao|lot) top\b/g, 'vao nhom'],
  [/\btop\b/g, 'nhom'],
  [/\bmay vi tinh\b/g, 'may tinh'],
  [/(\d)\s*(?:%|phan tram)/g, '$1%'],
  [/\bphan tram\b/g, '%'],
  [/\b(?:muc do|cap do)\b/g, 'muc'],
];

/**
 * Matches wherever one of the rewrites above would change the text (a bare "15%" is left as it is by
 * the percent rewrite, so it needs a space or "phan tram"): most passages need none, and one scan for
 * all of them is cheaper than ten.
 */
const ANY_PHRASE_REWRITE =
  /(?<!chu )\bky so\b|\btai lieu dien tu\b|\bnop ho so qua mang\b|\blam thu tuc\b|\btron ven truc tuyen\b|\btoan trinh\b|\b(?:bao nhieu|may|het) tien\b|\be-?mail\b|\b(?:trang web|website)\b|\bonline\b|\b(?:tren|qua) moi truong mang\b|\b(?:qua|tren) mang\b|\bcong ty\b|\btop\b|\bmay vi tinh\b|\d\s+%|phan tram|\b(?:muc do|cap do)\b/;

/** Function words that say nothing about a passage's subject. */
/**
 * Synonyms that must be rewritten before folding, because their folded form is ambiguous
 * ("tiền" money folds to "tien", like "tiến" forward and "tiện" convenient).
 */
export function rewriteAccented(text: string): string {
  const normalized = text.normalize('NFC');
  // The word is rare: a plain scan decides whether the Unicode-aware pattern needs to run at all.
  return MAYBE_TIEN.test(normalized) ? normalized.replace(TIEN, 'kinh phí') : normalized;
}

const TIEN = /(?<!\p{L})tiền(?!\p{L})/giu;
const MAYBE_TIEN = /ti[ềỀ]n/i;

const STOPWORDS = new Set(
  (
    'va cua cac nhung la thi ma o tai voi cho tu trong duoc da se dang nay do ay mot hay hoac theo ve nhu ' +
    'tren duoi khi de cung con nen vi bi boi ra vao len xuong giua ai gi nao sao the den'
  ).split(' '),
);

/** Words that make up a question rather than its subject ("bao nhiêu", "đúng không", "cho tôi biết"). */
const QUESTION_WORDS = new Set(
  (
    'bao nhieu may khong chua a nhi vay chu oi hoi biet minh toi tui em anh chi ban muon xin hay noi tra loi ' +
    'dung phai sai chinh xac vui long giup nhe ha kia nua thi sao nhu the nao la gi co khong roi rieng k ko hok ' +
    'chiem khoang kem cu the ad'
  ).split(' '),
);

/**
 * A text folded and with its phrases written one way ("trên môi trường mạng" as "trực tuyến", "100 %" as
 * "100%"), as the index reads it: what checks on a passage's words must look at to agree with the search.
 */
export function foldForSearch(text: string): string {
  // Folding drops tones wherever they sit, so tone placement needs no separate normalisation here.
  let folded = foldVietnamese(rewriteAccented(text));
  if (ANY_PHRASE_REWRITE.test(folded)) {
    for (const [pattern, replacement] of PHRASE_REWRITES) folded = folded.replace(pattern, replacement);
  }
  return folded;
}

/** Folded syllables of a text, abbreviations expanded, numbers kept as written ("57,600", "15%"). */
export function tokenize(text: string): string[] {
  const folded = foldForSearch(text);
  const tokens: string[] = [];
  const length = folded.length;
  let at = 0;
  while (at < length) {
    const start = at;
    const code = folded.charCodeAt(at);
    // A token is a number ("57,600", "15%") or a word, possibly joined ("e-learning", "tt&tt"): the scan
    // matches /\d+(?:[.,]\d+)*%?|[a-z]+(?:[&-][a-z]+)*/g without a match object per token.
    if (isDigit(code)) {
      do at++;
      while (isDigit(folded.charCodeAt(at)));
      for (;;) {
        const separator = folded.charCodeAt(at);
        if ((separator !== 46 && separator !== 44) || !isDigit(folded.charCodeAt(at + 1))) break;
        at += 2;
        while (isDigit(folded.charCodeAt(at))) at++;
      }
      if (folded.charCodeAt(at) === 37) at++;
    } else if (isLetter(code)) {
      do at++;
      while (isLetter(folded.charCodeAt(at)));
      for (;;) {
        const joiner = folded.charCodeAt(at);
        if ((joiner !== 38 && joiner !== 45) || !isLetter(folded.charCodeAt(at + 1))) break;
        at += 2;
        while (isLetter(folded.charCodeAt(at))) at++;
      }
    } else {
      at++;
      continue;
    }
    const token = folded.slice(start, at);
    const expansion = EXPANSIONS.get(token);
    if (expansion) {
      for (const part of expansion) tokens.push(part);
    } else if (isDigit(code)) {
      tokens.push(token);
      // "57,600" is also found by "57" and "600"; "3,4" (levels 3 and 4) by "3" and "4". The parts never
      // carry the percent sign: "37,15%" must not be found as "15%".
      if (token.includes('.') || token.includes(','))
        tokens.push(...token.replace('%', '').split(/[.,]/).filter(Boolean));
    } else if (token.includes('&') || token.includes('-')) {
      for (const part of token.split(/[&-]/)) tokens.push(...(EXPANSIONS.get(part) ?? [part]));
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

function termsOf(tokens: string[], skip: (token: string) => boolean): string[] {
  const terms: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!skip(token)) terms.push(token);
    const next = tokens[i + 1];
    if (next !== undefined && !(skip(token) && skip(next))) terms.push(`${token} ${next}`);
  }
  return terms;
}

/** True for a function word: indexed only inside bigrams ("dịch vụ của tỉnh" → "vu cua", "cua tinh"). */
export const isStopword = (token: string): boolean => STOPWORDS.has(token);
const isQueryNoise = (token: string): boolean => STOPWORDS.has(token) || QUESTION_WORDS.has(token);

/** Terms a passage is indexed under: content syllables and syllable bigrams. */
export function indexTerms(text: string): string[] {
  return termsOf(tokenize(text), isStopword);
}

/** Terms a question searches with: like indexTerms, without the words that only make it a question. */
export function queryTerms(text: string): string[] {
  return termsOf(tokenize(text), isQueryNoise);
}

/** True for a single-syllable term (bigrams contain a space). */
export function isUnigram(term: string): boolean {
  return !term.includes(' ');
}
