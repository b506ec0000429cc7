import type { KnowledgeDocument } from '../../src/knowledge/document.ts';
import { containsFigure, type EvalCase, loadCases } from '../eval/evaluate.ts';

/** The three evaluation sets: every question the bench asks comes from them. */
export const EVALUATION_SETS = ['questions', 'holdout', 'blind'] as const;

export function loadEvaluationCases(): EvalCase[] {
  return EVALUATION_SETS.flatMap((set) => loadCases(new URL(`../eval/${set}.jsonl`, import.meta.url)));
}

/**
 * A question whose right passages are known: a first turn (so it stands on its own, without a conversation)
 * that expects a grounded answer citing seed documents and stating at least one figure. Each figure is a
 * list of accepted spellings.
 */
export interface RecallQuestion {
  id: string;
  text: string;
  /** Ids of the seed documents the answer may come from (synthetic documents never count as right). */
  documentIds: string[];
  figures: string[][];
}

/**
 * Figures are the expected strings with a digit in them, except the cited document's own number, which
 * the bot answers from metadata rather than from a passage.
 */
export function recallQuestions(cases: readonly EvalCase[], seeds: readonly KnowledgeDocument[]): RecallQuestion[] {
  const questions: RecallQuestion[] = [];
  for (const evalCase of cases) {
    const [first] = evalCase.turns;
    const expect = first?.expect;
    if (!first || !expect?.grounded || !expect.citations?.length) continue;
    const cited = expect.citations;
    const isFigure = (text: string): boolean => /\d/.test(text) && !cited.includes(text);
    const figures = [
      ...(expect.contains ?? []).filter(isFigure).map((figure) => [figure]),
      ...(expect.containsAny ?? []).filter((options) => options.some(isFigure)),
    ];
    // As the evaluation checks a citation: the document's number, or its title naming the number.
    const documentIds = seeds
      .filter((seed) =>
        cited.some((number) => seed.metadata.number === number || seed.metadata.title?.includes(number)),
      )
      .map((seed) => seed.id);
    if (figures.length > 0 && documentIds.length > 0)
      questions.push({ id: evalCase.id, text: first.text, documentIds, figures });
  }
  return questions;
}

/** A passage as recall sees it: its document and the text it is searched by. */
export interface FoundPassage {
  docIndex: number;
  text: string;
}

/** Positions of the question's right documents in a base. */
export function rightDocuments(question: RecallQuestion, documents: readonly KnowledgeDocument[]): number[] {
  return question.documentIds
    .map((id) => documents.findIndex((document) => document.id === id))
    .filter((at) => at >= 0);
}

/** Recall hit: every figure is held by one of the top passages that belongs to a right document. */
export function isRecalled(question: RecallQuestion, right: readonly number[], top: readonly FoundPassage[]): boolean {
  const fromRight = top.filter((passage) => right.includes(passage.docIndex));
  return question.figures.every((options) =>
    fromRight.some((passage) => options.some((figure) => containsFigure(passage.text, figure))),
  );
}

/** Every turn of every case, in order, as the assistant is asked them. */
export function evaluationTurns(
  cases: readonly EvalCase[],
): Array<{ caseId: string; text: string; expect: EvalCase['turns'][number]['expect'] }> {
  return cases.flatMap((evalCase) =>
    evalCase.turns.map((turn) => ({ caseId: evalCase.id, text: turn.text, expect: turn.expect })),
  );
}
