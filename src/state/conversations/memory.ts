import { type Expiring, liveEntry } from '../expiry.ts';
import {
  type ConversationLimits,
  type ConversationStore,
  type ConversationTurn,
  DEFAULT_CONVERSATION_LIMITS,
} from './port.ts';

/**
 * Callers get their own copies, so changing a returned turn never changes the store. A turn is flat apart
 * from three string arrays and its answer type (never changed, so shared), and copying them by hand costs far
 * less than structuredClone on every message.
 */
function copyTurn(turn: ConversationTurn): ConversationTurn {
  return { ...turn, provinces: [...turn.provinces], documentIds: [...turn.documentIds], terms: [...turn.terms] };
}

interface Entry extends Expiring {
  turns: ConversationTurn[];
}

const DEFAULT_MAX_CONVERSATIONS = 10_000;

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
    this.maxConversations = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
    this.now = options.now ?? Date.now;
  }

  private live(key: string): Entry | undefined {
    return liveEntry(this.entries, key, this.now());
  }

  async recent(key: string): Promise<ConversationTurn[]> {
    return this.live(key)?.turns.map(copyTurn) ?? [];
  }

  async append(key: string, turn: ConversationTurn): Promise<void> {
    const current = this.live(key)?.turns ?? [];
    const turns = [...current, copyTurn(turn)].slice(-this.limits.maxTurns);
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
