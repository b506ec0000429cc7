/**
 * Sentence splitting for long replies: a reply that does not fit one message is cut where a reader would
 * pause, never inside "TP. Hồ Chí Minh", "57,600" or "1.000".
 */

/** Words that end in a period without ending the sentence ("TP. Hồ Chí Minh", "PGS. TS. Nguyễn…"). */
const ABBREVIATIONS = new Set([
  'TP',
  'Tp',
  'tp',
  'TX',
  'Tx',
  'TT',
  'Q',
  'P',
  'ThS',
  'Ths',
  'TS',
  'PGS',
  'GS',
  'KS',
  'BS',
  'CN',
  'NXB',
  'Tr',
  'tr',
  'St',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'No',
  'v.v',
  'vv',
  'Đ/c',
  'đ/c',
  'Th.S',
  'TP.HCM',
]);

/** A line break always ends a segment: lists and paragraphs read line by line. */
const LINE_BREAK = /[ \t]*\n\s*/g;
/** End of sentence: terminators, closing quotes or brackets, then spaces. */
const SENTENCE_END = /[.!?…]+["”’)\]»]*[ \t\u00a0]+/gu;
/** What may start a sentence: a capital, a digit, an opening quote or bracket, a list dash. */
const SENTENCE_START = /^[\p{Lu}\d“"‘'([«•-]/u;
const WORD_BEFORE = /[\p{L}\d./]+$/u;

function endsWithAbbreviation(before: string, terminator: string): boolean {
  if (terminator !== '.') return false;
  const word = WORD_BEFORE.exec(before)?.[0];
  if (!word) return false;
  // A single letter is an initial ("Nguyễn V. An") or a ward/district letter ("Q. 1").
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word);
}

/**
 * Cuts text into sentences (and lines). Each segment keeps the spaces that follow it, so joining the
 * segments gives the text back exactly.
 */
export function splitSentences(text: string): string[] {
  const cuts = new Set<number>();
  for (const match of text.matchAll(LINE_BREAK)) cuts.add(match.index + match[0].length);
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end >= text.length) continue;
    const terminator = /^[.!?…]+/u.exec(match[0])![0];
    if (endsWithAbbreviation(text.slice(0, match.index), terminator)) continue;
    if (!SENTENCE_START.test(text.slice(end))) continue;
    cuts.add(end);
  }
  const positions = [...cuts].filter((at) => at > 0 && at < text.length).sort((a, b) => a - b);
  const segments: string[] = [];
  let start = 0;
  for (const at of positions) {
    segments.push(text.slice(start, at));
    start = at;
  }
  if (start < text.length) segments.push(text.slice(start));
  return segments;
}

/** How long a piece of text is once sent; must be additive (the length of a + b is the sum). */
export type Measure = (text: string) => number;

/** Cuts one segment that is too long on its own: at spaces, or between characters for a space-less run. */
function cutLongSegment(segment: string, limit: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  const push = (): void => {
    if (current) pieces.push(current);
    current = '';
    size = 0;
  };
  for (const word of segment.split(/(?<=\s)/u)) {
    const wordSize = measure(word);
    if (size + wordSize <= limit) {
      current += word;
      size += wordSize;
      continue;
    }
    push();
    if (wordSize <= limit) {
      current = word;
      size = wordSize;
      continue;
    }
    // Code points, so a surrogate pair (an emoji) is never cut in half.
    for (const char of word) {
      const charSize = measure(char);
      if (size + charSize > limit) push();
      current += char;
      size += charSize;
    }
  }
  push();
  return pieces;
}

/**
 * Packs text into as few pieces as possible, each at most `limit` long as measured, cutting only between
 * sentences unless a single sentence is longer than the limit. Pieces are trimmed; empty ones dropped.
 */
export function packSentences(text: string, limit: number, measure: Measure = (piece) => piece.length): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  for (const segment of splitSentences(text)) {
    const segmentSize = measure(segment);
    if (size + segmentSize <= limit) {
      current += segment;
      size += segmentSize;
      continue;
    }
    pieces.push(current);
    if (segmentSize <= limit) {
      current = segment;
      size = segmentSize;
      continue;
    }
    const cut = cutLongSegment(segment, limit, measure);
    pieces.push(...cut.slice(0, -1));
    current = cut.at(-1) ?? '';
    size = measure(current);
  }
  pieces.push(current);
  return pieces.map((piece) => piece.trim()).filter((piece) => piece.length > 0);
}
