import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../../ports/incoming-message.ts';
import { sleep } from '../../util/sleep.ts';
import { assertReady, type RedisClient } from '../redis-connection.ts';
import {
  HANDLER_FAILED_RETRY_MS,
  type HandlerResult,
  MAX_ATTEMPTS,
  type MessageHandler,
  type MessageQueue,
  type QueueStats,
} from './port.ts';

interface StreamEntry {
  id: string;
  message: Record<string, string>;
}

export interface RedisMessageQueueOptions {
  /** For ordinary commands (enqueue, acknowledge, retries). */
  redis: RedisClient;
  /** Opens a connection of its own for the blocking read; called when consuming starts. */
  openReader: () => RedisClient;
  prefix: string;
  concurrency: number;
  /** Entries a consumer took but did not acknowledge for this long are taken over (the consumer died). */
  claimIdleMs: number;
  logger: Logger;
  now?: () => number;
}

const GROUP = 'workers';
/** Longest wait for new messages in one read; also how long a drain may wait for the read to return. */
const BLOCK_MS = 500;
const IDLE_LOOP_MS = 250;
/** Shortest blocking read: BLOCK 0 would wait forever, and a retry already due gives a wait below zero. */
const MIN_BLOCK_MS = 10;
/** Retries moved back into the stream per loop; the rest follow on the next turn. */
const PROMOTE_BATCH = 50;

/**
 * KEYS: delayed set, stream; ARGV: now, batch. Moves the due retries (an unreadable one is dropped rather than
 * blocking the others) and returns {moved, score of the next retry or -1}. Redis runs a script whole.
 */
const PROMOTE_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, item in ipairs(due) do
  local ok, retry = pcall(cjson.decode, item)
  if ok and type(retry) == 'table' and type(retry.message) == 'string' then
    redis.call('XADD', KEYS[2], '*', 'message', retry.message, 'attempt', tostring(retry.attempt or '2'))
  end
  redis.call('ZREM', KEYS[1], item)
