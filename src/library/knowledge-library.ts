import type { Logger } from 'pino';
import type { KnowledgeReaders } from '../knowledge/knowledge-readers.ts';
import { type FileReport, loadKnowledgeFolder } from '../knowledge/load-knowledge-folder.ts';
import type { FileReadingSetup } from '../knowledge/parsing/isolated-reading.ts';
import { ReadCache } from '../knowledge/read-cache.ts';
import { buildKnowledgeBase, buildKnowledgeBaseInSlices, type KnowledgeBase } from '../search/knowledge-base.ts';

export interface KnowledgeLibraryOptions {
  dir: string;
  maxFileBytes?: number;
  logger: Logger;
  /** Told the number of documents after every reload (metrics). */
  onReload?: (documents: number) => void;
  /** OCR and converters for scans and legacy formats; without them such files are reported, not read. */
  readers?: Partial<KnowledgeReaders>;
  /**
   * Caps, parser and remembered refusals. The bot and `kb check` parse in child processes
   * (`createIsolatedReading`); without this, files are parsed in this process with the default caps.
   */
  reading?: FileReadingSetup;
}

/**
 * The knowledge folder as the running bot sees it: the current knowledge base and what loading made of
 * each file. `reload()` builds a new base beside the old one and swaps the reference in one step, so a
 * question is always answered from one consistent base.
 */
export class KnowledgeLibrary {
  private base: KnowledgeBase = buildKnowledgeBase([]);
  private fileReports: FileReport[] = [];
  /** What each file gave last time: a reload reads only new and changed files. */
  private readonly cache = new ReadCache();

  constructor(private readonly options: KnowledgeLibraryOptions) {
    // OCR runs in the background: a scan becomes a document on the reload after it is read (from the cache).
    options.readers?.scans?.onSettled(() => {
      this.reload().catch((error: unknown) =>
        options.logger.error({ err: error }, 'knowledge reload after OCR failed; keeping the previous documents'),
      );
    });
  }

  current(): KnowledgeBase {
    return this.base;
  }

  reports(): readonly FileReport[] {
    return this.fileReports;
  }

  /**
   * Reloads the folder. Reloads never overlap: one asked for while another runs waits for it and then runs
   * once more, so the last change on disk is always picked up. Everyone asking while that next run is still
   * waiting shares it: ten files uploaded during a reload cost one more reload, not ten.
   */
  async reload(): Promise<{ documents: number; reports: readonly FileReport[] }> {
    if (this.queued) return this.queued;
    const next = this.pending
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.load();
      });
    this.queued = next;
    this.pending = next;
    return next;
  }

  private pending: Promise<unknown> = Promise.resolve();
  private queued: Promise<{ documents: number; reports: readonly FileReport[] }> | null = null;

  private async load(): Promise<{ documents: number; reports: readonly FileReport[] }> {
    const { dir, maxFileBytes, logger } = this.options;
    const started = performance.now();
    const loaded = await loadKnowledgeFolder(dir, {
      ...(maxFileBytes === undefined ? {} : { maxBytes: maxFileBytes }),
      ...(this.options.readers ? { readers: this.options.readers } : {}),
      ...this.options.reading,
      cache: this.cache,
    });
    // Built beside the current base in slices that yield, then swapped in one assignment.
    const base = await buildKnowledgeBaseInSlices(loaded.documents);
    this.base = base;
    this.fileReports = loaded.reports;
    this.options.onReload?.(base.documents.length);
    for (const report of loaded.reports) {
      for (const error of report.errors) logger.error({ source: report.source, line: error.line }, error.message);
    }
    logger.info(
      {
        dir,
        documents: base.documents.length,
        passages: base.index.size,
        skipped: loaded.reports.filter((report) => report.documentId === null).length,
        ms: Math.round(performance.now() - started),
      },
      'knowledge loaded',
    );
    return { documents: base.documents.length, reports: loaded.reports };
  }
}
