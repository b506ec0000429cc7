/**
 * Clean-up for text that came out of a DOCX or PDF rather than being typed: pure functions,
 * separate from the reader so that the repairs can be tested on their own.
 */

/** Per-line trim, runs of spaces (no-break spaces included) collapsed, at most one blank line in a row. */
export function tidyExtractedText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Repairs what PDF text layers commonly do to Vietnamese without touching ordinary text:
 * decomposed letters (NFD, or a space left between a letter and its tone mark, which no
 * correctly written text has), soft hyphens and zero-width characters, ragged spacing.
 */
export function repairPdfText(page: string): string {
  const repaired = page
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[^\S\r\n]+(?=\p{M})/gu, '')
    .normalize('NFC');
  return tidyExtractedText(repaired);
}
