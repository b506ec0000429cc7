import type { Logger } from 'pino';
import { commandLineWordConverter, type LegacyWordConverter } from './formats/legacy-word.ts';
import { FolderOcrCache } from './ocr/ocr-cache.ts';
import type { OcrEngine } from './ocr/ocr-engine.ts';
import { BackgroundScanReader, type ScanReader } from './ocr/scan-reader.ts';
import { tesseractEngine } from './ocr/tesseract-engine.ts';
import { toolRuns } from './tools/run-tool.ts';

/** The outside programs some formats need, handed to the file reader. */
export interface KnowledgeReaders {
  /** OCR for scanned PDFs and images; null where OCR is not set up (the files are then reported, not read). */
  scans: ScanReader | null;
  /** `.doc` and `.odt`. */
  word: LegacyWordConverter;
}

export interface OcrSettings {
  /** Where OCR results are kept, by content hash; outside the knowledge folder. */
  cacheDir: string;
  concurrency: number;
  pageTimeoutMs: number;
  maxPages: number;
}

export interface KnowledgeReadersOptions {
  ocr: OcrSettings;
  logger: Logger;
  /** Default: Tesseract and pdftoppm. */
  engine?: OcrEngine;
}

/**
 * The readers of a running bot. Checks once, in the background, which programs are installed, and says in one
 * log line what this machine cannot read and what to install; everything else keeps working without them.
 */
export function createKnowledgeReaders({ ocr, logger, engine = tesseractEngine() }: KnowledgeReadersOptions) {
  const scans = new BackgroundScanReader({
    engine,
    cache: new FolderOcrCache(ocr.cacheDir),
    logger: logger.child({ component: 'ocr' }),
    concurrency: ocr.concurrency,
    pageTimeoutMs: ocr.pageTimeoutMs,
    maxPages: ocr.maxPages,
  });
  void reportMissingPrograms(scans, logger);
  return { scans, word: commandLineWordConverter() } satisfies KnowledgeReaders;
}

async function reportMissingPrograms(scans: ScanReader, logger: Logger): Promise<void> {
  const [ocr, antiword, odt2txt] = await Promise.all([
    scans.availability(),
    toolRuns('antiword', ['-h']),
    toolRuns('odt2txt', ['--version']),
  ]);
  const missing: Record<string, string> = {};
  if (ocr.missing) missing.scans = `OCR unavailable: install ${ocr.missing}`;
  if (!antiword) missing.doc = '.doc unavailable: install antiword';
  if (!odt2txt) missing.odt = '.odt unavailable: install odt2txt';
  if (Object.keys(missing).length > 0) {
    logger.warn(missing, 'some document formats cannot be read on this machine; the others load as usual');
  }
}
