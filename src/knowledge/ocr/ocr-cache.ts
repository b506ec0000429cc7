import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isRecord } from '../../util/is-record.ts';

/** One page of a scan as it was read: its own text layer, or OCR. */
export interface PageReading {
  /** 1-based. */
  page: number;
  source: 'text' | 'ocr';
  text: string;
  /** Mean word confidence 0–100 for OCR pages; null for text-layer pages and pages without words. */
  confidence: number | null;
  seconds: number;
  /** Why OCR gave nothing for this page (timeout…), in Vietnamese. */
  error?: string;
}

/** Everything read from one file, keyed by the SHA-256 of its bytes. */
export interface ScanReading {
  hash: string;
  totalPages: number;
  /** Pages read, in page order. */
  pages: PageReading[];
  /** Pages that needed OCR but were past the page cap. */
  unread: number[];
  /** The page cap in force when it was read: a higher cap later reads the pages left. */
  maxPages: number;
}

/**
 * Where OCR results are kept between runs, so that a restart or a reload never recognises the same bytes
 * twice. Implementations must tolerate a missing or damaged entry (a miss, not an error).
 */
export interface OcrCacheStore {
  get(hash: string): Promise<ScanReading | null>;
  put(reading: ScanReading): Promise<void>;
  /**
   * Claims the reading of these bytes, so that processes sharing the cache read each file once. False while
   * another holds a claim younger than `staleMs` (a crashed process's claim expires).
   */
  claim(hash: string, staleMs: number): Promise<boolean>;
  release(hash: string): Promise<void>;
}

/**
 * Bumped when what is stored changes meaning (another engine setting, another text clean-up), so that old
 * entries are read again rather than trusted.
 */
const CACHE_LAYOUT = 'v1-tesseract-vie-300dpi-psm1';

function isScanReading(value: unknown): value is ScanReading {
  return (
    isRecord(value) &&
    typeof value.hash === 'string' &&
    typeof value.totalPages === 'number' &&
    typeof value.maxPages === 'number' &&
    Array.isArray(value.unread) &&
    Array.isArray(value.pages) &&
    value.pages.every((page) => isRecord(page) && typeof page.page === 'number' && typeof page.text === 'string')
  );
}

/** One JSON file per content hash, under `<dir>/<layout>/<first two hex digits>/`; written atomically. */
export class FolderOcrCache implements OcrCacheStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, CACHE_LAYOUT);
  }

  private path(hash: string): string {
    return join(this.root, hash.slice(0, 2), `${hash}.json`);
  }

  async get(hash: string): Promise<ScanReading | null> {
    try {
      const value: unknown = JSON.parse(await readFile(this.path(hash), 'utf8'));
      return isScanReading(value) && value.hash === hash ? value : null;
    } catch {
      return null;
    }
  }

  private claimPath(hash: string): string {
    return join(this.root, hash.slice(0, 2), `${hash}.reading`);
  }

  async claim(hash: string, staleMs: number): Promise<boolean> {
    const path = this.claimPath(hash);
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        // 'wx' fails when the file exists: creating it is the claim, atomically, on a shared folder too.
        const file = await open(path, 'wx');
        await file.writeFile(`${hostname()}\n${process.pid}\n`);
        await file.close();
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return true; // no claims here: read it anyway
        const age = await stat(path).then(
          (info) => Date.now() - info.mtimeMs,
          () => Number.POSITIVE_INFINITY,
        );
        if (age < staleMs && !(await claimedByDeadProcess(path))) return false;
        await unlink(path).catch(() => undefined);
      }
    }
    return false;
  }

  async release(hash: string): Promise<void> {
    await unlink(this.claimPath(hash)).catch(() => undefined);
  }

  async put(reading: ScanReading): Promise<void> {
    const path = this.path(reading.hash);
    await mkdir(join(this.root, reading.hash.slice(0, 2)), { recursive: true });
    // Written beside the entry, then renamed: a reader (another process, a crash) never sees half a file.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(reading));
    await rename(partial, path);
  }
}

/** A claim left by a process of this machine that no longer runs (killed mid-OCR, then restarted). */
async function claimedByDeadProcess(path: string): Promise<boolean> {
  const [host, pid] = (await readFile(path, 'utf8').catch(() => '')).split('\n');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Keeps entries in this process only: for tests and for the bench's cold runs. */
export class MemoryOcrCache implements OcrCacheStore {
  private readonly entries = new Map<string, ScanReading>();

  async get(hash: string): Promise<ScanReading | null> {
    return this.entries.get(hash) ?? null;
  }

  async put(reading: ScanReading): Promise<void> {
    this.entries.set(reading.hash, reading);
  }

  async claim(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}
}
