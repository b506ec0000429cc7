import { KnowledgeFileError } from '../knowledge-file-error.ts';

/**
 * What one file may cost to read. Every cap is checked before the expensive step it guards (a zip's declared
 * sizes before inflating, a PDF's page count before its pages) and again while the step runs, so a small
 * hostile file is refused in milliseconds instead of filling the memory.
 */
export interface ReadLimits {
  /** Bytes of one compressed part once inflated: a PDF stream, a DOCX/ODT entry, and a zip's entries together. */
  maxInflatedBytes: number;
  /** Pages of a PDF. */
  maxPages: number;
  /** Characters of text one file may give. */
  maxTextChars: number;
  /** Bytes of front matter, checked before the YAML is parsed. */
  maxFrontMatterBytes: number;
  /** Keys of front matter (the YAML parser slows down with many keys). */
  maxFrontMatterKeys: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxInflatedBytes: 64 * 1024 * 1024,
  maxPages: 1000,
  maxTextChars: 5_000_000,
  maxFrontMatterBytes: 64 * 1024,
  maxFrontMatterKeys: 200,
});

/** The limits a refusal was made under: a refusal is remembered only while they stay the same. */
export function limitsKey(limits: Readonly<ReadLimits>): string {
  return [
    limits.maxInflatedBytes,
    limits.maxPages,
    limits.maxTextChars,
    limits.maxFrontMatterBytes,
    limits.maxFrontMatterKeys,
  ].join('/');
}

/** A file refused because reading it would cost more than a cap allows; remembered by content hash. */
export function overLimit(path: string, detail: string, line?: number): KnowledgeFileError {
  return new KnowledgeFileError('OVER_LIMIT', path, detail, line === undefined ? {} : { line });
}

export function megabytes(bytes: number): string {
  const value = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${String(value).replace('.', ',')} MB`;
}

/** Throws when a file's text is over the character cap. */
export function checkTextChars(path: string, chars: number, limits: Readonly<ReadLimits>): void {
  if (chars > limits.maxTextChars) {
    throw overLimit(
      path,
      `tệp cho ra quá nhiều chữ (hơn ${limits.maxTextChars.toLocaleString('vi-VN')} ký tự, giới hạn KNOWLEDGE_MAX_TEXT_CHARS): ` +
        'hãy tách thành nhiều tệp nhỏ hơn',
    );
  }
}
