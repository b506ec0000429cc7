import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';
import { vietnamDay } from '../../src/state/question-log/port.ts';

/**
 * Who is asking on the web chat: the server's session cookie, or an integrator's key; never the body's
 * `user`. Limits per session and per client address, X-Forwarded-For only from TRUST_PROXY, and the cap on
 * what one address adds to the admins' unanswered list. Every request through inject(), from an address of
 * its test's own, so the limits of one test do not spill into the next.
 */

const KEY_A = 'khoa-tich-hop-a-0123456789';
const KEY_B = 'khoa-tich-hop-b-0123456789';
const QUESTION = 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?';
/** Understood only with the question before it in the same conversation. */
const FOLLOW_UP = 'Văn bản đó ban hành ngày nào?';

const opened: Array<{ app: App; server: FastifyInstance }> = [];

async function start(env: Record<string, string> = {}): Promise<{ app: App; server: FastifyInstance }> {
  const config = loadConfig({
    CHAT_API_KEYS: `${KEY_A}, ${KEY_B}`,
    RATE_LIMIT_PER_MINUTE: '5',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '12',
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.ready();
  opened.push({ app, server });
  return { app, server };
}

afterAll(async () => {
  for (const { app, server } of opened.splice(0)) {
    await server.close();
    await app.close();
  }
});

let base: { app: App; server: FastifyInstance };

beforeAll(async () => {
  base = await start();
});

interface Ask {
  text: string;
  from: string;
  cookie?: string | null;
  key?: string;
  user?: string;
  headers?: Record<string, string>;
}

function ask({ text, from, cookie, key, user, headers = {} }: Ask, server = base.server) {
  return server.inject({
    method: 'POST',
    url: '/v1/chat',
    remoteAddress: from,
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    payload: JSON.stringify(user === undefined ? { text } : { user, text }),
  });
}

/** The `name=value` part of the session cookie a response set, for the next request to send. */
function sessionOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new Error(`no session cookie in a ${response.statusCode} response`);
  return value.split(';')[0]!;
}

function mainCitation(response: LightMyRequestResponse): string | undefined {
  return response.json().citations[0]?.number;
}

describe('the session cookie', () => {
  it('is issued HttpOnly and SameSite with the first answer, for as long as conversations are kept', async () => {
    const response = await ask({ text: QUESTION, from: '192.0.2.1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toMatch(
      /^hoidap_session=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Object.keys(response.json())).toEqual(['answer', 'grounded', 'citations']);
    // The page itself sets nothing (a visitor who never asks gets no cookie) and keeps no id of its own.
    const page = await base.server.inject({ url: '/', remoteAddress: '192.0.2.1' });
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).not.toContain('localStorage');
  });

  it('keeps one conversation per cookie: another cookie can neither follow it nor wipe it', async () => {
    const alice = sessionOf(await ask({ text: QUESTION, from: '192.0.2.2' }));
    const mallory = sessionOf(await ask({ text: 'xin chào', from: '192.0.2.3' }));
    expect(mallory).not.toBe(alice);

    expect(mainCitation(await ask({ text: FOLLOW_UP, from: '192.0.2.3', cookie: mallory }))).toBeUndefined();
    const wipe = await ask({ text: 'xoá lịch sử', from: '192.0.2.3', cookie: mallory, user: alice });
    expect(wipe.statusCode).toBe(200);

    expect(mainCitation(await ask({ text: FOLLOW_UP, from: '192.0.2.2', cookie: alice }))).toBe('4086/QĐ-UBND');
  });

  it('ignores a user named in the body: without a key the same name is two strangers', async () => {
    const first = await ask({ text: QUESTION, from: '192.0.2.4', user: 'web-abc' });
    expect(first.json()).not.toHaveProperty('user');
    const second = await ask({ text: FOLLOW_UP, from: '192.0.2.4', user: 'web-abc' });
    expect(sessionOf(second)).not.toBe(sessionOf(first));
    expect(mainCitation(second)).toBeUndefined();
  });

  it('replaces a cookie the server could not have issued with one of its own', async () => {
    const response = await ask({ text: 'xin chào', from: '192.0.2.5', cookie: 'hoidap_session=alice' });
    expect(sessionOf(response)).toMatch(/^hoidap_session=[A-Za-z0-9_-]{22}$/);
  });

  it('is Secure when the page is public over https', async () => {
    const { server } = await start({ PUBLIC_URL: 'https://hoidap.example.vn' });
    const response = await ask({ text: 'xin chào', from: '192.0.2.6' }, server);
    expect(response.headers['set-cookie']).toMatch(/; Secure$/);
  });
});

describe('API keys', () => {
  it('let integrators name their users, each key in its own namespace, with no cookie', async () => {
    const first = await ask({ text: QUESTION, from: '198.51.100.1', key: KEY_A, user: 'u-1' });
    expect(first.json()).toMatchObject({ user: 'u-1', grounded: true });
    expect(Object.keys(first.json())).toEqual(['user', 'answer', 'grounded', 'citations']);
    expect(first.headers['set-cookie']).toBeUndefined();

    expect(mainCitation(await ask({ text: FOLLOW_UP, from: '198.51.100.1', key: KEY_B, user: 'u-1' }))).toBe(undefined);
    expect(mainCitation(await ask({ text: FOLLOW_UP, from: '198.51.100.1', user: 'u-1' }))).toBeUndefined();
    expect(mainCitation(await ask({ text: FOLLOW_UP, from: '198.51.100.1', key: KEY_A, user: 'u-1' }))).toBe(
      '4086/QĐ-UBND',
    );
  });

  it('refuses an unknown key with 401, and a keyed request without a user with 400', async () => {
    const wrong = await ask({ text: QUESTION, from: '198.51.100.2', key: 'khoa-doan-mo-0123456789', user: 'u' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'unknown API key' });
    const nameless = await ask({ text: QUESTION, from: '198.51.100.2', key: KEY_A });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error).toMatch(/user/);
  });
});

