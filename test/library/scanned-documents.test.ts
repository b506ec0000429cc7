import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { type Logger, pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import type { FileReport } from '../../src/knowledge/load-knowledge-folder.ts';
import { type KnowledgeWatcher, watchKnowledge } from '../../src/library/knowledge-watcher.ts';
import { BAC_NINH_14, imagesToPdf, renderDecisionPdf, scanPages } from '../fixtures/scanned-decision.ts';
import { waitFor } from '../helpers/wait-for.ts';

/**
 * What an admin does with real files while the bot runs: drops a scanned decision (image-only, skewed, noisy),
 * a legacy .doc, a 200-page scan and broken files into the watched folder, then restarts. Runs the real
 * Tesseract, pdftoppm and antiword (.ci/run installs them); the scans are rendered by the test itself.
 */

const DOC_FIXTURE = fileURLToPath(new URL('../fixtures/quyet-dinh-bac-ninh.doc', import.meta.url));
const QUESTION = 'Bắc Ninh đặt mục tiêu bao nhiêu phần trăm văn bản trao đổi dưới dạng điện tử đến năm 2015?';
const CITATION = /Quyết định số 14\/2011\/QĐ-UBND ngày 30\/0?1\/2011 của UBND tỉnh Bắc Ninh/;
const OCR_TIMEOUT_MS = 120_000;

let folder: string;
let cacheDir: string;
let app: App;
let watcher: KnowledgeWatcher;
let logLines: string[] = [];
/** The decision's page as a scanner gives it (PNG), rendered once. */
let scannedPage: Buffer;

function capturingLogger(): Logger {
  logLines = [];
  return pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
}

function start(): Promise<App> {
  const config = loadConfig({
    KNOWLEDGE_DIR: folder,
    OCR_CACHE_DIR: cacheDir,
    OCR_MAX_PAGES: '2',
    OCR_CONCURRENCY: '1',
  });
  return createApp({ config, logger: capturingLogger() });
}

function report(source: string): FileReport | undefined {
  return app.library.reports().find((candidate) => candidate.source === source);
}

/** The report of a file once it has become a document, else null. */
function loaded(source: string): FileReport | null {
  const found = report(source);
  return found?.documentId ? found : null;
}

function ask(text: string) {
  return app.assistant.ask({ channel: 'test', user: 'admin', text });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hoidap-scans-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'hoidap-ocr-cache-'));
  await copyFile(join(BUNDLED_KNOWLEDGE_DIR, 'ha-tinh-4086-qd-ubnd-2012.md'), join(folder, 'ha-tinh.md'));
  [scannedPage] = (await scanPages(await renderDecisionPdf(BAC_NINH_14))) as [Buffer];
  app = await start();
  watcher = watchKnowledge(app.library, folder, app.logger);
  await new Promise((resolve) => setTimeout(resolve, 300));
});

