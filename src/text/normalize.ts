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

/** A Vietnamese syllable without its tone: onset, one to three vowels, a final consonant. */
const BARE_SYLLABLE =
  /^(?:b|c|ch|d|đ|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?[aăâeêioôơuưy]{1,3}(?:c|ch|m|n|ng|nh|p|t)?$/;

/** True for one Vietnamese syllable, with or without its tone: "Tĩnh", "ha", "Nguyễn"; not "HàTĩnh", "nh". */
function isSyllable(word: string): boolean {
  let toneCount = 0;
  let bare = '';
  for (const ch of word.normalize('NFD')) {
    if (TONE_MARKS.has(ch)) toneCount++;
    else bare += ch;
  }
  // A capital after a small letter ("HàTĩnh", "haTinh") starts another word.
  if (toneCount > 1 || /\p{Ll}\p{Lu}/u.test(word)) return false;
  return BARE_SYLLABLE.test(bare.normalize('NFC').toLowerCase());
}

const FORMAT_RUN = /\p{Cf}+/gu;
const HAS_FORMAT = /\p{Cf}/u;
const LETTERS_BEFORE = /[\p{L}\p{M}]+$/u;
const LETTERS_AFTER = /^[\p{L}\p{M}]+/u;
const SYLLABLE_WINDOW = 12;

/**
 * Removes Unicode format characters (zero-width space and joiners, byte order mark, soft hyphen, bidi
 * marks), which are invisible but split words for every search. Web pages and chat apps put a zero-width
 * character either inside a word ("Tĩ\u200bnh") or where a space belongs ("Hà\u200bTĩnh"); Vietnamese
 * writes one syllable per word, so a run between two letters stands for a space exactly when each side
 * is a syllable of its own and the two together are not one.
 */
export function stripFormatCharacters(text: string): string {
  if (!HAS_FORMAT.test(text)) return text;
  return text.replace(FORMAT_RUN, (run: string, offset: number) => {
    // The longest syllable ("nghiêng") has seven letters: a run that fills the window is no syllable.
    const before = LETTERS_BEFORE.exec(text.slice(Math.max(0, offset - SYLLABLE_WINDOW), offset))?.[0];
    const after = LETTERS_AFTER.exec(text.slice(offset + run.length, offset + run.length + SYLLABLE_WINDOW))?.[0];
    if (!before || !after || before.length === SYLLABLE_WINDOW || after.length === SYLLABLE_WINDOW) return '';
    return isSyllable(before) && isSyllable(after) && !isSyllable(before + after) ? ' ' : '';
  });
}

/**
 * NFC plus canonical tone placement: "hoà" → "hòa", "thuỷ" → "thủy", NFD input → NFC. Format characters
 * are removed (see stripFormatCharacters): "Hà\u200bTĩnh" → "Hà Tĩnh".
 */
export function normalizeVietnamese(text: string): string {
  return stripFormatCharacters(text.normalize('NFC')).replace(WORD, cachedCanonicalSyllable);
}

function slowFold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().normalize('NFC');
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
const COMBINING_MARK = /\p{M}/u;

function foldChar(ch: string): string {
  const folded = FOLDED.get(ch);
  if (folded !== undefined) return folded;
  return COMBINING_MARK.test(ch) ? '' : ch.toLowerCase();
}

/**
 * foldChar of every UTF-16 code unit, filled in as code units are met: 0 not yet known, REMOVED for
 * combining marks, LONGER when the folded form is not one code unit (those go through foldChar).
 */
const FOLDED_UNITS = new Uint16Array(0x10000);
const REMOVED = 0xffff;
const LONGER = 0xfffe;
/** A format character (\p{Cf}): text with one is folded again after stripFormatCharacters. */
const FORMAT = 0xfffd;
let wideBuffer = new Uint16Array(256);
let narrowBuffer = Buffer.alloc(256);
const UTF16 = new TextDecoder('utf-16le');

function foldedUnit(code: number): number {
  let unit = FOLDED_UNITS[code]!;
  if (unit === 0) {
    const ch = String.fromCharCode(code);
    const folded = foldChar(ch);
    unit = HAS_FORMAT.test(ch)
      ? FORMAT
      : folded.length === 0
        ? REMOVED
        : folded.length === 1 && folded.charCodeAt(0) < LONGER
          ? folded.charCodeAt(0)
          : LONGER;
    FOLDED_UNITS[code] = unit;
  }
  return unit;
}

/**
 * Lower case, diacritics removed, đ → d: the form unaccented questions are matched in. Format characters
 * go as in normalizeVietnamese, so "Hà\u200bTĩnh" folds to "ha tinh".
 */
export function foldVietnamese(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  const length = lower.length;
  let first = 0;
  while (first < length && lower.charCodeAt(first) < 0x80) first++;
  if (first === length) return lower;
  // Folding is on the path of every passage indexed and every question asked: one pass over the code
  // units with a table lookup each, instead of a regular expression calling back for every accented letter.
  // Folded Vietnamese is mostly Latin-1, written byte by byte; the first wider unit switches to UTF-16.
  if (narrowBuffer.length < length) {
    narrowBuffer = Buffer.alloc(Math.max(length, narrowBuffer.length * 2));
    wideBuffer = new Uint16Array(narrowBuffer.length);
  }
  const narrow = narrowBuffer;
  const wide = wideBuffer;
  let isWide = false;
  let surrogates = false;
  let size = 0;
  let pieces: string[] | null = null;
  for (let i = first; i < length; i++) {
    const code = lower.charCodeAt(i);
    const unit = code < 0x80 || code >= LONGER ? code : foldedUnit(code);
    if (unit >= 0x100) {
      if (unit === REMOVED && code !== REMOVED) continue;
      // Rare, and whether one stands for a space depends on the letters around it.
      if (unit === FORMAT && code !== FORMAT) return foldVietnamese(stripFormatCharacters(text.normalize('NFC')));
      if (unit === LONGER && code !== LONGER) {
        // Rare (ligatures such as ǆ): keep what was folded so far as a piece and go on after it.
        pieces ??= [];
        pieces.push(
          isWide ? wideString(wide, size, surrogates) : narrow.toString('latin1', 0, size),
          foldChar(lower[i]!),
        );
        size = 0;
        continue;
      }
      if (!isWide) {
        for (let at = 0; at < size; at++) wide[at] = narrow[at]!;
        isWide = true;
      }
      if (unit >= 0xd800 && unit <= 0xdfff) surrogates = true;
    }
    if (isWide) wide[size++] = unit;
    else narrow[size++] = unit;
  }
  // Format characters outside the BMP (tags in flag emoji) are surrogate pairs the table cannot see.
  if (surrogates && HAS_FORMAT.test(lower)) return foldVietnamese(stripFormatCharacters(text.normalize('NFC')));
  const rest = isWide ? wideString(wide, size, surrogates) : narrow.toString('latin1', 0, size);
  const folded = pieces ? pieces.join('') + rest : rest;
  return first > 0 ? lower.slice(0, first) + folded : folded;
}

function wideString(units: Uint16Array, size: number, surrogates: boolean): string {
  // The decoder would replace a lone surrogate; only text with surrogates takes the slower exact path.
  if (!surrogates) return UTF16.decode(units.subarray(0, size));
  let text = '';
  for (let at = 0; at < size; at += 4096) {
    text += String.fromCharCode.apply(null, units.subarray(at, Math.min(size, at + 4096)) as unknown as number[]);
  }
  return text;
}

const WHITESPACE_RUN = /[\s\u00a0\u200b\ufeff]+/g;

/** Collapses runs of white space (including no-break spaces from web pages) and trims. */
export function collapseWhitespace(text: string): string {
  // Text whose only white space is single plain spaces needs just the trim; passages are split from
  // such text clause by clause, and a scan is far cheaper than a replacement at every space.
  return needsCollapse(text) ? text.replace(WHITESPACE_RUN, ' ').trim() : text.trim();
}

/** True when the text has white space (as \s, or a zero-width space) other than single plain spaces. */
function needsCollapse(text: string): boolean {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (i + 1 < length && isCollapsible(text.charCodeAt(i + 1))) return true;
    } else if (isCollapsible(code)) {
      return true;
    }
  }
  return false;
}

/** \s (JavaScript's WhiteSpace and LineTerminator) and the zero-width space. */
function isCollapsible(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
