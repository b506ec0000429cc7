import type { KnowledgeBase } from '../search/knowledge-base.ts';
import type { ConversationTurn } from '../understanding/conversation-turn.ts';
import type { Grounding, ResolvedQuestion } from '../understanding/grounding.ts';
import type { Answer } from './answer.ts';
import { composeAnswer } from './compose-answer.ts';

/** Who reads the answer: a citizen on Zalo wants it short, an official on Telegram wants it complete. */
export type Audience = 'citizen' | 'official';

export const DEFAULT_AUDIENCE: Audience = 'citizen';

export interface AnswerWriterInput {
  question: ResolvedQuestion;
  /** What the documents say: the only thing an answer may state. */
  grounding: Grounding;
  knowledge: KnowledgeBase;
  /** The conversation so far, oldest first, without the current question. */
  history: ConversationTurn[];
  audience: Audience;
}

/**
 * Turns a grounding into the text a user reads. A writer only phrases what the grounding holds: it never
 * adds a source, and the citations of its answer are those of the grounding. A writer should not reject;
 * one that cannot write (a model down, an answer it cannot trust) returns the offline answer instead.
 */
export interface AnswerWriter {
  write(input: AnswerWriterInput): Promise<Answer>;
}

/** The default writer: the extractive composer, which needs nothing installed and is exact. */
export const offlineAnswerWriter: AnswerWriter = {
  async write({ knowledge, grounding }) {
    return composeAnswer(knowledge, grounding);
  },
};