describe('limits', () => {
  it('allow a session RATE_LIMIT_PER_MINUTE questions, then a polite 429 that says when to retry', async () => {
    const cookie = sessionOf(await ask({ text: 'xin chào', from: '203.0.113.1' }));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask({ text: 'Hà Tĩnh', from: '203.0.113.1', cookie })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = await ask({ text: 'Hà Tĩnh', from: '203.0.113.1', cookie });
    expect(refused.json()).toMatchObject({ grounded: false, answer: expect.stringContaining('quá nhiều') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ask({ text: 'Hà Tĩnh', from: '203.0.113.1' })).statusCode).toBe(200);
  });

  it('allow an address RATE_LIMIT_PER_ADDRESS_PER_MINUTE questions whatever cookies it drops', async () => {
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await ask({ text: 'Hà Tĩnh', from: '203.0.113.2' })).statusCode);
    expect(statuses.slice(0, 12).every((status) => status === 200)).toBe(true);
    expect(statuses[12]).toBe(429);
    expect((await ask({ text: 'Hà Tĩnh', from: '203.0.113.3' })).statusCode).toBe(200);
    // An integrator's many users share its server's address: its key, not the address, is what is trusted.
    expect((await ask({ text: 'Hà Tĩnh', from: '203.0.113.2', key: KEY_A, user: 'u-9' })).statusCode).toBe(200);
    // Guessing keys from a limited address gets nowhere either.
    expect((await ask({ text: 'Hà Tĩnh', from: '203.0.113.2', key: 'khoa-doan-mo-0123456789' })).statusCode).toBe(429);
  });

  it('count an IPv6 client by its /64, which one subscriber holds whole', async () => {
    const statuses = [];
    for (let i = 0; i < 13; i++) {
      statuses.push((await ask({ text: 'Hà Tĩnh', from: `2001:db8:aa:bb::${(i + 1).toString(16)}` })).statusCode);
    }
    expect(statuses[12]).toBe(429);
    expect((await ask({ text: 'Hà Tĩnh', from: '2001:db8:aa:cc::1' })).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  async function statusesFrom(server: FastifyInstance, socket: string, forwardedFor: (i: number) => string) {
    const statuses = [];
    for (let i = 0; i < 13; i++) {
      const headers = { 'x-forwarded-for': forwardedFor(i) };
      statuses.push((await ask({ text: 'Hà Tĩnh', from: socket, headers }, server)).statusCode);
    }
    return statuses;
  }

  it('is off by default: a forged X-Forwarded-For neither escapes the limit nor changes the address', async () => {
    const statuses = await statusesFrom(base.server, '203.0.113.10', (i) => `198.18.0.${i}`);
    expect(statuses[12]).toBe(429);
    const forwardedProto = await ask({
      text: 'xin chào',
      from: '203.0.113.11',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(forwardedProto.headers['set-cookie']).not.toMatch(/Secure/);
  });

  it("counts the client the named proxy reports, not what the client wrote before the proxy's entry", async () => {
    const { server } = await start({ TRUST_PROXY: '10.0.0.1' });
    // Behind the proxy: each client is its own address.
    const clients = await statusesFrom(server, '10.0.0.1', (i) => `198.18.1.${i}`);
    expect(clients.every((status) => status === 200)).toBe(true);
    // A client rotating a forged first entry is still the address the proxy appended.
    const forged = await statusesFrom(server, '10.0.0.1', (i) => `198.18.2.${i}, 198.18.3.1`);
    expect(forged[12]).toBe(429);
    // Straight to the bot, past the proxy: the header counts for nothing.
    const direct = await statusesFrom(server, '203.0.113.12', (i) => `198.18.4.${i}`);
    expect(direct[12]).toBe(429);
    const https = await ask(
      {
        text: 'xin chào',
        from: '10.0.0.1',
        headers: { 'x-forwarded-for': '198.18.5.1', 'x-forwarded-proto': 'https' },
      },
      server,
    );
    expect(https.headers['set-cookie']).toMatch(/; Secure$/);
  });
});

describe("the admins' unanswered list", () => {
  const unanswerable = (i: number) => `Câu hỏi linh tinh số ${i} về thời tiết`;

  it('takes at most 10 new questions an hour from one address, and still everyone else’s', async () => {
    const { app, server } = await start({ RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100' });
    for (let i = 0; i < 15; i++) {
      const response = await ask({ text: unanswerable(i), from: '203.0.113.20' }, server);
      expect(response.json().grounded).toBe(false);
    }
    await ask({ text: unanswerable(100), from: '203.0.113.21' }, server);
    await ask({ text: unanswerable(200), from: '203.0.113.20', key: KEY_A, user: 'u-1' }, server);
    const listed = (await app.stores.questionLog.unanswered(100)).map((group) => group.text);
    expect(listed.filter((text) => /^Câu hỏi linh tinh số (\d|1[0-4]) về/.test(text))).toHaveLength(10);
    expect(listed).toContain(unanswerable(100));
    expect(listed).toContain(unanswerable(200));
    // What was not listed was still asked: the day's figures count all 17.
    expect((await app.stores.questionLog.stats(vietnamDay(Date.now()))).unanswered).toBe(17);
  });
});

describe('settings', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['loopback', ['loopback']],
    ['10.0.0.1, 10.1.0.0/16, fd00::/8', ['10.0.0.1', '10.1.0.0/16', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    const env: Record<string, string> = value === undefined ? {} : { TRUST_PROXY: value };
    expect(loadConfig(env).trustProxy).toEqual(expected);
  });

  it.each(['2', 'proxy.example.vn', '10.0.0.0/33'])('refuses TRUST_PROXY=%s, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('refuses a short API key without repeating any key', () => {
    const attempt = () => loadConfig({ CHAT_API_KEYS: `${KEY_A},ngan` });
    expect(attempt).toThrow(/CHAT_API_KEYS/);
    expect(attempt).not.toThrow(new RegExp(KEY_A));
  });
});
