import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';
import { launchChromium } from '../helpers/chromium.ts';

/**
 * /admin in a real headless Chromium with the browser's own Basic credentials: drag and drop upload, what was
 * understood per file, corrections saved to front matter and sidecars, removal, the reload button, and an
 * attack from a page on another 127.0.0.1 port that auto-submits forms to /admin.
 */

const ADMIN_TOKEN = 'quan-tri-bi-mat';
const UPLOAD_MAX_BYTES = 64 * 1024;
const HA_TINH = 'ha-tinh-4086-qd-ubnd-2012.md';
const PDF = new URL('../fixtures/quyet-dinh-mau.pdf', import.meta.url);

let root: string;
let folder: string;
let app: App;
let server: FastifyInstance;
let attacker: Server;
let browser: Browser;
let context: BrowserContext;
let base: string;
let attackerBase: string;
/** Every /admin request that reached the server: what the browser sent and what it got. */
const seen: Array<{ method: string; url: string; status: number; authorised: boolean; contentType: string }> = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoidap-admin-browser-'));
  folder = join(root, 'knowledge');
  await mkdir(folder);
  await copyFile(join(BUNDLED_KNOWLEDGE_DIR, HA_TINH), join(folder, HA_TINH));
  const config = loadConfig({
    ADMIN_TOKEN,
    KNOWLEDGE_DIR: folder,
    KNOWLEDGE_WATCH: 'false',
    OCR_CACHE_DIR: join(root, 'ocr-cache'),
    UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
  });
  app = await createApp({ config, logger: pino({ level: 'silent' }) });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  server.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/admin')) return;
    seen.push({
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      authorised: request.headers.authorization !== undefined,
      contentType: request.headers['content-type'] ?? '',
    });
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;

  // The attacker: another port on the same host (same site, other origin), pages that post to /admin on load.
  const attacks: Record<string, string> = {
    '/reload': `<form method="post" action="${base}/admin/reload" enctype="text/plain"><input name="x" value="y"></form>`,
    '/remove': `<form method="post" action="${base}/admin/remove"><input name="source" value="${HA_TINH}"><input name="_csrf" value="doan-bua"></form>`,
  };
  attacker = createHttpServer((request, response) => {
    const form = attacks[request.url ?? ''];
    response.writeHead(form ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(form ? `<!doctype html><body>${form}<script>document.forms[0].submit()</script></body>` : '');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerBase = `http://127.0.0.1:${(attacker.address() as { port: number }).port}`;

  browser = await launchChromium();
  context = await browser.newContext({ httpCredentials: { username: 'admin', password: ADMIN_TOKEN } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await server?.close();
  await app?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Opens /admin, failing the test on any script error or policy violation on the page. */
async function openAdmin(): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // The refusals the test provokes and the favicon the page does not have are not problems.
    if (message.type() !== 'error' || /status of 40[03]/.test(message.text())) return;
    if (!message.location().url.endsWith('/favicon.ico')) problems.push(`${message.text()} ${message.location().url}`);
  });
  await page.goto(`${base}/admin`);
  return { page, problems };
}

/** Drops files on the drop zone as a person dragging them from a file manager would. */
async function dropFiles(page: Page, files: Array<{ name: string; bytes: Buffer }>): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, base64: file.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    // Runs in the page; the test is compiled without the DOM types.
    const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (ch) => ch.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name));
    }
    return transfer;
  }, payload);
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
}

/** The header of the sample decision as a scanner would deliver it: an image, no text. */
async function scannedHeader(): Promise<Buffer> {
  const out = join(root, 'scan');
  // 150 dpi, cropped to the header: small enough that OCR takes well under a second.
  const area = ['-x', '0', '-y', '90', '-W', '1240', '-H', '330'];
  await promisify(execFile)('pdftoppm', ['-png', '-r', '150', '-singlefile', ...area, PDF.pathname, out]);
  return readFile(`${out}.png`);
}

