import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';

/** Every route through the server's real handler (Fastify inject), with good and bad requests. */

const ADMIN_TOKEN = 'quan-tri-bi-mat';
/** An integrator's key: with it the body names the user, as the CLI's --jsonl lines do. */
const CHAT_KEY = 'khoa-tich-hop-0123456789';
let app: App;
let server: FastifyInstance;
let ready = true;

beforeAll(async () => {
  const config = loadConfig({ ADMIN_TOKEN, CHAT_API_KEYS: CHAT_KEY, RATE_LIMIT_PER_MINUTE: '5', LOG_LEVEL: 'silent' });
  app = await createApp({ config, logger: pino({ level: 'silent' }) });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => ready });
  await server.ready();
});

afterAll(async () => {
  await server.close();
  await app.close();
});

function chat(body: unknown) {
  return server.inject({
    method: 'POST',
    url: '/v1/chat',
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CHAT_KEY}` },
  });
}

describe('POST /v1/chat', () => {
  it('answers with the CLI JSON shape, the first citation being the main source', async () => {
    const response = await chat({ user: 'api-1', text: 'ha tinh dvc muc 4 bao nhieu' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['user', 'answer', 'grounded', 'citations']);
    expect(body).toMatchObject({ user: 'api-1', grounded: true });
    expect(body.answer).toContain('15%');
    expect(body.citations[0]).toMatchObject({
      number: '4086/QĐ-UBND',
      date: '2012-12-28',
      source: 'ha-tinh-4086-qd-ubnd-2012.md',
    });
  });

  it('resolves a follow-up from the same user', async () => {
    await chat({ user: 'api-2', text: 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?' });
    const body = (await chat({ user: 'api-2', text: 'Còn Quảng Bình thì sao?' })).json();
    expect(body.citations[0].number).toBe('2972/QĐ-UBND');
  });

  it.each([
    ['malformed JSON', '{"user": "a", "text": ', 400, /malformed JSON/],
    ['an array', '[1, 2]', 400, /JSON object/],
    ['a missing user', { text: 'câu hỏi' }, 400, /user/],
    ['an empty user', { user: '  ', text: 'câu hỏi' }, 400, /user/],
    ['a text that is not a string', { user: 'a', text: 42 }, 400, /expected string|text/],
    ['an over-long text', { user: 'a', text: 'x'.repeat(4001) }, 400, /too long/],
  ])('refuses %s with 400 and a JSON error', async (_, body, status, message) => {
    const response = await chat(body);
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toMatch(message);
  });

  it('refuses a huge body with 413', async () => {
    const response = await chat({ user: 'a', text: 'x'.repeat(400 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'request body too large' });
  });

  it('answers an empty question politely, citing nothing', async () => {
    const body = (await chat({ user: 'api-3', text: '' })).json();
    expect(body).toMatchObject({ grounded: false, citations: [] });
  });

  it('limits one user to the configured messages a minute, with a polite 429', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await chat({ user: 'api-flood', text: 'Hà Tĩnh' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await chat({ user: 'api-other', text: 'Hà Tĩnh' })).statusCode).toBe(200);
  });
});

describe('pages and documents', () => {
  it('serves the web chat page in Vietnamese', async () => {
    const response = await server.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html lang="vi">');
    expect(response.body).toContain('name="viewport"');
    expect(response.body).toContain('/v1/chat');
  });

  it('shows a document by id or by file name, as HTML or JSON', async () => {
    const html = await server.inject('/documents/ha-tinh-4086-qd-ubnd-2012');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh');
    const json = await server.inject({
      url: '/documents/ha-tinh-4086-qd-ubnd-2012.md',
      headers: { accept: 'application/json' },
    });
    expect(json.json()).toMatchObject({ id: 'ha-tinh-4086-qd-ubnd-2012', metadata: { number: '4086/QĐ-UBND' } });
    expect((await server.inject('/documents/khong-co')).statusCode).toBe(404);
  });

  it('escapes document text in HTML', async () => {
    const html = await server.inject('/documents/bac-lieu-635-qd-ubnd-2013');
    expect(html.body).not.toMatch(/<script>(?!\s*$)/);
    expect(html.body).toContain('57,600 tỷ đồng');
  });
});

describe('health and metrics', () => {
  it('reports ready only once the bot is ready', async () => {
    ready = false;
    expect((await server.inject('/healthz')).statusCode).toBe(503);
    ready = true;
    const response = await server.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', documents: 5, redis: 'not configured' });
  });

  it('exposes Prometheus metrics: messages by channel and outcome, latency, grounded, documents, queue', async () => {
    await chat({ user: 'metrics', text: 'Nghệ An có quy hoạch CNTT không?' });
    const text = (await server.inject('/metrics')).body;
    expect(text).toMatch(/hoidap_messages_total\{channel="web",outcome="answered"\} \d+/);
    expect(text).toMatch(/hoidap_messages_total\{channel="web",outcome="unknown-province"\} \d+/);
    expect(text).toContain('hoidap_answer_seconds_bucket');
    expect(text).toMatch(/hoidap_answers_total\{grounded="false"\}/);
    expect(text).toMatch(/hoidap_documents 5/);
    expect(text).toContain('hoidap_queue_waiting');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await server.inject('/khong-co');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not found' });
  });
});

describe('/admin', () => {
  const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('requires the token, by Bearer or as the Basic password', async () => {
    expect((await server.inject('/admin')).statusCode).toBe(401);
    expect((await server.inject({ url: '/admin', headers: { authorization: 'Bearer sai' } })).statusCode).toBe(401);
    expect((await server.inject({ url: '/admin', headers: bearer })).statusCode).toBe(200);
    const basic = `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
    expect((await server.inject({ url: '/admin', headers: { authorization: basic } })).statusCode).toBe(200);
  });

  it('shows the documents with their metadata and warnings, and the unanswered questions grouped', async () => {
    await chat({ user: 'admin-a', text: 'Ninh Thuận có quy hoạch CNTT không?' });
    await chat({ user: 'admin-b', text: 'ninh thuan co quy hoach cntt khong' });
    const page = (await server.inject({ url: '/admin', headers: bearer })).body;
    expect(page).toContain('4086/QĐ-UBND');
    expect(page).toContain('không có số hiệu văn bản');
    expect(page).toContain('ninh thuan co quy hoach cntt khong');
    const groups = (await server.inject({ url: '/admin/api/unanswered', headers: bearer })).json();
    expect(groups[0]).toMatchObject({
      text: 'ninh thuan co quy hoach cntt khong',
      count: 2,
      outcome: 'unknown-province',
    });
  });

  it('reloads the knowledge folder on request', async () => {
    const response = await server.inject({ method: 'POST', url: '/admin/reload', headers: bearer });
    expect(response.json()).toMatchObject({ documents: 5, errors: [] });
  });

  it('is off without ADMIN_TOKEN', async () => {
    const bare = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: pino({ level: 'silent' }) });
    const other = createServer({ ...serverDependencies(bare), channels: [], isReady: () => true });
    expect((await other.inject({ url: '/admin', headers: bearer })).statusCode).toBe(404);
    await other.close();
    await bare.close();
  });
});
