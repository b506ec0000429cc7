import type { Logger } from 'pino';
import type { Answer } from '../answer/answer.ts';
import { type AnswerWriter, type Audience, DEFAULT_AUDIENCE, offlineAnswerWriter } from '../answer/answer-writer.ts';
import { composeAnswer } from '../answer/compose-answer.ts';
import { mergeAnswers } from '../answer/merge-answers.ts';
import { premiseCorrectionText } from '../answer/messages.ts';
import type { KnowledgeDocument } from '../knowledge/document.ts';
import { createOutageReporter } from '../observability/outage-reporter.ts';
import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { type ConversationStore, type ConversationTurn, conversationKey } from '../state/conversations/port.ts';
import { groundQuestion } from '../understanding/ground-question.ts';
import type { Grounding, ResolvedQuestion } from '../understanding/grounding.ts';
import { correctPremises } from '../understanding/premise-corrections.ts';
import { resolveFollowUp } from '../understanding/resolve-follow-up.ts';
import { type UnderstoodQuestion, understandQuestion } from '../understanding/understand-question.ts';

/** One question from one user on one channel. */
export interface Question {
  channel: string;
  user: string;
  text: string;
  /** Who will read the answer; decides its length and tone, never its content. Defaults to 'citizen'. */
  audience?: Audience;
}

export interface Assistant {
  ask(question: Question): Promise<Answer>;
}

export interface AssistantDependencies {
  /** The current knowledge base; read on every question so a reload takes effect at once. */
  knowledge: () => KnowledgeBase;
  conversations: ConversationStore;
  logger: Logger;
  /** Phrases the grounded answer; defaults to the offline writer. */
  writer?: AnswerWriter;
  now?: () => number;
}

/**
 * Only the start of a very long message is read: questions are short, and a pasted document should
 * neither slow the bot down nor be refused outright.
 */
export const MAX_QUESTION_CHARS = 1000;

/**
 * The question-to-answer path shared by every channel: history → understand → resolve follow-up →
 * ground in the documents → write (offline, or a model behind the citation guard) → remember.
 * History is a help, not a requirement: when the store fails, the question is answered on its own.
 */
export function createAssistant({
  knowledge,
  conversations,
  logger,
  writer = offlineAnswerWriter,
  now = Date.now,
}: AssistantDependencies): Assistant {
  const outage = createOutageReporter(logger, 'conversation history');

  async function history(key: string): Promise<ConversationTurn[]> {
    try {
      const turns = await conversations.recent(key);
      outage.succeeded();
      return turns;
    } catch (error) {
      outage.failed(error);
      return [];
    }
  }

  async function remember(action: () => Promise<void>): Promise<void> {
    try {
      await action();
      outage.succeeded();
    } catch (error) {
      outage.failed(error);
    }
  }

  /** One question answered and remembered as the next turn of the conversation. */
  async function answerTurn(
    base: KnowledgeBase,
    key: string,
    understood: UnderstoodQuestion,
    turns: ConversationTurn[],
    audience: Audience,
  ): Promise<Answer> {
    const lastGrounded = turns.findLast((turn) => turn.documentIds.length > 0);
    const resolved = resolveFollowUp(understood, turns.at(-1), lastGrounded);
    const corrected = correctPremises(base, resolved);
    // A question that goes on about nothing grounded keeps its premise to be corrected by grounding itself.
    let { question, corrections } = corrected;
    let grounding = groundQuestion(base, question);
    if (corrections.length > 0 && !isGrounded(grounding)) {
      question = resolved;
      corrections = [];
      grounding = groundQuestion(base, question);
    }
    let answer: Answer;
    try {
      answer = await writer.write({ question, grounding, knowledge: base, history: turns, audience });
    } catch (error) {
      // Writers are not meant to reject; if one does, the user still gets the exact offline answer.
      logger.error({ err: error }, 'answer writer failed; answering offline');
      answer = composeAnswer(base, grounding);
    }
    if (corrections.length > 0 && answer.grounded) {
      answer = { ...answer, answer: `${premiseCorrectionText(base, corrections)}\n${answer.answer}` };
    }
    const turn = turnToRemember(question, answer, citedDocuments(base, answer), now());
    turns.push(turn);
    await remember(() => conversations.append(key, turn));
    return answer;
  }

  return {
    async ask({ channel, user, text, audience = DEFAULT_AUDIENCE }: Question): Promise<Answer> {
      const key = conversationKey(channel, user);
      const base = knowledge();
      const options = { knownProvinces: [...base.documentsByProvince.keys()] };
      const understood = understandQuestion(text.slice(0, MAX_QUESTION_CHARS), options);
      if (understood.intent === 'reset') {
        await remember(() => conversations.clear(key));
        return composeAnswer(base, { kind: 'conversation', intent: 'reset' });
      }
      const turns = await history(key);
      if (understood.parts.length === 0) return answerTurn(base, key, understood, turns, audience);
      // Several questions in one message are asked in turn, each a follow-up of the one before it, within the
      // message's place and documents when a part names none of its own.
      const answers: Array<{ part: string; answer: Answer }> = [];
      for (const part of understood.parts) {
        const partUnderstood = withScopeOf(understandQuestion(part, options), understood);
        answers.push({ part, answer: await answerTurn(base, key, partUnderstood, turns, audience) });
      }
      return mergeAnswers(base, answers);
    },
  };
}

function isGrounded(grounding: Grounding): boolean {
  return grounding.kind !== 'not-found' && grounding.kind !== 'conversation';
}

/** A part of a message that names no province or document is about those the whole message names. */
function withScopeOf(part: UnderstoodQuestion, whole: UnderstoodQuestion): UnderstoodQuestion {
  if (part.provinces.length > 0 || part.documentNumbers.length > 0) return part;
  return {
    ...part,
    provinces: whole.provinces,
    formerOnly: whole.formerOnly,
    documentNumbers: whole.documentNumbers,
    instructionNumbers: whole.instructionNumbers,
  };
}

function citedDocuments(base: KnowledgeBase, answer: Answer): KnowledgeDocument[] {
  return answer.citations.flatMap((citation) => {
    const docIndex = base.documentsBySource.get(citation.source);
    return docIndex === undefined ? [] : [base.documents[docIndex]!];
  });
}

/** A follow-up needs the provinces asked about, or else those of the documents the answer cited. */
function turnToRemember(
  question: ResolvedQuestion,
  answer: Answer,
  documents: readonly KnowledgeDocument[],
  at: number,
): ConversationTurn {
  return {
    question: question.text,
    provinces: question.provinces.length > 0 ? question.provinces : documents.flatMap((d) => d.metadata.province ?? []),
    documentIds: documents.map((document) => document.id),
    terms: [...question.terms, ...question.inheritedTerms],
    topicTerms: question.topicTerms.length > 0 ? question.topicTerms : question.inheritedTopicTerms,
    intent: question.intent,
    answerType: question.answerType,
    grounded: answer.grounded,
    at,
  };
}
