import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import { type KnowledgeWatcher, watchKnowledge } from '../../src/library/knowledge-watcher.ts';
import { createServer } from '../../src/server/create-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

/**
 * Several processes share one knowledge folder, each watching it: what an admin uploads, corrects or removes
 * through one of them reaches the others through the folder. Two apps in one test process stand for two
 * processes; nothing in memory is shared between them.
 */

const ADMIN_TOKEN = 'quan-tri-bi-mat';
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const silent = pino({ level: 'silent' });
let folder: string;
let first: App;
let second: App;
let server: FastifyInstance;
let watchers: KnowledgeWatcher[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hoidap-shared-'));
  await copyFile(join(BUNDLED_KNOWLEDGE_DIR, 'ha-tinh-4086-qd-ubnd-2012.md'), join(folder, 'ha-tinh.md'));
  const config = loadConfig({ ADMIN_TOKEN, KNOWLEDGE_DIR: folder, OCR_CACHE_DIR: `${folder}-ocr` });
  [first, second] = await Promise.all([createApp({ config, logger: silent }), createApp({ config, logger: silent })]);
  watchers = [first, second].map((app) => watchKnowledge(app.library, folder, silent));
  server = createServer({ ...serverDependencies(first), channels: [], isReady: () => true });
  await server.ready();
  await new Promise((resolve) => setTimeout(resolve, 300)); // the watchers are ready
});

afterAll(async () => {
  await Promise.all(watchers.map((watcher) => watcher.close()));
  await server.close();
  await Promise.all([first.close(), second.close()]);
  await rm(folder, { recursive: true, force: true });
  await rm(`${folder}-ocr`, { recursive: true, force: true });
});

function numberIn(app: App, source: string): string | null | undefined {
  return app.library.reports().find((report) => report.source === source)?.metadata?.number;
}

describe('/admin with several processes on one folder', () => {
  it('brings an upload, a correction and a removal made through one process to the other', async () => {
    const text = ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', 'Số: 328/KH-UBND', 'Quảng Ninh, ngày 15 tháng 5 năm 2019'].join(
      '\n',
    );
    const uploaded = await server.inject({
      method: 'PUT',
      url: '/admin/api/files/quang-ninh.txt',
      payload: text,
      headers: { ...bearer, 'content-type': 'application/octet-stream' },
    });
    expect(uploaded.statusCode).toBe(201);
    await waitFor(() => numberIn(second, 'quang-ninh.txt') === '328/KH-UBND', 'the upload in the other process', {
      timeoutMs: 10_000,
    });

    const corrected = await server.inject({
      method: 'POST',
      url: '/admin/edit',
      payload: { source: 'quang-ninh.txt', so_hieu: '329/KH-UBND' },
      headers: bearer,
    });
    expect(corrected.statusCode).toBe(200);
    await waitFor(() => numberIn(second, 'quang-ninh.txt') === '329/KH-UBND', 'the correction in the other process', {
      timeoutMs: 10_000,
    });

    const removed = await server.inject({
      method: 'POST',
      url: '/admin/remove',
      payload: { source: 'quang-ninh.txt' },
      headers: bearer,
    });
    expect(removed.statusCode).toBe(200);
    await waitFor(() => numberIn(second, 'quang-ninh.txt') === undefined, 'the removal in the other process', {
      timeoutMs: 10_000,
    });
    expect(second.library.current().documents.map((document) => document.source)).toEqual(['ha-tinh.md']);
  });
});
