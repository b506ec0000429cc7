import { isRecord } from '../../util/is-record.ts';
import { withoutTrailingSlashes, ZaloHttp } from '../zalo/zalo-http.ts';
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

/** Used when the OAuth reply gives no usable `expires_in`: about 25 hours, how long an access token lives. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 90_000;

/** A field as text: a non-empty string, or a number (Zalo sends ids either way); null otherwise. */
function nonEmptyText(value: unknown): string | null {
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
  private readonly http: ZaloHttp;

  constructor(options: ZaloOaClientOptions) {
    this.apiBase = withoutTrailingSlashes(options.apiBase);
    this.oauthBase = withoutTrailingSlashes(options.oauthBase);
    this.http = new ZaloHttp({ platform: 'Zalo OA', fetch: options.fetch, timeoutMs: options.timeoutMs });
  }

  /** Sends a consultation ("tư vấn") text message; returns Zalo's message id. */
  async sendText(accessToken: string, userId: string, message: string): Promise<{ messageId: string | null }> {
    const reply = await this.request('message/cs', `${this.apiBase}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body: JSON.stringify({ recipient: { user_id: userId }, message: { text: message } }),
    });
    const data = isRecord(reply.data) ? reply.data : {};
    return { messageId: nonEmptyText(data.message_id) };
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
    const accessToken = nonEmptyText(reply.access_token);
    const refreshToken = nonEmptyText(reply.refresh_token);
    const expiresInSeconds = Number(reply.expires_in);
    if (!accessToken || !refreshToken) {
      throw new ZaloOaApiError('access_token', 0, 'the reply holds no access and refresh token', 200);
    }
    return {
      accessToken,
      refreshToken,
      expiresInSeconds:
        Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? expiresInSeconds : DEFAULT_TOKEN_LIFETIME_SECONDS,
    };
  }

  /** The reply's JSON when it says success; a non-zero `error` is the API's refusal, whatever the status. */
  private async request(method: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    const { status, ok, json } = await this.http.request(method, url, init);
    if (isRecord(json)) {
      const code = Number(json.error ?? 0);
      if (Number.isFinite(code) && code !== 0) {
        const description =
          nonEmptyText(json.message) ??
          nonEmptyText(json.error_description) ??
          nonEmptyText(json.error_reason) ??
          nonEmptyText(json.error_name) ??
          'unknown error';
        throw new ZaloOaApiError(method, code, description, status);
      }
      if (ok) return json;
    }
    throw this.http.unusableReply(method, status, isRecord(json) ? '' : ' without a JSON body');
  }
}
