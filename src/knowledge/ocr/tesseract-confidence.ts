/**
 * Tesseract's TSV output, one row per layout element; rows of level 5 are words, with a confidence of
 * 0–100 (−1 for rows that are not words). Pure, so it is tested on captured output.
 */

export interface WordConfidence {
  /** Mean confidence of the recognised words, 0–100, rounded to one decimal; null when no word was found. */
  mean: number | null;
  words: number;
}

const WORD_LEVEL = '5';

export function wordConfidence(tsv: string): WordConfidence {
  let sum = 0;
  let words = 0;
  for (const line of tsv.split('\n').slice(1)) {
    const cells = line.split('\t');
    if (cells[0] !== WORD_LEVEL || cells.length < 12) continue;
    const confidence = Number(cells[10]);
    if (!Number.isFinite(confidence) || confidence < 0 || !cells[11]!.trim()) continue;
    sum += confidence;
    words++;
  }
  return { mean: words === 0 ? null : Math.round((sum / words) * 10) / 10, words };
}
