/**
 * Splits a reply that is too long for one platform message. Breaks fall at the largest boundary that makes
 * the pieces fit: paragraph, line, sentence, clause, word, and only for a single over-long word, anywhere.
 * The source block ("Nguồn: …", the answer's last paragraph) is kept whole and travels on the last part,
 * so whoever reads to the end sees where the figures come from.
 */

/** Boundaries from the largest to the smallest; each split keeps the separator on the piece before it. */
const BOUNDARIES: readonly RegExp[] = [
  /(?<=\n\n)/,
  /(?<=\n)/,
  /(?<=[.!?…]["”’»)\]]*[ \t]+)/u,
  /(?<=[;:,][ \t]+)/,
  /(?<=[ \t])/,
];

function fits(text: string, limit: number): boolean {
  return text.trim().length <= limit;
}

/** Cuts between characters (never inside a surrogate pair) so that each piece is at most `limit` long. */
function hardSplit(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const character of text) {
    if (current.length + character.length > limit) {
      pieces.push(current);
      current = '';
    }
    current += character;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Pieces that each fit, cut at the largest boundary that suffices; joined they give back the text. */
function pieces(text: string, limit: number, level = 0): string[] {
  if (fits(text, limit)) return [text];
  const boundary = BOUNDARIES[level];
  if (!boundary) return hardSplit(text, limit);
  return text.split(boundary).flatMap((piece) => pieces(piece, limit, level + 1));
}

/** Fills each part with as many consecutive pieces as fit. */
function pack(all: readonly string[], limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const piece of all) {
    if (current.trim() && !fits(current + piece, limit)) {
      parts.push(current.trim());
      current = '';
    }
    current += piece;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Where the source block starts: the last paragraph that begins with "Nguồn:", or -1. */
function sourceStart(text: string): number {
  if (text.startsWith('Nguồn:')) return 0;
  const index = text.lastIndexOf('\n\nNguồn:');
  return index < 0 ? -1 : index + 2;
}

export function splitMessage(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const clean = text.trim();
  if (clean.length <= limit) return clean ? [clean] : [];
  const start = sourceStart(clean);
  if (start < 0) return pack(pieces(clean, limit), limit);
  const source = clean.slice(start).trim();
  const parts = pack(pieces(clean.slice(0, start), limit), limit);
  const last = parts.at(-1);
  if (last !== undefined && `${last}\n\n${source}`.length <= limit) {
    parts[parts.length - 1] = `${last}\n\n${source}`;
  } else {
    parts.push(...pack(pieces(source, limit), limit));
  }
  return parts;
}