afterAll(async () => {
  await watcher.close();
  await app.close();
  await rm(folder, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe('scanned and legacy documents in a watched folder', () => {
  it(
    'makes a dropped scan answerable with its citation once OCR finishes, answering from the rest meanwhile',
    async () => {
      await writeFile(join(folder, 'bac-ninh-14.pdf'), await imagesToPdf([scannedPage]));
      const pending = await waitFor(
        () => report('bac-ninh-14.pdf')?.reading?.state === 'pending' && report('bac-ninh-14.pdf'),
        'the scan reported as pending',
        { timeoutMs: 15_000 },
      );
      expect(pending.documentId).toBeNull();
      expect(pending.warnings.join(' ')).toContain('đang nhận dạng chữ (OCR) 1 trang');
      // The bot keeps answering from the other documents while the scan is read.
      expect((await ask('Hà Tĩnh đặt mục tiêu dịch vụ công mức độ 4 bao nhiêu?')).answer).toContain('15%');

      const done = await waitFor(() => loaded('bac-ninh-14.pdf'), 'the OCR', {
        timeoutMs: OCR_TIMEOUT_MS,
        intervalMs: 100,
      });
      expect(done.metadata).toMatchObject({
        number: '14/2011/QĐ-UBND',
        date: '2011-01-30',
        issuer: 'UBND tỉnh Bắc Ninh',
        province: 'Bắc Ninh',
        type: 'Quyết định',
      });
      expect(done.reading).toMatchObject({ method: 'ocr', state: 'done', pages: 1, ocrPages: 1, cached: false });
      expect(done.reading!.confidence).toBeGreaterThan(70);
      expect(done.reading!.summary).toMatch(/^OCR 1 trang, độ tin cậy trung bình \d+%, [\d,]+ giây$/);

      const answer = await ask(QUESTION);
      expect(answer.grounded).toBe(true);
      expect(answer.answer).toContain('80%');
      expect(answer.answer).toMatch(CITATION);
    },
    OCR_TIMEOUT_MS,
  );

  it('reads a dropped Word 97–2003 .doc with antiword: the same number, date, issuer and province', async () => {
    await copyFile(DOC_FIXTURE, join(folder, 'bac-ninh-14.doc'));
    const done = await waitFor(() => loaded('bac-ninh-14.doc'), 'the .doc', {
      timeoutMs: 15_000,
    });
    expect(done.metadata).toMatchObject({
      number: '14/2011/QĐ-UBND',
      date: '2011-01-30',
      issuer: 'UBND tỉnh Bắc Ninh',
      province: 'Bắc Ninh',
      type: 'Quyết định',
    });
    expect(done.reading).toMatchObject({ method: 'converted', summary: 'chuyển sang chữ bằng antiword' });
    // The scan and the .doc are one decision: the admin is told, and the answer cites it either way.
    expect(done.warnings.join(' ')).toContain('trùng số hiệu 14/2011/QĐ-UBND');
    const answer = await ask(QUESTION);
    expect(answer.answer).toContain('80%');
    expect(answer.answer).toMatch(CITATION);
  });

  it(
    'reads only the first OCR_MAX_PAGES pages of a 200-page scan and says so in Vietnamese',
    async () => {
      const pdf = await PDFDocument.create();
      const image = await pdf.embedPng(scannedPage);
      // One image drawn on 200 pages: a long scan that stays a small file.
      for (let i = 0; i < 200; i++) pdf.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
      await writeFile(join(folder, 'ho-so-200-trang.pdf'), await pdf.save());

      const done = await waitFor(
        () => report('ho-so-200-trang.pdf')?.reading?.state === 'done' && report('ho-so-200-trang.pdf'),
        'the capped OCR',
        { timeoutMs: OCR_TIMEOUT_MS, intervalMs: 100 },
      );
      expect(done.reading).toMatchObject({ pages: 200, ocrPages: 2 });
      expect(done.warnings).toContainEqual(
        'bản scan có 200 trang cần OCR, vượt giới hạn 2 trang (OCR_MAX_PAGES): chỉ nhận dạng 2 trang đầu, ' +
          '198 trang sau (trang 3, 4, 5, 6, 7, 8…) chưa được đọc',
      );
    },
    OCR_TIMEOUT_MS,
  );

  it('skips and reports a corrupt image and a corrupt PDF; the rest keeps answering', async () => {
    await writeFile(join(folder, 'hong.png'), scannedPage.subarray(0, 2000)); // a real PNG header, then nothing
    await writeFile(join(folder, 'hong.pdf'), '%PDF-1.7\nđây không phải là PDF\n%%EOF');
    const broken = await waitFor(
      () => {
        const png = report('hong.png');
        const pdf = report('hong.pdf');
        return png?.errors.length && pdf?.errors.length ? { png, pdf } : null;
      },
      'both broken files reported',
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(broken.png.documentId).toBeNull();
    expect(broken.png.errors[0]!.message).toMatch(/^hong\.png: không đọc được ảnh, tệp có thể bị hỏng/);
    expect(broken.pdf.errors[0]!.message).toMatch(/^hong\.pdf: không đọc được tệp PDF .*tệp có thể bị hỏng/);
    expect((await ask(QUESTION)).answer).toContain('80%');
  }, 60_000);

  it('does not OCR again after a restart: the cache answers, and the log says so', async () => {
    await watcher.close();
    await app.close();
    const started = performance.now();
    app = await start();
    watcher = watchKnowledge(app.library, folder, app.logger);
    const seconds = (performance.now() - started) / 1000;

    for (const source of ['bac-ninh-14.pdf', 'ho-so-200-trang.pdf']) {
      expect(report(source)?.documentId, source).not.toBeNull();
      expect(report(source)?.reading).toMatchObject({ method: 'ocr', cached: true });
    }
    expect(report('bac-ninh-14.pdf')!.reading!.summary).toContain('kết quả đã lưu, không OCR lại');
    const messages = logLines.map((line) => JSON.parse(line) as { msg: string; source?: string });
    expect(
      messages
        .filter((line) => line.msg.startsWith('OCR cache hit'))
        .map((line) => line.source)
        .sort(),
    ).toEqual(['bac-ninh-14.pdf', 'ho-so-200-trang.pdf']);
    expect(messages.some((line) => line.msg === 'OCR queued' && line.source !== 'hong.png')).toBe(false);
    expect(seconds).toBeLessThan(10);
    expect((await ask(QUESTION)).answer).toMatch(CITATION);
  }, 60_000);
});
