import { ZaloHttpError } from '../zalo/zalo-http-error.ts';
import { ZaloOaApiError } from './zalo-oa-api-error.ts';

/** A fresh token pair from the OAuth server. The refresh token is single-use: keep the new one. */
export interface ZaloOaTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives (about 25 hours). */
  expiresInSeconds: number;
}

export interface ZaloOaClientOptions {
  /** `https://openapi.zalo.me` or a compatible server. */
  apiBase: string;
  /** `https://oauth.zaloapp.com` or a compatible server. */
  oauthBase: string;
  fetch?: typeof fetch;
  /** Per request; a send that hangs must not hold a queue worker. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : null;
}

/**
 * The two OA calls the bot makes, over `fetch`: no maintained SDK exists (the legacy `zalo-sdk` depends on
 * the deprecated `request`). Zalo answers HTTP 200 with a non-zero `error` for most failures, so the body
 * decides, not the status. Tokens travel in headers and bodies only, never in an error message.
 */
export class ZaloOaClient {
  private readonly apiBase: string;
  private readonly oauthBase: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ZaloOaClientOptions) {
    this.apiBase = trimSlash(options.apiBase);
    this.oauthBase = trimSlash(options.oauthBase);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Sends a consultation ("tư vấn") text message; returns Zalo's message id. */
  async sendText(accessToken: string, userId: string, message: string): Promise<{ messageId: string | null }> {
    const reply = await this.request('message/cs', `${this.apiBase}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body: JSON.stringify({ recipient: { user_id: userId }, message: { text: message } }),
    });
    const data = isRecord(reply.data) ? reply.data : {};
    return { messageId: text(data.message_id) };
  }

  /** Trades the (single-use) refresh token for a new token pair. */
  async refreshAccessToken(input: { appId: string; appSecret: string; refreshToken: string }): Promise<ZaloOaTokens> {
    const reply = await this.request('access_token', `${this.oauthBase}/v4/oa/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: input.appSecret },
      body: new URLSearchParams({
        refresh_token: input.refreshToken,
        app_id: input.appId,
        grant_type: 'refresh_token',
      }).toString(),
    });
    const accessToken = text(reply.access_token);
    const refreshToken = text(reply.refresh_token);
    const expiresInSeconds = Number(reply.expires_in);
    if (!accessToken || !refreshToken) {
      throw new ZaloOaApiError('access_token', 0, 'the reply holds no access and refresh token', 200);
    }
    return {
      accessToken,
      refreshToken,
      expiresInSeconds: Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? expiresInSeconds : 90_000,
    };
  }

  private async request(method: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    let response: Response;
    let body: string;
    try {
      response = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      body = await response.text();
    } catch (error) {
      throw new ZaloHttpError(`Zalo OA ${method}: no response (${(error as Error).name})`, {
        status: null,
        cause: error,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    if (isRecord(json)) {
      const code = Number(json.error ?? 0);
      if (Number.isFinite(code) && code !== 0) {
        const description =
          text(json.message) ??
          text(json.error_description) ??
          text(json.error_reason) ??
          text(json.error_name) ??
          'unknown error';
        throw new ZaloOaApiError(method, code, description, response.status);
      }
      if (response.ok) return json;
    }
    throw new ZaloHttpError(
      `Zalo OA ${method}: HTTP ${response.status}${isRecord(json) ? '' : ' without a JSON body'}`,
      {
        status: response.status,
      },
    );
  }
}
