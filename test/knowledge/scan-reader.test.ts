import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderOcrCache, MemoryOcrCache, type OcrCacheStore } from '../../src/knowledge/ocr/ocr-cache.ts';
import type { OcrAvailability, OcrEngine, RecognizedText } from '../../src/knowledge/ocr/ocr-engine.ts';
import { BackgroundScanReader, contentHash, type ScanRequest } from '../../src/knowledge/ocr/scan-reader.ts';
import { ToolError } from '../../src/knowledge/tools/tool-error.ts';

/**
 * The OCR queue and cache with a fake engine that records its calls, so the background behaviour (pending,
 * once per content hash, page cap, concurrency, failures, cache across restarts) is tested without Tesseract.
 */

class FakeEngine implements OcrEngine {
  readonly recognised: string[] = [];
  running = 0;
  mostAtOnce = 0;
  /** Pages whose recognition throws this error. */
  failing = new Map<string, Error>();

  constructor(private readonly available: OcrAvailability = { images: true, pdf: true, missing: null }) {}

  async availability() {
    return this.available;
  }

  async rasterize(_pdf: string, page: number, outBase: string) {
    return { path: `${outBase}-page-${page}.pgm`, dpi: 300 };
  }

  async recognize(image: string): Promise<RecognizedText> {
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const page = /page-(\d+)/.exec(image)?.[1] ?? 'image';
      this.recognised.push(page);
      const failure = this.failing.get(page);
      if (failure) throw failure;
      return { text: `Trang ${page}: Quyết định số 14/2011/QĐ-UBND`, confidence: page === '2' ? 55 : 92 };
    } finally {
      this.running--;
    }
  }
}

const silent = pino({ level: 'silent' });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoidap-scan-reader-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function reader(engine: OcrEngine, options: { cache?: OcrCacheStore; maxPages?: number; concurrency?: number } = {}) {
  return new BackgroundScanReader({
    claimRetryMs: 20,
    engine,
    cache: options.cache ?? new MemoryOcrCache(),
    logger: silent,
    concurrency: options.concurrency ?? 1,
    pageTimeoutMs: 5000,
    maxPages: options.maxPages ?? 50,
    workDir: dir,
  });
}

async function scan(name: string, content: string, pages: number): Promise<ScanRequest> {
  const path = join(dir, name);
  await writeFile(path, content);
  return {
    path,
    source: name,
    hash: contentHash(Buffer.from(content)),
    kind: 'pdf',
    totalPages: pages,
    ocrPages: Array.from({ length: pages }, (_, i) => i + 1),
    textPages: [],
  };
}

