import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot API server on 127.0.0.1 that answers enough methods for the channel, so telegraf's real client
 * runs against it (`apiRoot`). It records every call, serves queued updates through getUpdates with
 * Telegram's offset rules, and can be told to fail the next calls of a method.
 */

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status the fake answered with: 0 while the call is open, 499 when the client gave up on it. */
  status: number;
}

export type InjectedFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 }
  | { status: 400 | 401 | 403 | 409; description: string };

export interface FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly me: { id: number; is_bot: true; first_name: string; username: string };
  readonly calls: RecordedCall[];
  /** Calls of one method, answered or failed. */
  callsTo(method: string): RecordedCall[];
  /** sendMessage calls that succeeded, in order. */
  sent(): RecordedCall[];
  /** Adds updates for getUpdates to serve. */
  queueUpdate(...updates: object[]): void;
  /** Fails the next `count` calls of a method, after letting `after` more calls through first. */
  failNext(method: string, count: number, failure: InjectedFailure, options?: { after?: number }): void;
  /** Holds every later call of a method open, never answering: a Bot API gone quiet mid-request. */
  stall(method: string): void;
  close(): Promise<void>;
}

export interface FakeTelegramOptions {
  token?: string;
  /** Longest a getUpdates call with nothing to serve is held open, whatever timeout it asks for. */
  maxLongPollMs?: number;
}

const ME = { id: 7_000_001, is_bot: true as const, first_name: 'Hỏi đáp CNTT', username: 'hoidap_cntt_bot' };

async function readParams(request: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = request.headers['content-type'] ?? '';
  if (body && type.includes('application/json')) Object.assign(params, JSON.parse(body));
  else if (body && type.includes('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

function reply(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? '123456:TEST-token_secret';
  const maxLongPollMs = options.maxLongPollMs ?? 1000;
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Array<InjectedFailure | null>>();
  const stalled = new Set<string>();
  let updates: Array<{ update_id: number }> = [];
  const waiters: Array<() => void> = [];
  let nextMessageId = 5000;

  const wake = (): void => {
    for (const wakeUp of waiters.splice(0)) wakeUp();
  };

  async function getUpdates(params: Record<string, unknown>, response: ServerResponse): Promise<object[]> {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    // Telegram forgets every update below the offset: the caller has confirmed them.
    if (offset > 0) updates = updates.filter((update) => update.update_id >= offset);
    if (updates.length === 0) {
      const waitMs = Math.min(Number(params.timeout ?? 0) * 1000, maxLongPollMs);
      if (waitMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, waitMs);
          function done(): void {
            clearTimeout(timer);
            resolve();
          }
          waiters.push(done);
          response.once('close', done);
        });
      }
    }
    return updates.slice(0, limit);
  }

  async function answer(method: string, params: Record<string, unknown>, response: ServerResponse): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return ME;
      case 'sendMessage':
        return {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: Number(params.chat_id) < 0 ? 'supergroup' : 'private' },
          from: ME,
          text: params.text,
        };
      case 'sendChatAction':
      case 'setWebhook':
      case 'deleteWebhook':
        return true;
      case 'getUpdates':
        return getUpdates(params, response);
      default:
        return undefined;
    }
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      const params = await readParams(request, url).catch(() => ({}));
      const method = match?.[2] ?? url.pathname;
      // Recorded on arrival, so a long poll in progress shows up; the status is filled in when answered.
      const call: RecordedCall = { method, params, status: 0 };
      calls.push(call);
      const record = (status: number): void => {
        call.status = status;
      };
      if (!match || match[1] !== token) {
        record(401);
        return reply(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      if (stalled.has(method)) {
        response.once('close', () => record(499));
        return;
      }
      const failure = failures.get(method)?.shift();
      if (failure) {
        record(failure.status);
        if (failure.status === 429) {
          return reply(response, 429, {
            ok: false,
            error_code: 429,
            description: `Too Many Requests: retry after ${failure.retryAfter}`,
            parameters: { retry_after: failure.retryAfter },
          });
        }
        if (failure.status >= 500)
          return reply(response, failure.status, {
            ok: false,
            error_code: failure.status,
            description: 'Internal Server Error',
          });
        return reply(response, failure.status, {
          ok: false,
          error_code: failure.status,
          description: 'description' in failure ? failure.description : '',
        });
      }
      const result = await answer(method, params, response);
      if (response.destroyed) return record(499);
      if (result === undefined) {
        record(404);
        return reply(response, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
      record(200);
      reply(response, 200, { ok: true, result });
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    me: ME,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    sent: () => calls.filter((call) => call.method === 'sendMessage' && call.status === 200),
    queueUpdate(...added) {
      updates.push(...(added as Array<{ update_id: number }>));
      wake();
    },
    stall(method) {
      stalled.add(method);
    },
    failNext(method, count, failure, { after = 0 } = {}) {
      const planned = [...Array.from({ length: after }, () => null), ...Array.from({ length: count }, () => failure)];
      failures.set(method, [...(failures.get(method) ?? []), ...planned]);
    },
    async close() {
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