end
local next = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {#due, next[2] or '-1'}
`;

/**
 * A durable queue on Redis Streams with one consumer group shared by every bot process:
 * - `{prefix}queue` (stream): messages waiting or being processed; an entry is acknowledged and deleted
 *   only after its reply was sent, so a process killed mid-way leaves it pending, and another process (or
 *   this one after a restart) claims it once it has been idle for `claimIdleMs`;
 * - `{prefix}queue:delayed` (sorted set by due time): retries waiting for their backoff; a retry moves
 *   between the two atomically (MULTI one way, a Lua script the other).
 *
 * Every command has the connection's deadline, so a hung Redis makes `enqueue` fail (the message flow then
 * answers from its memory queue) instead of holding the webhook.
 */
export class RedisMessageQueue implements MessageQueue {
  private readonly stream: string;
  private readonly delayed: string;
  private readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly now: () => number;
  private handler: MessageHandler | null = null;
  private reader: RedisClient | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private failed = 0;

  constructor(private readonly options: RedisMessageQueueOptions) {
    this.stream = `${options.prefix}queue`;
    this.delayed = `${options.prefix}queue:delayed`;
    this.now = options.now ?? Date.now;
  }

  async enqueue(message: IncomingMessage): Promise<void> {
    assertReady(this.options.redis);
    await this.options.redis.xAdd(this.stream, '*', { message: JSON.stringify(message), attempt: '1' });
  }

  start(handler: MessageHandler): void {
    this.handler = handler;
    this.reader = this.options.openReader();
    this.running = true;
    this.loop = this.run();
  }

  /** Messages waiting here are in Redis already: nothing to answer before stopping but those in progress. */
  async drain(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  async stats(): Promise<QueueStats> {
    const [length, delayed] = await Promise.all([
      this.options.redis.xLen(this.stream),
      this.options.redis.zCard(this.delayed),
    ]);
    return {
      waiting: Math.max(0, length - this.inFlight.size) + delayed,
      active: this.inFlight.size,
      failed: this.failed,
      durable: true,
    };
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    let groupReady = false;
    while (this.running) {
      try {
        if (!groupReady) groupReady = await this.ensureGroup();
        const free = this.options.concurrency - this.inFlight.size;
        if (free <= 0) {
          await Promise.race([...this.inFlight, sleep(IDLE_LOOP_MS, undefined, { ref: false })]);
          continue;
        }
        const nextRetryInMs = await this.promoteDueRetries();
        const abandoned = await this.claimAbandoned(free);
        const fresh = abandoned.length < free ? await this.readNew(free - abandoned.length, nextRetryInMs) : [];
        const entries = [...abandoned, ...fresh];
        for (const entry of entries) this.track(this.process(entry));
      } catch (error) {
        // Redis is away: the connection reconnects by itself; wait and try again.
        logger.debug({ err: error }, 'queue loop waiting for Redis');
        groupReady = false;
        await sleep(BLOCK_MS, undefined, { ref: false });
      }
    }
  }

  private async ensureGroup(): Promise<boolean> {
    try {
      await this.options.redis.xGroupCreate(this.stream, GROUP, '0', { MKSTREAM: true });
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    return true;
  }

  private async claimAbandoned(count: number): Promise<StreamEntry[]> {
    const reply = await this.options.redis.xAutoClaim(
      this.stream,
      GROUP,
      this.consumer,
      this.options.claimIdleMs,
      '0-0',
      {
        COUNT: count,
      },
    );
    return reply.messages.filter((entry): entry is StreamEntry => entry !== null);
  }

  /** Waits for new messages, but no longer than until the next retry is due. */
  private async readNew(count: number, nextRetryInMs: number): Promise<StreamEntry[]> {
    if (!this.running) return [];
    const block = Math.max(MIN_BLOCK_MS, Math.min(BLOCK_MS, nextRetryInMs));
    const reply = await this.reader!.xReadGroup(
      GROUP,
      this.consumer,
      { key: this.stream, id: '>' },
      { COUNT: count, BLOCK: block },
    );
    if (!reply) return [];
    const streams = reply as Array<{ messages: StreamEntry[] }>;
    return streams.flatMap((stream) => stream.messages);
  }

  /**
   * Moves retries whose backoff is over back into the stream, in one script (a process dying between a ZREM
   * and an XADD would lose the message), and says how long until the next one is due.
   */
  private async promoteDueRetries(): Promise<number> {
    const reply = (await this.options.redis.eval(PROMOTE_SCRIPT, {
      keys: [this.delayed, this.stream],
      arguments: [String(this.now()), String(PROMOTE_BATCH)],
    })) as [number, string];
    const next = Number(reply[1]);
    return next >= 0 ? next - this.now() : BLOCK_MS;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async process(entry: StreamEntry): Promise<void> {
    const { redis, logger } = this.options;
    const raw = entry.message.message ?? '';
    const attempt = Number(entry.message.attempt ?? '1');
    let message: IncomingMessage;
    try {
      message = JSON.parse(raw) as IncomingMessage;
    } catch {
      logger.error({ entry: entry.id }, 'unreadable queue entry; dropping it');
      await this.acknowledge(entry.id);
      return;
    }
    let result: HandlerResult;
    try {
      result = await this.handler!(message, attempt);
    } catch (error) {
      logger.error({ err: error, messageId: message.messageId }, 'message handler failed');
      result = { outcome: 'retry' as const, afterMs: HANDLER_FAILED_RETRY_MS };
    }
    try {
      if (result.outcome === 'retry' && attempt < MAX_ATTEMPTS) {
        // The retry is scheduled and the entry acknowledged in one MULTI: never both, never neither.
        const item = JSON.stringify({ message: raw, attempt: String(attempt + 1), entry: entry.id });
        await redis
          .multi()
          .zAdd(this.delayed, { score: this.now() + result.afterMs, value: item })
          .xAck(this.stream, GROUP, entry.id)
          .xDel(this.stream, entry.id)
          .exec();
        return;
      }
      if (result.outcome === 'retry') {
        this.failed++;
        logger.error({ channel: message.channel, messageId: message.messageId }, 'giving up on a message');
      }
      await this.acknowledge(entry.id);
    } catch (error) {
      // Left pending: once idle long enough it is claimed again, and the ledger keeps it answered once.
      logger.warn({ err: error, messageId: message.messageId }, 'could not acknowledge a queue entry');
    }
  }

  private async acknowledge(id: string): Promise<void> {
    await this.options.redis.multi().xAck(this.stream, GROUP, id).xDel(this.stream, id).exec();
  }
}
