import { ZaloHttpError } from './zalo-http-error.ts';

/** What came back from one call: the status, and the body parsed as JSON (undefined when it is not JSON). */
export interface ZaloHttpReply {
  status: number;
  ok: boolean;
  json: unknown;
}

export interface ZaloHttpOptions {
  /** How errors name the platform: "Zalo OA", "Zalo Bot". */
  platform: string;
  fetch?: typeof fetch | undefined;
  /** Per call unless the call says otherwise; a send that hangs must not hold a queue worker. */
  timeoutMs?: number | undefined;
}

export interface ZaloCallOptions {
  /** Ends the call early (a poller stopping). */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** "https://openapi.zalo.me/" → "https://openapi.zalo.me", so paths can be appended with one slash. */
export function withoutTrailingSlashes(base: string): string {
  return base.replace(/\/+$/, '');
}

/**
 * The HTTP exchange both Zalo clients make over `fetch` (neither platform has a maintained SDK): one request
 * with a deadline, the body read whole and parsed as JSON when it is JSON. No response (network failure,
 * timeout, abort) is a ZaloHttpError with a null status; what a reply means is the platform client's to
 * decide. No error names the URL: the Bot Platform's holds the token.
 */
export class ZaloHttp {
  private readonly platform: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ZaloHttpOptions) {
    this.platform = options.platform;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async request(method: string, url: string, init: RequestInit, options: ZaloCallOptions = {}): Promise<ZaloHttpReply> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let body: string;
    try {
      response = await this.fetch(url, { ...init, signal });
      body = await response.text();
    } catch (error) {
      throw new ZaloHttpError(`${this.platform} ${method}: no response (${(error as Error).name})`, {
        status: null,
        cause: error,
      });
    }
    return { status: response.status, ok: response.ok, json: parseJson(body) };
  }

  /** A reply that is neither the API's answer nor its refusal; `detail` says what was missing. */
  unusableReply(method: string, status: number, detail: string): ZaloHttpError {
    return new ZaloHttpError(`${this.platform} ${method}: HTTP ${status}${detail}`, { status });
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
