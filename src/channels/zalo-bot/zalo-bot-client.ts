import { ZaloHttpError } from '../zalo/zalo-http-error.ts';
import { ZaloBotApiError } from './zalo-bot-api-error.ts';

export interface ZaloBotClientOptions {
  /** `https://bot-api.zaloplatforms.com` or a compatible server. */
  apiRoot: string;
  token: string;
  fetch?: typeof fetch;
  /** Per call, except getUpdates, which waits for its own long-poll timeout plus a margin. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** How much longer than its long-poll timeout a getUpdates call may take before it counts as hung. */
const POLL_MARGIN_MS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Zalo Bot Platform calls the bot makes: `POST {apiRoot}/bot<TOKEN>/<method>` with a JSON body, answered
 * by `{ ok, result }` or `{ ok: false, error_code, description }`. Written over `fetch` (there is no
 * maintained SDK). The token is part of the URL, so no error message ever includes the URL.
 */
export class ZaloBotClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ZaloBotClientOptions) {
    this.base = `${options.apiRoot.replace(/\/+$/, '')}/bot${options.token}`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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

  async call(
    method: string,
    body: Record<string, unknown>,
    options: { signal?: AbortSignal | undefined; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${this.base}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      throw new ZaloHttpError(`Zalo Bot ${method}: no response (${(error as Error).name})`, {
        status: null,
        cause: error,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (isRecord(json) && json.ok === true) return json.result;
    if (isRecord(json) && json.ok === false) {
      const code = Number(json.error_code ?? response.status);
      const description = typeof json.description === 'string' ? json.description : 'unknown error';
      throw new ZaloBotApiError(method, Number.isFinite(code) ? code : response.status, description);
    }
    throw new ZaloHttpError(`Zalo Bot ${method}: HTTP ${response.status} without the API's JSON reply`, {
      status: response.status,
    });
  }
}
