import { describe, expect, it } from 'vitest';
import { withoutTrailingSlashes, ZaloHttp } from '../../../src/channels/zalo/zalo-http.ts';
import { ZaloHttpError } from '../../../src/channels/zalo/zalo-http-error.ts';
import { headerValue, NOT_JSON, parseJsonBody } from '../../../src/channels/zalo/zalo-webhook.ts';

const URL_WITH_TOKEN = 'https://bot-api.example/bot123:secret-token/sendMessage';

/** A fetch that answers every call with `body` and `status`, recording what it was given. */
function answering(body: string, status = 200) {
  const calls: RequestInit[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    calls.push(init);
    return new Response(body, { status });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('ZaloHttp', () => {
  it('returns the status and the body parsed as JSON', async () => {
    const { fetch, calls } = answering('{"ok":true,"result":1}', 200);
    const http = new ZaloHttp({ platform: 'Zalo Bot', fetch });
    const reply = await http.request('sendMessage', URL_WITH_TOKEN, { method: 'POST', body: '{}' });
    expect(reply).toEqual({ status: 200, ok: true, json: { ok: true, result: 1 } });
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['HTML', '<html>Bad gateway</html>', 502],
    ['empty', '', 500],
  ])('gives undefined JSON for a body that is %s', async (_name, body, status) => {
    const http = new ZaloHttp({ platform: 'Zalo OA', fetch: answering(body, status).fetch });
    expect(await http.request('message/cs', 'https://openapi.example/x', {})).toEqual({
      status,
      ok: false,
      json: undefined,
    });
  });

  it('reports no response as a retryable ZaloHttpError that does not name the URL', async () => {
    const fetch = (async () => {
      throw new TypeError(`fetch failed for ${URL_WITH_TOKEN}`);
    }) as typeof globalThis.fetch;
    const error = await new ZaloHttp({ platform: 'Zalo Bot', fetch })
      .request('sendMessage', URL_WITH_TOKEN, {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZaloHttpError);
    expect(error).toMatchObject({
      status: null,
      isRetryable: true,
      message: 'Zalo Bot sendMessage: no response (TypeError)',
    });
    expect((error as Error).message).not.toContain('secret-token');
  });

  it('ends the call when the caller aborts', async () => {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const controller = new AbortController();
    const pending = new ZaloHttp({ platform: 'Zalo Bot', fetch }).request(
      'getUpdates',
      URL_WITH_TOKEN,
      {},
      {
        signal: controller.signal,
        timeoutMs: 60_000,
      },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'ZaloHttpError', status: null });
  });

  it.each([
    [404, ' without a JSON body', false],
    [429, '', true],
    [503, " without the API's JSON reply", true],
  ])('names an unusable HTTP %i reply', (status, detail, retryable) => {
    const error = new ZaloHttp({ platform: 'Zalo OA' }).unusableReply('access_token', status, detail);
    expect(error.message).toBe(`Zalo OA access_token: HTTP ${status}${detail}`);
    expect(error.isRetryable).toBe(retryable);
  });
});

describe('Zalo webhook helpers', () => {
  it.each([
    ['https://openapi.zalo.me/', 'https://openapi.zalo.me'],
    ['https://openapi.zalo.me//', 'https://openapi.zalo.me'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('trims %s to %s', (base, expected) => {
    expect(withoutTrailingSlashes(base)).toBe(expected);
  });

  it.each([
    ['a single header', 'mac=abc', 'mac=abc'],
    ['a repeated header', ['first', 'second'], 'first'],
    ['no header', undefined, undefined],
  ])('reads %s', (_name, header, expected) => {
    expect(headerValue(header)).toBe(expected);
  });

  it.each([
    ['an object', '{"event_name":"follow"}', { event_name: 'follow' }],
    ['Vietnamese text', '{"text":"Hà Tĩnh"}', { text: 'Hà Tĩnh' }],
    ['a bare number', '42', 42],
    ['broken JSON', '{"event_name":', NOT_JSON],
    ['an empty body', '', NOT_JSON],
  ])('parses %s', (_name, body, expected) => {
    expect(parseJsonBody(Buffer.from(body, 'utf8'))).toEqual(expected);
  });
});
