/**
 * Vietnamese text normalisation: one Unicode form (NFC), one tone placement, and a folded form
 * without diacritics so that "ha tinh dvc muc 4" meets "Hà Tĩnh … dịch vụ công … mức độ 4".
 * Pure functions: every other module builds on these.
 */

/** Combining tone marks, in NFD: grave, acute, hook above, tilde, dot below. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0309', '\u0303', '\u0323']);
/** Vowels that carry a quality mark (â ă ê ô ơ ư): the tone sits on them when present. */
const MARKED_VOWELS = new Set(['â', 'ă', 'ê', 'ô', 'ơ', 'ư']);
const PLAIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const WORD = /[\p{L}\p{M}]+/gu;
const FINAL_CONSONANT = /^(?:|c|ch|m|n|ng|nh|p|t)$/;

function isVowel(ch: string): boolean {
  const lower = ch.toLowerCase();
  return PLAIN_VOWELS.has(lower) || MARKED_VOWELS.has(lower);
}

/**
 * Where the tone mark goes in a syllable written without its tone, following the traditional
 * placement that Vietnamese government portals mostly use (hòa, thủy, hóa; hoàng, thuyền, quý, già).
 */
function tonePosition(letters: string[]): number {
  const lower = letters.map((ch) => ch.toLowerCase());
  let start = 0;
  while (start < lower.length && !isVowel(lower[start]!)) start++;
  // "qu" and "gi" followed by another vowel: the u / i belongs to the initial consonant.
  if (start > 0 && start + 1 < lower.length && isVowel(lower[start + 1]!)) {
    const initial = lower[start - 1]! + lower[start];
    if (initial === 'qu' || initial === 'gi') start++;
  }
  let end = start;
  while (end < lower.length && isVowel(lower[end]!)) end++;
  if (start >= end) return -1;
  // A Vietnamese syllable ends in at most one final consonant cluster; a vowel after it ("José",
  // "café") means a foreign word, whose accent stays where it is.
  if (!FINAL_CONSONANT.test(lower.slice(end).join(''))) return -1;
  const nucleus = lower.slice(start, end);
  const hasFinalConsonant = end < lower.length;

  const uoIndex = nucleus.findIndex((ch, i) => ch === 'ư' && nucleus[i + 1] === 'ơ');
  if (uoIndex >= 0) return start + uoIndex + 1;
  for (let i = nucleus.length - 1; i >= 0; i--) {
    if (MARKED_VOWELS.has(nucleus[i]!)) return start + i;
  }
  if (nucleus.length === 1) return start;
  if (hasFinalConsonant) return end - 1;
  if (nucleus.length === 3) return start + 1;
  return start;
}

/** Puts the tone of one syllable (a run of letters) on its canonical vowel. */
function canonicalSyllable(word: string): string {
  const decomposed = word.normalize('NFD');
  let tone = '';
  let toneCount = 0;
  let bare = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) {
      tone = ch;
      toneCount++;
    } else {
      bare += ch;
    }
  }
  // No tone, or something that is not one Vietnamese syllable (a word with two tones): leave it.
  if (toneCount !== 1) return word.normalize('NFC');
  const letters = [...bare.normalize('NFC')];
  const position = tonePosition(letters);
  if (position < 0) return word.normalize('NFC');
  letters[position] = (letters[position]! + tone).normalize('NFC');
  return letters.join('').normalize('NFC');
}

/**
 * Vietnamese has a few thousand distinct syllables, so remembering each one's canonical form makes
 * normalising a whole document cheap. Bounded so odd input cannot grow it without limit.
 */
const SYLLABLE_CACHE = new Map<string, string>();
const SYLLABLE_CACHE_LIMIT = 50_000;

function cachedCanonicalSyllable(word: string): string {
  // Plain ASCII words carry no tone to move.
  if (/^[a-zA-Z]*$/.test(word)) return word;
  let canonical = SYLLABLE_CACHE.get(word);
  if (canonical === undefined) {
    canonical = canonicalSyllable(word);
    if (SYLLABLE_CACHE.size >= SYLLABLE_CACHE_LIMIT) SYLLABLE_CACHE.clear();
    SYLLABLE_CACHE.set(word, canonical);
  }
  return canonical;
}

/** NFC plus canonical tone placement: "hoà" → "hòa", "thuỷ" → "thủy", NFD input → NFC. */
export function normalizeVietnamese(text: string): string {
  return text.normalize('NFC').replace(WORD, cachedCanonicalSyllable);
}

function slowFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

/**
 * Folded form of every Latin letter with diacritics, computed once: folding is on the path of every
 * passage indexed and every question asked, and a table lookup is far cheaper than NFD plus a regex.
 */
const FOLDED = new Map<string, string>();
for (const [from, to] of [
  [0x00c0, 0x024f],
  [0x1e00, 0x1eff],
]) {
  for (let code = from!; code <= to!; code++) {
    const ch = String.fromCharCode(code);
    FOLDED.set(ch, slowFold(ch));
  }
}
const NON_ASCII = /[^\x00-\x7f]/g;
const COMBINING_MARK = /\p{M}/u;

function foldChar(ch: string): string {
  const folded = FOLDED.get(ch);
  if (folded !== undefined) return folded;
  return COMBINING_MARK.test(ch) ? '' : ch.toLowerCase();
}

/** Lower case, diacritics removed, đ → d: the form unaccented questions are matched in. */
export function foldVietnamese(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(NON_ASCII, foldChar);
}

/** Collapses runs of white space (including no-break spaces from web pages) and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
