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
