import type { FileReading } from './file-reading.ts';

export type KnowledgeFileErrorCode =
  | 'UNSUPPORTED_TYPE'
  | 'TOO_LARGE'
  | 'BINARY'
  | 'EMPTY'
  | 'BAD_FRONT_MATTER'
  | 'UNREADABLE'
  /** A program the format needs (tesseract, antiword…) is not installed. */
  | 'UNAVAILABLE'
  /** Not an error yet: the file waits for OCR and becomes a document when it finishes. */
  | 'OCR_PENDING'
  /** Reading would cost more than a cap allows (inflated bytes, pages, characters, front matter, time, memory). */
  | 'OVER_LIMIT';

export interface KnowledgeFileErrorOptions {
  /** 1-based line in the file, when the problem is at a known place (front matter). */
  line?: number;
  cause?: unknown;
  /** How far reading got, for the file report (OCR pending, a program missing…). */
  reading?: FileReading;
}

/**
 * A file of the knowledge folder that cannot be turned into a document. The message always names
 * the file (and the line when known) so that `kb check` output can be acted on without guessing.
 */
export class KnowledgeFileError extends Error {
  override readonly name = 'KnowledgeFileError';
  readonly code: KnowledgeFileErrorCode;
  readonly file: string;
  /** The message without the file and line, so it can be carried across a process boundary and rebuilt. */
  readonly detail: string;
  readonly line?: number;
  readonly reading?: FileReading;

  constructor(code: KnowledgeFileErrorCode, file: string, detail: string, options: KnowledgeFileErrorOptions = {}) {
    const where = options.line === undefined ? file : `${file}:${options.line}`;
    super(`${where}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = file;
    this.detail = detail;
    if (options.line !== undefined) this.line = options.line;
    if (options.reading !== undefined) this.reading = options.reading;
  }
}
