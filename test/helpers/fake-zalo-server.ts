import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One request a fake platform server received, as it arrived. */
export interface RecordedRequest {
  /** Position among every request this server received, from 1. */
  seq: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status?: number;
  /** Sent as JSON; `text` is sent as is. */
  json?: unknown;
  text?: string;
  /** Held this long before answering (a slow platform, or a long poll). */
  delayMs?: number;
}

/**
 * A real HTTP server on 127.0.0.1 (port 0) that records every request and answers what `respond` says: the
 * base of the fake Zalo servers, so the real client code runs over real sockets. No mocking library.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  /** Sequence numbers of the requests that got their answer (a request cut by the client never does). */
  readonly answered = new Set<number>();
  url = '';
  private readonly server: Server;
  private closing = false;

  constructor(respond: (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>) {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const request: RecordedRequest = {
          seq: this.requests.length + 1,
          method: incoming.method ?? 'GET',
          path: incoming.url ?? '/',
          headers: incoming.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(request);
        void (async () => {
          const response = await respond(request);
          if (response.delayMs) await sleep(response.delayMs);
          if (this.closing || outgoing.destroyed) return;
          const body = response.text ?? JSON.stringify(response.json ?? {});
          outgoing.writeHead(response.status ?? 200, {
            'content-type': response.text === undefined ? 'application/json' : 'text/plain',
          });
          outgoing.end(body);
          this.answered.add(request.seq);
        })();
      });
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Closes at once, cutting requests still held (long polls, slow replies). */
  async close(): Promise<void> {
    this.closing = true;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
