import { type FakeResponse, type RecordedRequest, RecordingServer } from './fake-zalo-server.ts';

/** A scripted getUpdates answer: an update, or an error the API reports. */
export type PollStep =
  | { update: unknown }
  | { error_code: number; description: string }
  | { status: number; text: string };

export type BotSendFailure =
  | { error_code: number; description: string; status?: number }
  | { status: number; text: string };

export interface BotCall {
  seq: number;
  method: string;
  body: Record<string, unknown>;
  request: RecordedRequest;
}

/**
 * The Zalo Bot Platform on 127.0.0.1: `POST /bot<TOKEN>/<method>` answering `{ ok, result }`. getUpdates
 * plays a script, one step per call, then holds each poll briefly and answers 408 as the real one does when
 * nothing came. sendMessage can be made to fail; a wrong token gets 401.
 */
export class FakeZaloBot {
  readonly pollScript: PollStep[] = [];
  /** Consumed one per sendMessage, in order. */
  sendFailures: BotSendFailure[] = [];
  /** How long an empty poll is held before its 408. */
  pollHoldMs = 30;
  /** Sequence numbers of the sends that succeeded. */
  private readonly accepted = new Set<number>();
  private readonly server: RecordingServer;

  private constructor(readonly token: string) {
    this.server = new RecordingServer((request) => this.respond(request));
  }

  static async start(token: string): Promise<FakeZaloBot> {
    const fake = new FakeZaloBot(token);
    await fake.server.listen();
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  /** Calls to one method (all methods without an argument), in order. */
  calls(method?: string): BotCall[] {
    return this.server.requests.flatMap((request) => {
      const name = request.path.split('/').at(-1) ?? '';
      if (method !== undefined && name !== method) return [];
      return [
        { seq: request.seq, method: name, body: JSON.parse(request.body || '{}') as Record<string, unknown>, request },
      ];
    });
  }

  /** Messages the API accepted, in order. */
  sentTexts(): Array<{ chatId: unknown; text: unknown }> {
    return this.calls('sendMessage')
      .filter((call) => this.accepted.has(call.seq))
      .map((call) => ({ chatId: call.body.chat_id, text: call.body.text }));
  }

  /** Whether the server answered this request (false when the client gave up on it first). */
  wasAnswered(seq: number): boolean {
    return this.server.answered.has(seq);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private respond(request: RecordedRequest): FakeResponse {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.path);
    if (!match || match[1] !== this.token)
      return { status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } };
    switch (match[2]) {
      case 'getUpdates':
        return this.poll();
      case 'sendMessage': {
        const failure = this.sendFailures.shift();
        if (failure && 'text' in failure) return { status: failure.status, text: failure.text };
        if (failure) {
          const { status = 200, ...body } = failure;
          return { status, json: { ok: false, ...body } };
        }
        this.accepted.add(request.seq);
        return { json: { ok: true, result: { message_id: `sent-${request.seq}`, date: Date.now() } } };
      }
      case 'setWebhook':
      case 'sendChatAction':
        return { json: { ok: true, result: true } };
      default:
        return { status: 404, json: { ok: false, error_code: 404, description: 'Not Found' } };
    }
  }

  private poll(): FakeResponse {
    const step = this.pollScript.shift();
    if (!step)
      return { delayMs: this.pollHoldMs, json: { ok: false, error_code: 408, description: 'Request timeout' } };
    if ('update' in step) return { json: { ok: true, result: step.update } };
    if ('text' in step) return { status: step.status, text: step.text };
    return { json: { ok: false, ...step } };
  }
}
