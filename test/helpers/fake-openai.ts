import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible endpoint on 127.0.0.1 for tests: `POST /chat/completions`, non-streaming. Every
 * request is recorded; what it answers is programmable per test (a text, a function of the request, an
 * HTTP error, malformed JSON, a delay, or no answer at all), so the real client code runs against it.
 */

export interface ChatMessage {
  role: string;
  content: string | Array<{ type: string; text?: string }>;
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatCompletionRequest;
}

export type FakeBehaviour =
  | { reply: string | ((request: RecordedRequest) => string); delayMs?: number }
  | { status: number; message?: string; delayMs?: number }
  | { malformed: true }
  /** Accepts the request and never answers (until the server closes). */
  | { hang: true };

export interface FakeOpenAI {
  /** For `configuration.baseURL`: "http://127.0.0.1:PORT/v1". */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** What the next requests get, until changed. A function decides per request. */
  behave(behaviour: FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour)): void;
  close(): Promise<void>;
}

/** All the text of a request's messages, for asserting what reached the model. */
export function requestText(request: RecordedRequest): string {
  return request.body.messages
    .map((message) =>
      typeof message.content === 'string' ? message.content : message.content.map((part) => part.text ?? '').join(''),
    )
    .join('\n');
}

function completion(model: string, content: string, id: number) {
  return {
    id: `chatcmpl-fake-${id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const STATUS_TYPES: Record<number, string> = {
  401: 'invalid_request_error',
  429: 'rate_limit_exceeded',
  500: 'server_error',
  503: 'server_error',
};

export async function startFakeOpenAI(initial: FakeBehaviour = { reply: 'Xin chào.' }): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let decide: (request: RecordedRequest) => FakeBehaviour = () => initial;
  let served = 0;

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
      sendJson(response, 404, {
        error: { message: `no route ${request.method} ${path}`, type: 'invalid_request_error' },
      });
      return;
    }
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatCompletionRequest;
    } catch {
      sendJson(response, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
      return;
    }
    const recorded: RecordedRequest = { method: request.method, path, headers: request.headers, body };
    requests.push(recorded);
    const behaviour = decide(recorded);
    if ('hang' in behaviour) return;
    if ('delayMs' in behaviour && behaviour.delayMs)
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if ('malformed' in behaviour) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id": "chatcmpl-broken", "choices": [');
      return;
    }
    if ('status' in behaviour) {
      const type = STATUS_TYPES[behaviour.status] ?? 'error';
      sendJson(response, behaviour.status, {
        error: { message: behaviour.message ?? `fake status ${behaviour.status}`, type, code: type, param: null },
      });
      return;
    }
    const content = typeof behaviour.reply === 'function' ? behaviour.reply(recorded) : behaviour.reply;
    sendJson(response, 200, completion(body.model, content, ++served));
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave(behaviour) {
      decide = typeof behaviour === 'function' ? behaviour : () => behaviour;
    },
    async close() {
      // Hanging requests hold their sockets open: cut them so close() returns.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A base URL where nothing listens: a port the system just handed out and took back. */
export async function deadEndpoint(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
