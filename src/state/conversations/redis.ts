import { assertReady, type RedisClient } from '../redis-connection.ts';
import {
  type ConversationLimits,
  type ConversationStore,
  type ConversationTurn,
  DEFAULT_CONVERSATION_LIMITS,
} from './port.ts';

/**
 * Conversations in Redis, shared by every bot process: one list per conversation
 * (`{prefix}conv:{channel}:{user}`), newest turn last, trimmed to maxTurns, expiring ttl after the last turn.
 */
export class RedisConversationStore implements ConversationStore {
  private readonly limits: ConversationLimits;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    limits: Partial<ConversationLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_CONVERSATION_LIMITS, ...limits };
  }

  private key(conversation: string): string {
    return `${this.prefix}conv:${conversation}`;
  }

  async recent(conversation: string): Promise<ConversationTurn[]> {
    assertReady(this.redis);
    const raw = await this.redis.lRange(this.key(conversation), 0, -1);
    const turns = raw.map((entry) => JSON.parse(entry) as ConversationTurn & { storedAt: number });
    const last = turns.at(-1);
    // Redis expires the key on its own clock; checking here too keeps one rule for every store and clock.
    if (last && this.now() - last.storedAt >= this.limits.ttlMs) return [];
    return turns.map(({ storedAt: _storedAt, ...turn }) => turn);
  }

  async append(conversation: string, turn: ConversationTurn): Promise<void> {
    assertReady(this.redis);
    const key = this.key(conversation);
    await this.redis
      .multi()
      .rPush(key, JSON.stringify({ ...turn, storedAt: this.now() }))
      .lTrim(key, -this.limits.maxTurns, -1)
      .pExpire(key, this.limits.ttlMs)
      .exec();
  }

  async clear(conversation: string): Promise<void> {
    assertReady(this.redis);
    await this.redis.del(this.key(conversation));
  }
}
