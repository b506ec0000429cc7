import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ToolError } from '../tools/tool-error.ts';
import type { OcrCacheStore, PageReading, ScanReading } from './ocr-cache.ts';
import type { OcrAvailability, OcrEngine } from './ocr-engine.ts';
import { Slots } from './slots.ts';

/** One file that needs OCR, as the file reader describes it. */
export interface ScanRequest {
  /** Absolute path. The file is read again when its turn comes and dropped if its bytes changed meanwhile. */
  path: string;
  /** For logs: the path inside the knowledge folder. */
  source: string;
  /** SHA-256 of the bytes the request was made for (see `contentHash`). */
  hash: string;
  kind: 'pdf' | 'image';
  totalPages: number;
  /** 1-based pages without a text layer, in order: all of them, the reader applies its page cap. */
  ocrPages: number[];
  /** Pages whose own text layer is kept. */
  textPages: PageReading[];
}

export type ScanStatus =
  | { state: 'done'; reading: ScanReading; cached: boolean }
  /** Queued or running; `ahead` files are read before it. */
  | { state: 'pending'; ahead: number; pages: number }
  | { state: 'failed'; message: string }
  /** The programs OCR needs are not installed; `missing` names the Debian packages. */
  | { state: 'unavailable'; missing: string };

/**
 * OCR for scanned pages, off the event loop and in the background: `read` answers at once, with the text when
 * these bytes were read before (this run or the cache folder), else "pending" while the file waits its turn.
 * Listeners hear when a file is settled (read or failed), so the library can reload and make it answerable.
 */
export interface ScanReader {
  /** Pages per file read at most; further pages are listed in `ScanReading.unread`. */
  readonly maxPages: number;
  /** The finished reading of these bytes, if there is one under the current page cap. */
  lookup(hash: string, source: string): Promise<{ reading: ScanReading; cached: boolean } | null>;
  read(request: ScanRequest): Promise<ScanStatus>;
  /** Called after each file is settled; returns a function that stops the calls. */
  onSettled(listener: (source: string) => void): () => void;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  availability(): Promise<OcrAvailability>;
}

export interface ScanReaderOptions {
  engine: OcrEngine;
  cache: OcrCacheStore;
  logger: Logger;
  /** Pages recognised at once (each a child process). */
  concurrency: number;
  /** Rasterising and recognising one page may take this long; past it the page is skipped. */
  pageTimeoutMs: number;
  /** Pages per file. */
  maxPages: number;
  /** Where page images are rendered; default the OS temporary folder. */
  workDir?: string;
  /** How often a file another process is reading is looked for again in the shared cache. Default 2 s. */
  claimRetryMs?: number;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Finished readings kept in memory: enough for a large folder, bounded for a process that runs for months. */
const MEMORY_ENTRIES = 2000;
const CLAIM_RETRY_MS = 2000;

interface Job {
  request: ScanRequest;
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 10) / 100;
}

