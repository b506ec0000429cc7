import { zaloOaSignature } from '../../src/channels/zalo-oa/zalo-oa-signature.ts';
import { type FakeResponse, type RecordedRequest, RecordingServer } from './fake-zalo-server.ts';

/** What the next send meets instead of success. */
export type OaSendFailure = 'server-error' | 'rate-limit' | 'html-error' | { error: number; message: string };

export type OaRefreshFailure = 'server-error' | 'invalid-refresh-token';

export interface OaSend {
  seq: number;
  accessToken: string;
  userId: string;
  text: string;
  request: RecordedRequest;
}

export interface FakeZaloOaOptions {
  appId: string;
  appSecret: string;
  /** Accepted from the start. */
  accessToken: string;
  refreshToken: string;
}

/**
 * Zalo's OA API and OAuth server on 127.0.0.1: `POST /v3.0/oa/message/cs` and `POST /v4/oa/access_token`,
 * with real token rules (unknown access token → -216; a refresh token works once) and switches to fail sends
 * or refreshes, or to answer slowly.
 */
export class FakeZaloOa {
  readonly validAccessTokens = new Set<string>();
  readonly validRefreshTokens = new Set<string>();
  /** Consumed one per send, in order; null lets that send through. */
  sendFailures: Array<OaSendFailure | null> = [];
  /** Consumed one per refresh, in order. */
  refreshFailures: OaRefreshFailure[] = [];
  sendDelayMs = 0;
  refreshDelayMs = 0;
  private issued = 0;
  /** Sequence numbers of the sends that succeeded. */
  private readonly accepted = new Set<number>();
  private readonly server: RecordingServer;

  private constructor(private readonly options: FakeZaloOaOptions) {
    this.validAccessTokens.add(options.accessToken);
    this.validRefreshTokens.add(options.refreshToken);
    this.server = new RecordingServer((request) => this.respond(request));
  }

  static async start(options: FakeZaloOaOptions): Promise<FakeZaloOa> {
    const fake = new FakeZaloOa(options);
    await fake.server.listen();
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  get requests(): readonly RecordedRequest[] {
    return this.server.requests;
  }

  /** Sends that Zalo accepted, in order. */
  sends(): OaSend[] {
    return this.server.requests.flatMap((request) => {
      if (request.path !== '/v3.0/oa/message/cs') return [];
      const accessToken = String(request.headers.access_token ?? '');
      if (!this.accepted.has(request.seq)) return [];
      const body = JSON.parse(request.body) as { recipient: { user_id: string }; message: { text: string } };
      return [{ seq: request.seq, accessToken, userId: body.recipient.user_id, text: body.message.text, request }];
    });
  }

  /** Every send attempt, accepted or not. */
  sendAttempts(): RecordedRequest[] {
    return this.server.requests.filter((request) => request.path === '/v3.0/oa/message/cs');
  }

  refreshes(): Array<{ request: RecordedRequest; form: URLSearchParams }> {
    return this.server.requests
      .filter((request) => request.path === '/v4/oa/access_token')
      .map((request) => ({ request, form: new URLSearchParams(request.body) }));
  }

  /** The API stops accepting a token, as when it expires. */
  revoke(accessToken: string): void {
    this.validAccessTokens.delete(accessToken);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private respond(request: RecordedRequest): FakeResponse {
    if (request.method === 'POST' && request.path === '/v3.0/oa/message/cs') return this.send(request);
    if (request.method === 'POST' && request.path === '/v4/oa/access_token') return this.refresh(request);
    return { status: 404, json: { error: 404, message: 'not found' } };
  }

  private send(request: RecordedRequest): FakeResponse {
    const delayMs = this.sendDelayMs;
    const failure = this.sendFailures.shift();
    if (failure === 'server-error') return { status: 502, text: '<html>Bad Gateway</html>', delayMs };
    if (failure === 'rate-limit') return { status: 429, json: { error: -32, message: 'Too many requests' }, delayMs };
    if (failure === 'html-error') return { status: 400, text: '<html>Bad Request</html>', delayMs };
    if (failure) return { json: failure, delayMs };
    const token = request.headers.access_token;
    if (typeof token !== 'string' || !this.validAccessTokens.has(token)) {
      return { json: { error: -216, message: 'Access token is invalid' }, delayMs };
    }
    this.accepted.add(request.seq);
    const { recipient } = JSON.parse(request.body) as { recipient: { user_id: string } };
    return {
      json: { error: 0, message: 'Success', data: { message_id: `m${request.seq}`, user_id: recipient.user_id } },
      delayMs,
    };
  }

  private refresh(request: RecordedRequest): FakeResponse {
    const delayMs = this.refreshDelayMs;
    const failure = this.refreshFailures.shift();
    if (failure === 'server-error') return { status: 500, text: 'Internal Server Error', delayMs };
    const form = new URLSearchParams(request.body);
    const refreshToken = form.get('refresh_token') ?? '';
    const valid =
      failure === undefined &&
      request.headers.secret_key === this.options.appSecret &&
      form.get('app_id') === this.options.appId &&
      form.get('grant_type') === 'refresh_token' &&
      this.validRefreshTokens.has(refreshToken);
    if (!valid) {
      return {
        json: {
          error: -14014,
          error_name: 'Invalid refresh token',
          error_description: 'Refresh token is invalid or used',
        },
        delayMs,
      };
    }
    this.validRefreshTokens.delete(refreshToken);
    this.issued++;
    const accessToken = `access-${this.issued}`;
    const nextRefreshToken = `refresh-${this.issued}`;
    this.validAccessTokens.add(accessToken);
    this.validRefreshTokens.add(nextRefreshToken);
    return { json: { access_token: accessToken, refresh_token: nextRefreshToken, expires_in: '90000' }, delayMs };
  }
}

/** A fake Zalo OA and the bot settings that point at it. */
export interface ZaloOaSetup {
  zalo: FakeZaloOa;
  env: Record<string, string>;
}

export async function startZaloOaSetup(appId: string, oaSecretKey: string): Promise<ZaloOaSetup> {
  const zalo = await FakeZaloOa.start({
    appId,
    appSecret: 'app-secret',
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
  });
  return {
    zalo,
    env: {
      ZALO_APP_ID: appId,
      ZALO_APP_SECRET: 'app-secret',
      ZALO_OA_SECRET_KEY: oaSecretKey,
      ZALO_OA_ACCESS_TOKEN: 'access-1',
      ZALO_OA_REFRESH_TOKEN: 'refresh-1',
      ZALO_API_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
    },
  };
}

/** `mac=…`, as Zalo signs a webhook body for the x-zevent-signature header. */
export function zaloOaWebhookSignature(appId: string, oaSecretKey: string, body: string, timestamp: string): string {
  return `mac=${zaloOaSignature({ appId, rawBody: Buffer.from(body), timestamp, oaSecretKey })}`;
}
