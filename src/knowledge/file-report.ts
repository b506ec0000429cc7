import type { DocumentMetadata, KnowledgeDocument } from './document.ts';
import type { FileReading } from './file-reading.ts';

/**
 * What loading made of one file: shown by `kb check`, the admin view and the logs. Warnings and errors are
 * written in Vietnamese, naming the file (and line), because the people who act on them are the admins.
 */
export interface FileReport {
  /** Path relative to the knowledge folder, with forward slashes. */
  source: string;
  /** The document id when it loaded, null when it was skipped. */
  documentId: string | null;
  metadata: DocumentMetadata | null;
  /** How the text was obtained (typed, converted, OCR with pages, confidence and seconds); null when the file
   * was refused before reading (unsupported type, too large). `reading.state === 'pending'`: OCR is running. */
  reading: FileReading | null;
  warnings: string[];
  errors: Array<{ message: string; line?: number }>;
}

/** What loading made of one file, as the loader hands it on. */
export interface FileResult {
  report: FileReport;
  document: KnowledgeDocument | null;
}
