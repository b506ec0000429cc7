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
  [/\bonline\b/g, 'truc tuyen'],
  [/\bcong ty\b/g, 'doanh nghiep'],
  [/\bmay vi tinh\b/g, 'may tinh'],
  [/(\d)\s*(?:%|phan tram)/g, '$1%'],
  [/\bphan tram\b/g, '%'],
  [/\b(?:muc do|cap do)\b/g, 'muc'],
];

/** Function words that say nothing about a passage's subject. */
/**
 * Synonyms that must be rewritten before folding, because their folded form is ambiguous
 * ("tiền" money folds to "tien", like "tiến" forward and "tiện" convenient).
 */
export function rewriteAccented(text: string): string {
  return text.normalize('NFC').replace(/(?<!\p{L})tiền(?!\p{L})/giu, 'kinh phí');
}

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

const TOKEN = /\d+(?:[.,]\d+)*%?|[a-z]+(?:[&-][a-z]+)*/g;

/** Folded syllables of a text, abbreviations expanded, numbers kept as written ("57,600", "15%"). */
export function tokenize(text: string): string[] {
  // Folding drops tones wherever they sit, so tone placement needs no separate normalisation here.
  let folded = foldVietnamese(rewriteAccented(text));
  for (const [pattern, replacement] of PHRASE_REWRITES) folded = folded.replace(pattern, replacement);
  const tokens: string[] = [];
  for (const [token] of folded.matchAll(TOKEN)) {
    const expansion = EXPANSIONS.get(token);
    if (expansion) {
      tokens.push(...expansion);
    } else if (/^\d/.test(token)) {
      tokens.push(token);
      // "57,600" is also found by "57" and "600"; "3,4" (levels 3 and 4) by "3" and "4". The parts never
      // carry the percent sign: "37,15%" must not be found as "15%".
      if (/[.,]/.test(token)) tokens.push(...token.replace('%', '').split(/[.,]/).filter(Boolean));
    } else if (/[&-]/.test(token)) {
      for (const part of token.split(/[&-]/)) tokens.push(...(EXPANSIONS.get(part) ?? [part]));
    } else {
      tokens.push(token);
    }
  }
  return tokens;
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

const isStopword = (token: string): boolean => STOPWORDS.has(token);
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
