import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';

/** /admin through inject(): tokens and their throttle, CSRF, headers, upload limits and names, corrections, removal. */

const ADMIN_TOKEN = 'quan-tri-bi-mat';
const UPLOAD_MAX_BYTES = 32 * 1024;
const PDF = new URL('../fixtures/quyet-dinh-mau.pdf', import.meta.url);
const HA_TINH = 'ha-tinh-4086-qd-ubnd-2012.md';
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const basic = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` };

let root: string;
let folder: string;
let app: App;
let server: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoidap-admin-'));
  folder = join(root, 'knowledge');
  await rm(folder, { recursive: true, force: true });
  await import('node:fs/promises').then(({ mkdir }) => mkdir(folder));
  await copyFile(join(BUNDLED_KNOWLEDGE_DIR, HA_TINH), join(folder, HA_TINH));
  await writeFile(join(folder, 'tang-50%.md'), '---\nso_hieu: 50/KH\ntinh: Hà Tĩnh\n---\n\nKế hoạch tăng 50%.\n');
  const config = loadConfig({
    ADMIN_TOKEN,
    KNOWLEDGE_DIR: folder,
    UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    PUBLIC_URL: 'https://hoidap.example.vn',
    LOG_LEVEL: 'silent',
  });
  app = await createApp({ config, logger: pino({ level: 'silent' }) });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.ready();
});

afterAll(async () => {
  await server.close();
  await app.close();
  await rm(root, { recursive: true, force: true });
});

/** A browser session: the cookie and the CSRF token the admin page hands out. */
async function browserSession(): Promise<{ cookie: string; csrf: string }> {
  const response = await server.inject({ url: '/admin', headers: basic });
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(response.body)![1]!;
  return { cookie, csrf };
}

function upload(name: string, body: Buffer | string, headers: InjectOptions['headers'] = {}) {
  return server.inject({
    method: 'PUT',
    url: `/admin/api/files/${name}`,
    payload: body,
    headers: { ...bearer, 'content-type': 'application/octet-stream', ...headers },
  });
}

function postJson(url: string, body: unknown, headers: InjectOptions['headers'] = bearer) {
  return server.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { ...headers, 'content-type': 'application/json' },
  });
}

describe('security headers', () => {
  it('sends a strict policy without inline script on every admin response, even a refusal', async () => {
    for (const options of [
      { url: '/admin', headers: bearer },
      { url: '/admin' },
      { url: '/admin/static/admin.js', headers: bearer },
    ]) {
      const response = await server.inject(options);
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves the admin script as a file and has no inline script in its pages', async () => {
    const page = await server.inject({ url: '/admin', headers: bearer });
    expect(page.body).toContain('<script src="/admin/static/admin.js" defer></script>');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = await server.inject({ url: '/admin/static/admin.js', headers: bearer });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('XMLHttpRequest');
  });

  it('says per file how its text was read', async () => {
    const page = await server.inject({ url: '/admin', headers: bearer });
    expect(page.body).toMatch(/ha-tinh-4086-qd-ubnd-2012\.md<\/a><div class="reading">đọc chữ trực tiếp<\/div>/);
  });

  it('marks every response of the server nosniff', async () => {
    expect((await server.inject('/')).headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('wrong tokens', () => {
  it('throttles a client after ten wrong tokens, even once it has the right one; others are unaffected', async () => {
    const attacker = { remoteAddress: '10.0.0.66' };
    for (let i = 0; i < 25; i++) {
      expect((await server.inject({ url: '/admin', ...attacker })).statusCode).toBe(401); // no token: not a guess
    }
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await server.inject({ url: '/admin', headers: { authorization: `Bearer sai-${i}` }, ...attacker })).statusCode,
      );
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const right = await server.inject({ url: '/admin', headers: bearer, ...attacker });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    expect((await server.inject({ url: '/admin', headers: bearer, remoteAddress: '10.0.0.67' })).statusCode).toBe(200);
  });

  it('does not count X-Forwarded-For as a new client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const headers = { authorization: 'Bearer sai', 'x-forwarded-for': `203.0.113.${i}` };
      statuses.push((await server.inject({ url: '/admin', headers, remoteAddress: '10.0.0.70' })).statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('CSRF', () => {
  it('refuses a browser (Basic) state change without the session token, whatever the body type', async () => {
    const { cookie } = await browserSession();
    const plain = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      payload: 'a=b',
      headers: { ...basic, cookie, 'content-type': 'text/plain' },
    });
    expect(plain.statusCode).toBe(403);
    const form = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      payload: '',
      headers: { ...basic, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(403);
    expect(form.json().error).toContain('CSRF');
  });

  it('accepts the token from the page as a form field or a header, bound to its own session only', async () => {
    const { cookie, csrf } = await browserSession();
    const form = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      payload: `_csrf=${encodeURIComponent(csrf)}`,
      headers: { ...basic, cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/admin?ok=reloaded');
    const header = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      headers: { ...basic, cookie, 'x-csrf-token': csrf },
    });
    expect(header.statusCode).toBe(200);
    const other = await browserSession();
    const crossed = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      headers: { ...basic, cookie: other.cookie, 'x-csrf-token': csrf },
    });
    expect(crossed.statusCode).toBe(403);
  });

  it.each([
    ['another port on the same host', { origin: 'http://localhost:9999', 'sec-fetch-site': 'same-site' }],
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['an opaque origin', { origin: 'null' }],
    ['another origin without Sec-Fetch-Site', { origin: 'http://localhost:9999' }],
  ])('refuses a request from %s even with a valid token', async (_, from) => {
    const { cookie, csrf } = await browserSession();
    const response = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      headers: { ...basic, cookie, 'x-csrf-token': csrf, ...from },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts its own origin and PUBLIC_URL (behind a proxy that rewrites Host)', async () => {
    const { cookie, csrf } = await browserSession();
    for (const origin of ['http://localhost:80', 'https://hoidap.example.vn']) {
      const response = await server.inject({
        method: 'POST',
        url: '/admin/reload',
        headers: { ...basic, cookie, 'x-csrf-token': csrf, origin, 'sec-fetch-site': 'same-origin' },
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it('lets Bearer scripts through without a token (a browser never sends Bearer by itself), but not from another site', async () => {
    expect((await server.inject({ method: 'POST', url: '/admin/reload', headers: bearer })).statusCode).toBe(200);
    const crossSite = await server.inject({
      method: 'POST',
      url: '/admin/reload',
      headers: { ...bearer, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
  });
});

describe('upload', () => {
  it('stores a file, reloads, and says what was understood of it', async () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      'Số: 328/KH-UBND',
      'Quảng Ninh, ngày 15 tháng 5 năm 2019',
      '',
      'KẾ HOẠCH',
      'Ứng dụng CNTT năm 2019',
    ].join('\n');
    const first = await upload(encodeURIComponent('quảng-ninh 328.txt'), text);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      source: 'quảng-ninh 328.txt',
      replaced: false,
      report: {
        documentId: 'quang-ninh-328',
        metadata: { number: '328/KH-UBND', date: '2019-05-15', province: 'Quảng Ninh' },
      },
    });
    const again = await upload(encodeURIComponent('quảng-ninh 328.txt'), text.replace('328/KH', '329/KH'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replaced: true, report: { metadata: { number: '329/KH-UBND' } } });
    // No temporary file is left behind.
    expect((await readdir(folder)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('stores a decomposed (macOS) name composed', async () => {
    const response = await upload(encodeURIComponent('Quyết định.md'.normalize('NFD')), 'Nội dung.');
    expect(response.json().source).toBe('Quyết định.md');
    expect(await readdir(folder)).toContain('Quyết định.md');
  });

  it("takes a long Vietnamese name (past the router's 100-character limit on named parameters)", async () => {
    const name =
      'Quyết định phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2015, định hướng 2020.md';
    const response = await upload(encodeURIComponent(name), 'Nội dung quy hoạch.');
    expect(response.statusCode).toBe(201);
    expect(await readdir(folder)).toContain(name);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 and says the limit', async () => {
    const response = await upload('lon.pdf', Buffer.alloc(UPLOAD_MAX_BYTES + 1));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toContain('UPLOAD_MAX_BYTES');
    expect(await readdir(folder)).not.toContain('lon.pdf');
  });

  it.each([
    ['..%2F..%2Fthoat.md', /dấu \//],
    ['..%5Cthoat.md', /dấu \//],
    ['50%25.md', /%/],
    ['.an.md', /bỏ qua/],
    ['_nhap.md', /bỏ qua/],
    ['README.md', /bỏ qua/],
    ['van-ban', /không có phần mở rộng/],
    ['chay.exe', /chưa nhận loại tệp ".exe"/],
    ['x.pdf.meta.yaml', /chưa nhận|meta\.yaml/],
    [encodeURIComponent('Hà\u200bTĩnh.md'), /vô hình/],
    [encodeURIComponent(`${'a'.repeat(210)}.md`), /quá dài/],
  ])('refuses the name %s', async (name, reason) => {
    const response = await upload(name, 'Nội dung');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(reason);
    expect(await readdir(root)).toEqual(['knowledge']);
  });

  it('refuses an empty file, and a body that is not sent as a file', async () => {
    expect((await upload('rong.md', '')).statusCode).toBe(400);
    expect((await upload('a.md', '{"a":1}', { 'content-type': 'application/json' })).statusCode).toBe(415);
  });

  it('needs the CSRF token from a browser session', async () => {
    const { cookie, csrf } = await browserSession();
    expect((await upload('b.md', 'Nội dung', { ...basic, cookie })).statusCode).toBe(403);
    expect((await upload('b.md', 'Nội dung', { ...basic, cookie, 'x-csrf-token': csrf })).statusCode).toBe(201);
  });
});

describe('correction and removal', () => {
  it('corrects a PDF into a sidecar, changing only what differs from what was read', async () => {
    const uploaded = await upload('bac-ninh.pdf', await readFile(PDF));
    expect(uploaded.json().report.metadata).toMatchObject({ number: '14/2011/QĐ-UBND', province: 'Bắc Ninh' });
    const response = await postJson('/admin/edit', {
      source: 'bac-ninh.pdf',
      so_hieu: '15/2011/QĐ-UBND',
      ngay_ban_hanh: '30/1/2011',
      tinh: 'bac ninh',
      thay_the: 'Quyết định số 1/QĐ-UBND ngày 01/3/2007',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      written: 'bac-ninh.pdf.meta.yaml',
      changed: { number: '15/2011/QĐ-UBND', replaces: 'Quyết định số 1/QĐ-UBND ngày 01/3/2007' },
      report: {
        metadata: { number: '15/2011/QĐ-UBND', date: '2011-01-30', replaces: 'Quyết định số 1/QĐ-UBND ngày 01/3/2007' },
      },
    });
    expect(await readFile(join(folder, 'bac-ninh.pdf.meta.yaml'), 'utf8')).toBe(
      'so_hieu: 15/2011/QĐ-UBND\nthay_the: Quyết định số 1/QĐ-UBND ngày 01/3/2007\n',
    );
  });

  it('corrects a text file in its front matter, and an empty field means "none"', async () => {
    const response = await postJson('/admin/edit', { source: HA_TINH, thay_the: '', loai: 'Quyết định' });
    expect(response.json()).toMatchObject({ written: HA_TINH, changed: { replaces: null } });
    const text = await readFile(join(folder, HA_TINH), 'utf8');
    expect(text).toContain('thay_the: null');
    expect(text).toContain('# trang ghi "9/6/2013'); // the comment survives
  });

  it('refuses invalid values with every problem named, writing nothing', async () => {
    const response = await postJson('/admin/edit', {
      source: HA_TINH,
      ngay_ban_hanh: '31/02/2012',
      tinh: 'Atlantis',
      so_hieu: 5,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toEqual([
      'so_hieu: cần ghi dạng chữ',
      'ngay_ban_hanh: ngày "31/02/2012" không hợp lệ (cần ghi theo dạng YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2012-12-28 hoặc 28/12/2012)',
      'tinh: không nhận ra tên tỉnh "Atlantis"',
    ]);
  });

  it('edits and removes only files the library listed', async () => {
    for (const source of ['../knowledge/ha-tinh.md', '/etc/passwd', 'khong-co.md']) {
      expect((await postJson('/admin/edit', { source, so_hieu: '1' })).statusCode).toBe(404);
      expect((await postJson('/admin/remove', { source })).statusCode).toBe(404);
    }
    expect((await server.inject({ url: '/admin/edit?source=..%2Fx', headers: bearer })).statusCode).toBe(404);
  });

  it('removes a document together with its sidecar', async () => {
    const response = await postJson('/admin/remove', { source: 'bac-ninh.pdf' });
    expect(response.json()).toEqual({ removed: 'bac-ninh.pdf' });
    expect((await readdir(folder)).filter((name) => name.startsWith('bac-ninh'))).toEqual([]);
    expect(app.library.reports().some((report) => report.source === 'bac-ninh.pdf')).toBe(false);
  });
});

describe('documents', () => {
  it('serves a document whose name has a % (decoded once, not twice)', async () => {
    const response = await server.inject({ url: '/documents/tang-50%25.md', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().metadata.number).toBe('50/KH');
    expect((await server.inject('/documents/%25')).statusCode).toBe(404);
  });
});
