import { isRecord } from '../../util/is-record.ts';
import { withoutTrailingSlashes, type ZaloCallOptions, ZaloHttp } from '../zalo/zalo-http.ts';
import { ZaloBotApiError } from './zalo-bot-api-error.ts';

export interface ZaloBotClientOptions {
  /** `https://bot-api.zaloplatforms.com` or a compatible server. */
  apiRoot: string;
  token: string;
  fetch?: typeof fetch;
  /** Per call, except getUpdates, which waits for its own long-poll timeout plus a margin. */
  timeoutMs?: number;
}

/** How much longer than its long-poll timeout a getUpdates call may take before it counts as hung. */
const POLL_MARGIN_MS = 10_000;

/**
 * The Zalo Bot Platform calls the bot makes: `POST {apiRoot}/bot<TOKEN>/<method>` with a JSON body, answered
 * by `{ ok, result }` or `{ ok: false, error_code, description }`. Written over `fetch` (there is no
 * maintained SDK). The token is part of the URL, so no error message ever includes the URL.
 */
export class ZaloBotClient {
  private readonly base: string;
  private readonly http: ZaloHttp;

  constructor(options: ZaloBotClientOptions) {
    this.base = `${withoutTrailingSlashes(options.apiRoot)}/bot${options.token}`;
    this.http = new ZaloHttp({ platform: 'Zalo Bot', fetch: options.fetch, timeoutMs: options.timeoutMs });
  }

  /** One update (or nothing); throws a ZaloBotApiError with `isPollTimeout` when none came in time. */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<unknown> {
    return this.call(
      'getUpdates',
      { timeout: String(timeoutSeconds) },
      { signal, timeoutMs: timeoutSeconds * 1000 + POLL_MARGIN_MS },
    );
  }

  async setWebhook(url: string, secretToken: string): Promise<void> {
    await this.call('setWebhook', { url, secret_token: secretToken });
  }

  async sendMessage(chatId: string, text: string): Promise<void> {
    await this.call('sendMessage', { chat_id: chatId, text });
  }

  async sendChatAction(chatId: string, action: 'typing'): Promise<void> {
    await this.call('sendChatAction', { chat_id: chatId, action });
  }

  /** `result` of an `ok: true` reply; `ok: false` is the API's refusal, anything else no usable reply. */
  async call(method: string, body: Record<string, unknown>, options: ZaloCallOptions = {}): Promise<unknown> {
    const { status, json } = await this.http.request(
      method,
      `${this.base}/${method}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      options,
    );
    if (isRecord(json) && json.ok === true) return json.result;
    if (isRecord(json) && json.ok === false) {
      const code = Number(json.error_code ?? status);
      const description = typeof json.description === 'string' ? json.description : 'unknown error';
      throw new ZaloBotApiError(method, Number.isFinite(code) ? code : status, description);
    }
    throw this.http.unusableReply(method, status, " without the API's JSON reply");
  }
}
