import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';

/** The chat page in a real headless Chromium on a phone-sized screen: a question in, the cited answer out. */

const CHROMIUM = '/usr/bin/chromium';
let app: App;
let server: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install the Debian package "chromium" (.ci/run does)`);
  app = await createApp({ config: loadConfig({ KNOWLEDGE_WATCH: 'false' }), logger: pino({ level: 'silent' }) });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

describe('web chat page', () => {
  it('asks a question and shows the answer with its cited decision, linked to the document', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(base);
    await page.fill('#text', 'ha tinh dvc muc 4 bao nhieu');
    await page.click('form#ask button');
    const answer = page.locator('.msg.bot[data-grounded="true"]').first();
    await answer.waitFor({ timeout: 10_000 });
    const text = await answer.textContent();
    expect(text).toContain('15%');
    expect(text).toContain('Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh');
    const link = answer.locator('.sources a').first();
    expect(await link.textContent()).toContain('4086/QĐ-UBND');
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });

    await link.click();
    await page.waitForURL(/\/documents\//);
    expect(await page.locator('h1').textContent()).toContain('4086/QĐ-UBND');
    await page.close();
  });

  it('keeps the conversation: a follow-up on the same page is understood', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.fill('#text', 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?');
    await page.press('#text', 'Enter');
    await page.locator('.msg.bot[data-grounded]').nth(0).waitFor();
    await page.fill('#text', 'Còn Quảng Bình thì sao?');
    await page.press('#text', 'Enter');
    const second = page.locator('.msg.bot[data-grounded]').nth(1);
    await second.waitFor();
    expect(await second.textContent()).toContain('2972/QĐ-UBND');
    await page.close();
  });
});