describe('BackgroundScanReader', () => {
  it('answers "pending" at once, reads in the background, then answers with the pages in order', async () => {
    const engine = new FakeEngine();
    const scans = reader(engine);
    const settled: string[] = [];
    scans.onSettled((source) => settled.push(source));
    const request = await scan('a.pdf', 'scan a', 3);

    expect(await scans.read(request)).toEqual({ state: 'pending', ahead: 0, pages: 3 });
    // Asking again while it runs queues nothing more.
    expect((await scans.read(request)).state).toBe('pending');
    await scans.idle();

    expect(settled).toEqual(['a.pdf']);
    expect(engine.recognised).toEqual(['1', '2', '3']);
    const done = await scans.read(request);
    expect(done.state).toBe('done');
    if (done.state !== 'done') return;
    expect(done.cached).toBe(false);
    expect(done.reading.pages.map((page) => [page.page, page.confidence])).toEqual([
      [1, 92],
      [2, 55],
      [3, 92],
    ]);
  });

  it('keeps to its concurrency and reads files in the order they were asked for', async () => {
    const engine = new FakeEngine();
    const scans = reader(engine, { concurrency: 1 });
    const settled: string[] = [];
    scans.onSettled((source) => settled.push(source));
    const first = await scans.read(await scan('a.pdf', 'scan a', 2));
    const second = await scans.read(await scan('b.pdf', 'scan b', 2));
    expect([first, second].map((status) => status.state === 'pending' && status.ahead)).toEqual([0, 1]);
    await scans.idle();
    expect(settled).toEqual(['a.pdf', 'b.pdf']);
    expect(engine.mostAtOnce).toBe(1);
  });

  it('reads at most maxPages pages of a long scan and lists the rest as unread', async () => {
    const engine = new FakeEngine();
    const scans = reader(engine, { maxPages: 2 });
    const request = await scan('dai.pdf', 'a long scan', 200);
    expect(await scans.read(request)).toMatchObject({ state: 'pending', pages: 2 });
    await scans.idle();
    const done = await scans.read(request);
    if (done.state !== 'done') throw new Error(`expected done, got ${done.state}`);
    expect(engine.recognised).toEqual(['1', '2']);
    expect(done.reading.unread).toHaveLength(198);
    expect(done.reading.maxPages).toBe(2);
  });

  it('never recognises the same bytes twice: a new reader over the same cache folder finds them', async () => {
    const engine = new FakeEngine();
    const request = await scan('a.pdf', 'scan a', 2);
    const first = reader(engine, { cache: new FolderOcrCache(join(dir, 'cache')) });
    await first.read(request);
    await first.idle();

    const restarted = reader(engine, { cache: new FolderOcrCache(join(dir, 'cache')) });
    const found = await restarted.lookup(request.hash, 'a.pdf');
    expect(found?.cached).toBe(true);
    expect(found?.reading.pages.map((page) => page.text)).toEqual([
      'Trang 1: Quyết định số 14/2011/QĐ-UBND',
      'Trang 2: Quyết định số 14/2011/QĐ-UBND',
    ]);
    expect(engine.recognised).toEqual(['1', '2']);
  });

  it('reads a file once for all the processes that share the cache folder', async () => {
    const engine = new FakeEngine();
    const request = await scan('chung.pdf', 'shared scan', 3);
    const one = reader(engine, { cache: new FolderOcrCache(join(dir, 'shared')) });
    const other = reader(engine, { cache: new FolderOcrCache(join(dir, 'shared')) });
    const settled: string[] = [];
    other.onSettled((source) => settled.push(source));
    await one.read(request);
    // The other process asks while the first is reading: it waits for the result instead of reading too.
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect((await other.read(request)).state).toBe('pending');
    await Promise.all([one.idle(), other.idle()]);
    expect(engine.recognised).toEqual(['1', '2', '3']);
    expect(settled).toEqual(['chung.pdf']);
    expect(await other.read(request)).toMatchObject({ state: 'done', cached: true });
  });

  it('reports a file that cannot be read as failed, once, without retrying it on every reload', async () => {
    const engine = new FakeEngine();
    engine.failing.set('image', new ToolError('FAILED', 'tesseract', 'bad image', { stderr: 'Error in pixRead' }));
    const scans = reader(engine);
    const request: ScanRequest = { ...(await scan('hong.png', 'not an image', 1)), kind: 'image' };
    await scans.read(request);
    await scans.idle();
    const status = await scans.read(request);
    expect(status).toMatchObject({ state: 'failed' });
    expect(status.state === 'failed' && status.message).toContain('không đọc được ảnh');
    expect(engine.recognised).toEqual(['image']);
  });

  it('keeps the pages that were read when one page times out, and does not store that reading', async () => {
    const engine = new FakeEngine();
    engine.failing.set('2', new ToolError('TIMEOUT', 'tesseract', 'too slow'));
    const cache = new MemoryOcrCache();
    const scans = reader(engine, { cache });
    const request = await scan('cham.pdf', 'slow page two', 3);
    await scans.read(request);
    await scans.idle();
    const done = await scans.read(request);
    if (done.state !== 'done') throw new Error(`expected done, got ${done.state}`);
    expect(done.reading.pages.find((page) => page.page === 2)?.error).toContain('OCR_PAGE_TIMEOUT_MS');
    expect(await cache.get(request.hash)).toBeNull();
  });

  it('says what to install when the programs are missing, and queues nothing', async () => {
    const engine = new FakeEngine({ images: false, pdf: false, missing: 'tesseract-ocr tesseract-ocr-vie' });
    const scans = reader(engine);
    expect(await scans.read(await scan('a.pdf', 'scan a', 1))).toEqual({
      state: 'unavailable',
      missing: 'tesseract-ocr tesseract-ocr-vie',
    });
    expect(engine.recognised).toEqual([]);
  });

  it('drops a file that changed while it waited: the next reload asks for the new bytes', async () => {
    const engine = new FakeEngine();
    const scans = reader(engine);
    const request = await scan('a.pdf', 'first version', 1);
    await writeFile(request.path, 'second version');
    await scans.read(request);
    await scans.idle();
    expect(engine.recognised).toEqual([]);
  });
});
