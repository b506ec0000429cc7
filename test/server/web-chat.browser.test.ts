import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp, serverDependencies } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/server/create-server.ts';
import { launchChromium } from '../helpers/chromium.ts';

/** The chat page in a real headless Chromium on a phone-sized screen: a question in, the cited answer out. */

let app: App;
let server: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await createApp({ config: loadConfig({ KNOWLEDGE_WATCH: 'false' }), logger: pino({ level: 'silent' }) });
  server = createServer({ ...serverDependencies(app), channels: [], isReady: () => true });
  await server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  browser = await launchChromium();
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

  it('carries the conversation in an HttpOnly cookie the page cannot read, one per browser', async () => {
    const ask = async (page: Page, text: string, nth: number) => {
      await page.fill('#text', text);
      await page.press('#text', 'Enter');
      const answer = page.locator('.msg.bot[data-grounded]').nth(nth);
      await answer.waitFor();
      return (await answer.textContent()) ?? '';
    };
    const page = await browser.newPage();
    await page.goto(base);
    await ask(page, 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?', 0);
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.evaluate('Object.keys(localStorage)')).toEqual([]);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'hoidap_session', httpOnly: true, sameSite: 'Lax' });

    // Only the cookie links the follow-up to the question: it names no province and no document.
    await page.reload();
    expect(await ask(page, 'Văn bản đó ban hành ngày nào?', 0)).toContain('4086/QĐ-UBND');

    const stranger = await browser.newPage();
    await stranger.goto(base);
    expect(await ask(stranger, 'Văn bản đó ban hành ngày nào?', 0)).not.toContain('4086/QĐ-UBND');
    await stranger.close();
    await page.close();
  });
});
