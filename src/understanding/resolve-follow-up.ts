import { foldVietnamese } from '../text/normalize.ts';
import { answerTypeOf } from './answer-type.ts';
import type { ConversationTurn } from './conversation-turn.ts';
import type { ResolvedQuestion } from './grounding.ts';
import type { QuestionIntent, UnderstoodQuestion } from './understand-question.ts';

/** "… có chỉ tiêu kiểu đó không?": whether something exists, not how much. */
const ASKS_EXISTENCE = /\bco\b.{0,40}\b(?:khong|ko|k|chua|hok)\s*[?!.]*\s*$/;
/** "Đến 2015 thì mục tiêu là gì?", "… tỉnh đó định làm gì": asks what the target says, which need not be a figure. */
const ASKS_DESCRIPTION =
  /\b(?:la gi|gom nhung gi|co nhung gi|noi gi|the nao|ra sao|lam gi|lam nhung gi|lam j)\s*(?:vay|the|a|ha)?\s*[?!.]*\s*$/;

/** Intents a follow-up can carry over: "Hà Tĩnh quyết định số mấy?" → "Còn Quảng Bình?" asks for a number too. */
const CARRIED_INTENTS = new Set<QuestionIntent>(['fact', 'issue-date', 'document-number', 'issuer', 'catalogue']);
/** Topic words up to which a question without province or number is read as a continuation. */
const SHORT_QUESTION_TERMS = 1;
/** Intents that stand alone: they never inherit anything. */
const STANDALONE_INTENTS = new Set<QuestionIntent>(['greeting', 'small-talk', 'help', 'reset', 'catalogue']);

/**
 * Completes a question from the previous turn of its conversation:
 * - no province or number of its own → it is about the documents last discussed (softly, unless it points
 *   back with "đó/này": a new topic may still be found elsewhere);
 * - elliptical ("Còn Quảng Bình thì sao?") or without a topic → it asks the previous question again, here.
 */
export function resolveFollowUp(
  question: UnderstoodQuestion,
  last: ConversationTurn | undefined,
  lastGrounded: ConversationTurn | undefined = last,
): ResolvedQuestion {
  const resolved: ResolvedQuestion = {
    ...question,
    focusDocumentIds: [],
    inheritedTerms: [],
    inheritedTopicTerms: [],
    previousTerms: last?.terms ?? [],
    focusIsSoft: false,
  };
  const hasOwnScope = question.provinces.length > 0 || question.documentNumbers.length > 0;
  // A question without a scope of its own after a turn the bot could not answer ("văn bản đó …", "năm cuối
  // thì sao?") is still about the documents discussed before it.
  const previous =
    last && last.documentIds.length === 0 && !hasOwnScope && lastGrounded
      ? { ...last, documentIds: lastGrounded.documentIds, provinces: lastGrounded.provinces }
      : last;
  if (!previous || STANDALONE_INTENTS.has(question.intent)) return resolved;

  // A very short question without a scope of its own ("riêng năm 2014 là bao nhiêu?") continues the last one;
  // so does one that names a year by its place in the plan ("năm đầu tiên bố trí bao nhiêu?").
  const short = !hasOwnScope && question.topicTerms.length <= SHORT_QUESTION_TERMS;
  const asksAgain =
    question.elliptical ||
    question.topicTerms.length === 0 ||
    (short && !question.refersBack) ||
    (!hasOwnScope && question.periodYearIndex !== null);

  if (!hasOwnScope && !question.comparison) {
    if (previous.documentIds.length > 0) {
      resolved.focusDocumentIds = previous.documentIds;
      resolved.focusIsSoft = !question.refersBack && !asksAgain && question.periodYearIndex === null;
    } else if (question.refersBack || asksAgain) {
      resolved.provinces = previous.provinces;
    }
  }
  // "Tỉnh nào cao hơn?" after a comparison: the same provinces, ranked.
  if (question.comparison && !hasOwnScope && previous.provinces.length >= 2) resolved.provinces = previous.provinces;
  // "Hà Tĩnh thì sao, tỉnh nào cao hơn?": the province named now against those of the previous turn.
  const addsProvince = question.comparison && question.provinces.length === 1 && question.documentNumbers.length === 0;
  if (addsProvince && previous.provinces.some((province) => !question.provinces.includes(province))) {
    resolved.provinces = [...new Set([...previous.provinces, ...question.provinces])];
  }
  if (asksAgain && CARRIED_INTENTS.has(previous.intent as QuestionIntent)) {
    resolved.inheritedTerms = previous.terms.filter((term) => !question.terms.includes(term));
    resolved.inheritedTopicTerms = previous.topicTerms ?? [];
    if (question.topicTerms.length === 0 && (question.intent === 'overview' || question.intent === 'fact')) {
      resolved.intent = previous.intent as QuestionIntent;
    }
    // "Quảng Bình nữa?" after "… bao nhiêu %?" asks a percentage too; a follow-up with words of its own says
    // itself what it asks.
    // A bare "bao nhiêu" (a number of any kind) takes the kind asked before.
    if (
      question.topicTerms.length === 0 &&
      (!resolved.answerType || resolved.answerType.kind === 'number' || 'preferred' in resolved.answerType)
    ) {
      const inherited = previous.answerType ?? answerTypeOf(previous.question);
      // "TTH có chỉ tiêu kiểu đó không?" asks whether there is one: a target without the figure still answers.
      const folded = foldVietnamese(question.text);
      resolved.answerType = ASKS_EXISTENCE.test(folded) || ASKS_DESCRIPTION.test(folded) ? null : inherited;
    }
  }
  return resolved;
}
