import type { ConversationTurn } from '../../understanding/conversation-turn.ts';

export type { ConversationTurn };

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
