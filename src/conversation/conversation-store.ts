/**
 * What the bot remembers of one conversation turn: enough to resolve a follow-up ("Còn Quảng Bình thì sao?",
 * "Quyết định đó ban hành ngày nào?") without keeping the whole answer text.
 */
export interface ConversationTurn {
  question: string;
  /** Provinces the turn was about (asked or inherited). */
  provinces: string[];
  /** Ids of the documents the answer cited. */
  documentIds: string[];
  /** Search terms of the turn, so an elliptical follow-up can reuse them. */
  terms: string[];
  intent: string;
  grounded: boolean;
  /** Unix milliseconds. */
  at: number;
}

/**
 * Conversation history per (channel, user) key. Implementations keep at most `maxTurns` turns per key,
 * newest last, and forget a conversation after its time to live.
 */
export interface ConversationStore {
  /** The remembered turns, oldest first; empty for an unknown or expired key. */
  recent(key: string): Promise<ConversationTurn[]>;
  append(key: string, turn: ConversationTurn): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface ConversationLimits {
  maxTurns: number;
  ttlMs: number;
}

export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = Object.freeze({
  maxTurns: 10,
  ttlMs: 7 * 24 * 60 * 60 * 1000,
});

export function conversationKey(channel: string, user: string): string {
  return `${channel}:${user}`;
}
