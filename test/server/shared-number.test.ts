import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';

/**
 * Two files claiming one number (4086/QĐ-UBND): the original and a later copy with another date and another
 * figure. Neither wins silently: answers quote and cite both, and /admin says so at the top.
 */

const ADMIN_TOKEN = 'quan-tri-bi-mat';
const CHAT_KEY = 'khoa-tich-hop-0123456789';
const ORIGINAL = 'ha-tinh-4086-qd-ubnd-2012.md';
/** Sorts after the original, so it is the file a "later one wins" rule would pick. */
const COPY = 'z-ban-sao-4086.md';
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

let root: string;
let app: App;
let server: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoidap-shared-number-'));
  const folder = join(root, 'knowledge');
  await mkdir(folder);
  const original = await readFile(join(BUNDLED_KNOWLEDGE_DIR, ORIGINAL), 'utf8');
  await writeFile(join(folder, ORIGINAL), original);
  // A year apart, so the loader's same-year duplicate warning says nothing about it.
  const copy = original
    .replace('ngay_ban_hanh: "2012-12-28"', 'ngay_ban_hanh: "2013-01-15"')
    .replace('Ngày 28/12/2012', 'Ngày 15/01/2013')
    .replace('đạt 60% mức độ 3', 'đạt 90% mức độ 3');
  expect(copy).toContain('90% mức độ 3');
  await writeFile(join(folder, COPY), copy);
  const config = loadConfig({ ADMIN_TOKEN, CHAT_API_KEYS: CHAT_KEY, KNOWLEDGE_DIR: folder, LOG_LEVEL: 'silent' });
  app = await createApp({ config, logger: pino({ level: 'silent' }) });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.ready();
});

afterAll(async () => {
  await server.close();
  await app.close();
  await rm(root, { recursive: true, force: true });
});

async function ask(text: string): Promise<{ answer: string; citations: Array<{ source: string; date: string }> }> {
  const response = await server.inject({
    method: 'POST',
    url: '/v1/chat',
    payload: JSON.stringify({ user: 'shared-number', text }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CHAT_KEY}` },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('two files claiming 4086/QĐ-UBND', () => {
  it('answers the issue date from both files, citing both', async () => {
    const body = await ask('Quyết định 4086 ban hành ngày nào?');
    expect(body.answer).toContain('28/12/2012');
    expect(body.answer).toContain('15/1/2013');
    expect(body.citations.map((citation) => citation.source).sort()).toEqual([ORIGINAL, COPY]);
  });

  it('quotes each file for a fact instead of the best-scoring one, telling them apart by date', async () => {
    const body = await ask('Quyết định 4086 đặt mục tiêu dịch vụ công mức độ 3 bao nhiêu %?');
    expect(body.answer).toMatch(/4086\/QĐ-UBND ngày 28\/12\/2012: .*60% mức độ 3/);
    expect(body.answer).toMatch(/4086\/QĐ-UBND ngày 15\/1\/2013: .*90% mức độ 3/);
    expect(body.citations.map((citation) => citation.source).sort()).toEqual([ORIGINAL, COPY]);
  });

  it('lists both files of a list question, not one file’s list', async () => {
    const body = await ask('Liệt kê các mục tiêu của Quyết định 4086');
    expect(body.answer).toContain('60% mức độ 3');
    expect(body.answer).toContain('90% mức độ 3');
    expect(body.citations).toHaveLength(2);
  });

  it('shows the conflict at the top of /admin, naming the number and both files', async () => {
    const response = await server.inject({ url: '/admin', headers: bearer });
    expect(response.statusCode).toBe(200);
    const page = response.body;
    const notice = page.indexOf('id="conflicts"');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(page.indexOf('id="upload"'));
    const section = page.slice(notice, page.indexOf('</section>', notice));
    expect(section).toContain('Số hiệu trùng nhau');
    expect(section).toContain('<strong>4086/QĐ-UBND</strong> có ở 2 tệp');
    expect(section).toContain(ORIGINAL);
    expect(section).toContain(COPY);

    const json = await server.inject({ url: '/admin/api/conflicts', headers: bearer });
    expect(json.json()).toEqual([{ number: '4086/QĐ-UBND', sources: [ORIGINAL, COPY] }]);
  });

  it('drops the notice once one file is removed', async () => {
    const removed = await server.inject({
      method: 'POST',
      url: '/admin/remove',
      payload: JSON.stringify({ source: COPY }),
      headers: { ...bearer, 'content-type': 'application/json' },
    });
    expect(removed.statusCode).toBe(200);
    const page = (await server.inject({ url: '/admin', headers: bearer })).body;
    expect(page).not.toContain('id="conflicts"');
    const body = await ask('Quyết định 4086 đặt mục tiêu dịch vụ công mức độ 3 bao nhiêu %?');
    expect(body.citations.map((citation) => citation.source)).toEqual([ORIGINAL]);
  });
});
