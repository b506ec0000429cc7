import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';
import { deadEndpoint, type FakeOpenAI, requestText, startFakeOpenAI } from '../helpers/fake-openai.ts';

/**
 * Issue 7's "done when", through the whole app and /v1/chat: a model that invents a decision number never
 * shows it to users, who see the real source; with the endpoint down, a grounded offline answer still
 * arrives.
 */

const QUESTION = { user: 'llm-user', text: 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức độ 4?' };
let openai: FakeOpenAI;
const opened: Array<{ app: App; server: FastifyInstance }> = [];

async function serve(baseUrl: string): Promise<FastifyInstance> {
  const config = loadConfig({
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: baseUrl,
    LLM_TIMEOUT_MS: '1500',
    KNOWLEDGE_WATCH: 'false',
  });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  opened.push({ app, server });
  return server;
}

async function ask(server: FastifyInstance) {
  const response = await server.inject({ method: 'POST', url: '/v1/chat', payload: QUESTION });
  return response.json() as { answer: string; grounded: boolean; citations: Array<{ number: string | null }> };
}

beforeAll(async () => {
  openai = await startFakeOpenAI();
});

afterAll(async () => {
  for (const { app, server } of opened) {
    await server.close();
    await app.close();
  }
  await openai.close();
});

describe('LLM answers through the whole app', () => {
  it('never shows an invented decision number; the real source is cited', async () => {
    openai.behave({
      reply: 'Theo Quyết định số 1234/QĐ-UBND ngày 01/01/2020, Hà Tĩnh đặt mục tiêu 99% dịch vụ công mức độ 4.',
    });
    const server = await serve(openai.baseURL);
    const body = await ask(server);
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(requestText(openai.requests.at(-1)!)).toContain('15% mức độ 4');
    expect(body.answer).not.toContain('1234/QĐ-UBND');
    expect(body.answer).not.toContain('99%');
    expect(body.answer).toContain('Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh');
    expect(body.citations[0]!.number).toBe('4086/QĐ-UBND');
  });

  it('keeps a faithful model answer and adds the source from metadata', async () => {
    openai.behave({ reply: 'Hà Tĩnh đặt mục tiêu 60% dịch vụ công mức độ 3 và 15% mức độ 4.' });
    const server = await serve(openai.baseURL);
    const body = await ask(server);
    expect(body.answer).toContain('Hà Tĩnh đặt mục tiêu 60% dịch vụ công mức độ 3 và 15% mức độ 4.');
    expect(body.answer).toContain('Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh');
  });

  it('answers offline, grounded, when the endpoint is down', async () => {
    const server = await serve(await deadEndpoint());
    const body = await ask(server);
    expect(body.grounded).toBe(true);
    expect(body.answer).toContain('15%');
    expect(body.answer).toContain('Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012');
  });
});
