import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';

/**
 * File names as provinces name them, with `%`, `#`, `?`, spaces and sub-folders: the citation link the web
 * chat builds (`/documents/` + encodeURIComponent(source)) opens the document, and a path that names no
 * document is a quiet 404, never a 500 with a stack trace (the router decodes once; decoding again threw).
 */

const NAMES = ['ha-tinh-50%.md', 'thu muc/ke hoach #2?.md', '100%25 ha tinh.md'];
let folder: string;
let app: App;
let server: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hoidap-names-'));
  await mkdir(join(folder, 'thu muc'));
  for (const name of NAMES) {
    await copyFile(join(BUNDLED_KNOWLEDGE_DIR, 'ha-tinh-4086-qd-ubnd-2012.md'), join(folder, name));
  }
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({ KNOWLEDGE_DIR: folder, KNOWLEDGE_WATCH: 'false', LOG_LEVEL: 'debug' });
  app = await createApp({ config, logger });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.ready();
});

afterAll(async () => {
  await server.close();
  await app.close();
  await rm(folder, { recursive: true, force: true });
});

function logged(level: number): string[] {
  return lines.filter((line) => (JSON.parse(line) as { level: number }).level >= level);
}

describe('documents whose file names need escaping', () => {
  it.each(NAMES)('opens %s from the link its citation gives', async (name) => {
    const link = `/documents/${encodeURIComponent(name)}`;
    const html = await server.inject(link);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('4086/QĐ-UBND');
    const json = await server.inject({ url: link, headers: { accept: 'application/json' } });
    expect(json.json()).toMatchObject({ source: name });
  });

  it('cites the file name as it is, so the page can build that link', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/v1/chat',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?' }),
    });
    const sources: string[] = response.json().citations.map((citation: { source: string }) => citation.source);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(NAMES).toContain(source);
      expect((await server.inject(`/documents/${encodeURIComponent(source)}`)).statusCode).toBe(200);
    }
  });

  it.each(['/documents/%25', '/documents/%2525', '/documents/50%25.md', '/documents/%E0%A4%A', '/documents/%'])(
    'answers %s with a 4xx and logs no error',
    async (url) => {
      const before = logged(50).length;
      const response = await server.inject(url);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/json');
      expect(logged(50).slice(before)).toEqual([]);
    },
  );
});