describe('/admin in Chromium', () => {
  it('uploads by drag and drop, shows what was understood, saves corrections, removes, reloads', async () => {
    const { page, problems } = await openAdmin();
    const quangNinh = [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      'Số: 328/KH-UBND',
      'Quảng Ninh, ngày 15 tháng 5 năm 2019',
      '',
      'KẾ HOẠCH',
      'Ứng dụng công nghệ thông tin năm 2019',
    ].join('\n');
    await dropFiles(page, [
      { name: 'bac-ninh-14.pdf', bytes: await readFile(PDF) },
      { name: 'quảng ninh 328.txt', bytes: Buffer.from(quangNinh) },
      { name: 'qua-lon.pdf', bytes: Buffer.alloc(UPLOAD_MAX_BYTES + 1) },
      { name: 'tang-50%.md', bytes: Buffer.from('Nội dung') },
    ]);

    const pdf = page.locator('.upload.done[data-source="bac-ninh-14.pdf"]');
    await pdf.waitFor({ timeout: 15_000 });
    const understood = await pdf.locator('.facts').textContent();
    expect(understood).toContain('14/2011/QĐ-UBND');
    expect(understood).toContain('30/1/2011');
    expect(understood).toContain('Bắc Ninh');
    expect(await page.locator('.upload.done[data-source="quảng ninh 328.txt"] .facts').textContent()).toContain(
      '328/KH-UBND',
    );
    expect(await page.locator('.upload.failed[data-name="qua-lon.pdf"]').textContent()).toContain('vượt giới hạn');
    await page.locator('.upload.failed[data-name="tang-50%.md"]').waitFor();
    expect(await page.locator('.upload.failed[data-name="tang-50%.md"]').textContent()).toContain('%');
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['bac-ninh-14.pdf', 'quảng ninh 328.txt']));
    expect(await readdir(folder)).not.toContain('qua-lon.pdf');
    // Once the last upload is done, the documents table lists the new files.
    await page.locator('#documents tr[data-source="quảng ninh 328.txt"]').waitFor();
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });

    // Correct the PDF: a wrong date is refused with the reason, then the right values are saved in a sidecar.
    await pdf.locator('a.edit').click();
    await page.waitForURL(/\/admin\/edit\?source=/);
    expect(await page.inputValue('#so_hieu')).toBe('14/2011/QĐ-UBND');
    await page.fill('#so_hieu', '15/2011/QĐ-UBND');
    await page.fill('#ngay_ban_hanh', '31/02/2011');
    await page.click('form#edit button[type="submit"]');
    expect(await page.locator('#problems').textContent()).toContain('31/02/2011');
    expect(await page.inputValue('#so_hieu')).toBe('15/2011/QĐ-UBND');
    await page.fill('#ngay_ban_hanh', '01/02/2011');
    await page.fill('#thay_the', 'Quyết định số 1/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Bắc Ninh');
    await page.click('form#edit button[type="submit"]');
    await page.waitForURL(/\/admin\?ok=saved$/);
    const row = page.locator('#documents tr[data-source="bac-ninh-14.pdf"]');
    expect(await row.textContent()).toContain('15/2011/QĐ-UBND');
    expect(await row.textContent()).toContain('1/2/2011');
    expect(await readFile(join(folder, 'bac-ninh-14.pdf.meta.yaml'), 'utf8')).toBe(
      [
        'so_hieu: 15/2011/QĐ-UBND',
        'ngay_ban_hanh: 2011-02-01',
        'thay_the: Quyết định số 1/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Bắc Ninh',
        '',
      ].join('\n'),
    );

    // Correct the text file: saved in its front matter.
    await page.locator('#documents tr[data-source="quảng ninh 328.txt"] a.edit').click();
    await page.fill('#loai', 'Kế hoạch ứng dụng CNTT');
    await page.click('form#edit button[type="submit"]');
    await page.waitForURL(/\/admin\?ok=saved$/);
    expect(await readFile(join(folder, 'quảng ninh 328.txt'), 'utf8')).toMatch(
      /^---\nloai: Kế hoạch ứng dụng CNTT\n---\n\nỦY BAN NHÂN DÂN TỈNH QUẢNG NINH/,
    );

    // Remove the PDF, confirming the browser's dialog: the file and its sidecar go.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('form.remove button').click();
    await page.waitForURL(/\/admin\?ok=removed$/);
    expect(await page.locator('#documents tr[data-source="bac-ninh-14.pdf"]').count()).toBe(0);
    expect((await readdir(folder)).filter((name) => name.startsWith('bac-ninh'))).toEqual([]);

    // The reload button: a plain form post that used to get 415.
    await page.click('form#reload button');
    await page.waitForURL(/\/admin\?ok=reloaded$/);
    expect(await page.locator('.notice').textContent()).toContain('Đã nạp lại');
    expect(seen.filter((entry) => entry.url === '/admin/reload').map((entry) => entry.status)).toEqual([303]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a scan as being read by OCR, then what OCR understood, without a page reload', async () => {
    const { page, problems } = await openAdmin();
    await dropFiles(page, [{ name: 'bac-ninh-scan.png', bytes: await scannedHeader() }]);
    const reading = page.locator('.upload.ocr[data-source="bac-ninh-scan.png"]');
    await reading.waitFor({ timeout: 15_000 });
    expect(await reading.locator('.status').textContent()).toContain('Đang nhận dạng chữ (OCR)');
    const done = page.locator('.upload.done[data-source="bac-ninh-scan.png"]');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.locator('.reading').textContent()).toContain('OCR 1 trang');
    const understood = await done.locator('.facts').textContent();
    expect(understood).toContain('14/2011/QĐ-UBND');
    expect(understood).toContain('Bắc Ninh');
    await page.locator('#documents tr[data-source="bac-ninh-scan.png"]:not([data-pending])').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses forms auto-submitted by a page on another port, although the browser attaches the credentials', async () => {
    const { page } = await openAdmin(); // the admin is signed in: the browser holds the credentials and the cookie
    const before = seen.length;
    for (const attack of ['/reload', '/remove']) {
      const refused = page.waitForResponse(
        (response) => response.url().startsWith(`${base}/admin/`) && response.status() !== 401,
      );
      await page.goto(`${attackerBase}${attack}`);
      expect((await refused).status()).toBe(403);
    }
    const attempts = seen.slice(before).filter((entry) => entry.method === 'POST');
    expect(attempts.filter((entry) => entry.authorised).map((entry) => [entry.url, entry.status])).toEqual([
      ['/admin/reload', 403],
      ['/admin/remove', 403],
    ]);
    expect(attempts.find((entry) => entry.url === '/admin/reload')!.contentType).toContain('text/plain');
    expect(await readdir(folder)).toContain(HA_TINH);
    await page.close();
  });
});