export class BackgroundScanReader implements ScanReader {
  readonly maxPages: number;
  private readonly queue: Job[] = [];
  private readonly running = new Map<string, Job>();
  /** Files another process sharing the cache is reading: looked for again in a while, without taking a slot. */
  private readonly deferred = new Map<string, NodeJS.Timeout>();
  private readonly pages: Slots;
  /** Readings finished in this process (cached: false) or found in the cache folder (cached: true). */
  private readonly memory = new Map<string, { reading: ScanReading; cached: boolean }>();
  /** Files that could not be read, by hash: not retried until their bytes change or the process restarts. */
  private readonly failures = new Map<string, string>();
  private readonly listeners = new Set<(source: string) => void>();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ScanReaderOptions) {
    this.maxPages = options.maxPages;
    this.pages = new Slots(options.concurrency);
  }

  availability(): Promise<OcrAvailability> {
    return this.options.engine.availability();
  }

  async lookup(hash: string, source: string): Promise<{ reading: ScanReading; cached: boolean } | null> {
    const known = this.memory.get(hash);
    if (known) return this.complete(known.reading) ? known : null;
    const stored = await this.options.cache.get(hash);
    if (!stored || !this.complete(stored)) return null;
    this.options.logger.info({ source, hash, pages: stored.pages.length }, 'OCR cache hit: not recognising again');
    return this.remember(stored, true);
  }

  async read(request: ScanRequest): Promise<ScanStatus> {
    const found = await this.lookup(request.hash, request.source);
    if (found) return { state: 'done', ...found };
    const failure = this.failures.get(request.hash);
    if (failure !== undefined) return { state: 'failed', message: failure };
    const available = await this.availability();
    if (!available.images || (request.kind === 'pdf' && !available.pdf)) {
      return { state: 'unavailable', missing: available.missing ?? 'tesseract-ocr-vie' };
    }
    const pages = Math.min(request.ocrPages.length, this.maxPages);
    if (this.running.has(request.hash) || this.deferred.has(request.hash)) return { state: 'pending', ahead: 0, pages };
    const queued = this.queue.findIndex((job) => job.request.hash === request.hash);
    if (queued >= 0) return { state: 'pending', ahead: this.running.size + queued, pages };
    this.queue.push({ request });
    this.options.logger.info({ source: request.source, pages, queued: this.queue.length }, 'OCR queued');
    const ahead = this.running.size + this.queue.length - 1;
    this.pump();
    return { state: 'pending', ahead, pages };
  }

  onSettled(listener: (source: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.running.size === 0 && this.deferred.size === 0;
  }

  /** A reading is complete when nothing was left unread, or when it was capped at least as low as now. */
  private complete(reading: ScanReading): boolean {
    return reading.unread.length === 0 || reading.maxPages >= this.maxPages;
  }

  private remember(reading: ScanReading, cached: boolean) {
    if (this.memory.size >= MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value!);
    const entry = { reading, cached };
    this.memory.set(reading.hash, entry);
    return entry;
  }

  /** Starts queued files while file slots are free; a file's pages then share the page slots. */
  private pump(): void {
    while (this.running.size < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running.set(job.request.hash, job);
      void this.process(job).then((outcome) => {
        const { hash, source } = job.request;
        this.running.delete(hash);
        if (outcome === 'deferred') {
          const timer = setTimeout(() => {
            this.deferred.delete(hash);
            this.queue.push(job);
            this.pump();
          }, this.options.claimRetryMs ?? CLAIM_RETRY_MS);
          timer.unref();
          this.deferred.set(hash, timer);
        } else {
          this.settled(source);
        }
        this.pump();
        if (this.isIdle()) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
    }
  }

  private settled(source: string): void {
    for (const listener of this.listeners) {
      try {
        listener(source);
      } catch (error) {
        this.options.logger.error({ err: error, source }, 'OCR listener failed');
      }
    }
  }

  /** Reads one file unless it is gone, changed, or being read by another process ('deferred'). Never throws. */
  private async process({ request }: Job): Promise<'settled' | 'deferred'> {
    const { logger, cache } = this.options;
    let bytes: Buffer;
    try {
      bytes = await readFile(request.path);
    } catch {
      logger.info({ source: request.source }, 'OCR skipped: the file is gone');
      return 'settled';
    }
    if (contentHash(bytes) !== request.hash) {
      // The next reload asks again for the new bytes.
      logger.info({ source: request.source }, 'OCR skipped: the file changed while it waited');
      return 'settled';
    }
    try {
      const stored = await cache.get(request.hash);
      if (stored && this.complete(stored)) {
        logger.info({ source: request.source }, 'OCR cache hit: read by another process');
        this.remember(stored, true);
        return 'settled';
      }
      // The longest a reading may take before its claim is taken for a crashed process's.
      const staleMs = this.options.pageTimeoutMs * (this.maxPages + 1);
      if (!(await cache.claim(request.hash, staleMs))) {
        logger.debug({ source: request.source }, 'OCR: another process is reading this file; waiting for it');
        return 'deferred';
      }
    } catch (error) {
      logger.warn({ err: error, source: request.source }, 'OCR cache unreadable; reading the file here');
    }
    try {
      await this.readClaimed(request, bytes);
    } finally {
      await cache.release(request.hash).catch(() => undefined);
    }
    return 'settled';
  }

  private async readClaimed(request: ScanRequest, bytes: Buffer): Promise<void> {
    const { logger } = this.options;
    const started = performance.now();
    const dir = await mkdtemp(join(this.options.workDir ?? tmpdir(), 'hoidap-ocr-'));
    try {
      const input = join(dir, request.kind === 'pdf' ? 'input.pdf' : 'input-image');
      await writeFile(input, bytes);
      const reading = await this.recognize(request, input, dir);
      const ocrPages = reading.pages.filter((page) => page.source === 'ocr');
      const failed = ocrPages.filter((page) => page.error !== undefined);
      if (failed.length === ocrPages.length && reading.pages.length === failed.length) {
        const message = failed[0]?.error ?? 'không nhận dạng được chữ';
        this.failures.set(request.hash, message);
        logger.warn({ source: request.source, reason: message }, 'OCR failed');
        return;
      }
      this.remember(reading, false);
      // A page that timed out may pass another time (a quieter machine, a longer OCR_PAGE_TIMEOUT_MS): only
      // complete readings are kept across restarts.
      if (failed.length === 0) {
        await this.options.cache
          .put(reading)
          .catch((error: unknown) => logger.warn({ err: error }, 'OCR cache not written; the file will be read again'));
      }
      const confidences = ocrPages.flatMap((page) => (page.confidence === null ? [] : [page.confidence]));
      logger.info(
        {
          source: request.source,
          pages: ocrPages.length,
          failedPages: failed.length,
          unread: reading.unread.length,
          confidence: confidences.length ? Math.round(confidences.reduce((a, b) => a + b) / confidences.length) : null,
          seconds: seconds(started),
        },
        'OCR finished',
      );
    } catch (error) {
      const message = `không nhận dạng được chữ: ${error instanceof Error ? error.message : String(error)}`;
      this.failures.set(request.hash, message);
      logger.error({ err: error, source: request.source }, 'OCR failed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async recognize(request: ScanRequest, input: string, dir: string): Promise<ScanReading> {
    const wanted = request.ocrPages.slice(0, this.maxPages);
    // Pages recognised under a lower cap are kept; only the pages not read yet are recognised.
    const previous = new Map(
      ((await this.options.cache.get(request.hash))?.pages ?? [])
        .filter((page) => page.source === 'ocr' && page.error === undefined)
        .map((page) => [page.page, page]),
    );
    const recognised = await Promise.all(
      wanted.map((page) => previous.get(page) ?? this.pages.run(() => this.recognizePage(request, input, dir, page))),
    );
    return {
      hash: request.hash,
      totalPages: request.totalPages,
      pages: [...request.textPages, ...recognised].sort((a, b) => a.page - b.page),
      unread: request.ocrPages.slice(this.maxPages),
      maxPages: this.maxPages,
    };
  }

  private async recognizePage(request: ScanRequest, input: string, dir: string, page: number): Promise<PageReading> {
    const { engine, pageTimeoutMs } = this.options;
    const started = performance.now();
    const left = () => Math.max(1, pageTimeoutMs - (performance.now() - started));
    try {
      const rendered =
        request.kind === 'pdf' ? await engine.rasterize(input, page, join(dir, `page-${page}`), left()) : null;
      const result = await engine.recognize(rendered?.path ?? input, join(dir, `text-${page}`), left(), rendered?.dpi);
      if (rendered) await rm(rendered.path, { force: true });
      return { page, source: 'ocr', text: result.text, confidence: result.confidence, seconds: seconds(started) };
    } catch (error) {
      return { page, source: 'ocr', text: '', confidence: null, seconds: seconds(started), error: pageError(error) };
    }
  }
}

/** Why a page gave no text, in Vietnamese for the file report. */
function pageError(error: unknown): string {
  if (error instanceof ToolError && error.code === 'TIMEOUT') {
    return 'quá thời gian nhận dạng cho một trang (OCR_PAGE_TIMEOUT_MS)';
  }
  if (error instanceof ToolError && error.code === 'MISSING') return `thiếu chương trình ${error.tool}`;
  const reason = error instanceof ToolError ? (error.stderr.trim().split('\n').at(-1) ?? '') : String(error);
  return `không đọc được ảnh, tệp có thể bị hỏng${reason ? ` (${reason.slice(0, 200)})` : ''}`;
}
