import type { AnswerType } from './answer-type.ts';

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
  /** The words of its topic, own or inherited, that a figure must stand near. Absent in older turns. */
  topicTerms?: string[];
  intent: string;
  /**
   * What kind of value the turn asked for, its own or inherited ("… bao nhiêu %?" → "Còn Hà Tĩnh?" →
   * "Quảng Bình nữa?" all ask a percentage). Absent in turns stored before it was kept.
   */
  answerType?: AnswerType | null;
  grounded: boolean;
  /** Unix milliseconds. */
  at: number;
}
