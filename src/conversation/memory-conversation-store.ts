import {
  type ConversationLimits,
  type ConversationStore,
  type ConversationTurn,
  DEFAULT_CONVERSATION_LIMITS,
} from './conversation-store.ts';

interface Entry {
  turns: ConversationTurn[];
  expiresAt: number;
}

export interface MemoryConversationStoreOptions extends Partial<ConversationLimits> {
  /** Most conversations kept; the least recently used go first, so memory stays bounded. */
  maxConversations?: number;
  now?: () => number;
}

/** The embedded default: history in this process only, bounded in size and time. */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, Entry>();
  private readonly limits: ConversationLimits;
  private readonly maxConversations: number;
  private readonly now: () => number;

  constructor(options: MemoryConversationStoreOptions = {}) {
    this.limits = {
      maxTurns: options.maxTurns ?? DEFAULT_CONVERSATION_LIMITS.maxTurns,
      ttlMs: options.ttlMs ?? DEFAULT_CONVERSATION_LIMITS.ttlMs,
    };
    this.maxConversations = options.maxConversations ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async recent(key: string): Promise<ConversationTurn[]> {
    const entry = this.entries.get(key);
    if (!entry) return [];
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return [];
    }
    return entry.turns.map((turn) => structuredClone(turn));
  }

  async append(key: string, turn: ConversationTurn): Promise<void> {
    const current = (await this.recent(key)) ?? [];
    const turns = [...current, structuredClone(turn)].slice(-this.limits.maxTurns);
    // Re-inserting moves the key to the end of the Map: the first key is always the least recently used.
    this.entries.delete(key);
    this.entries.set(key, { turns, expiresAt: this.now() + this.limits.ttlMs });
    while (this.entries.size > this.maxConversations) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async clear(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
