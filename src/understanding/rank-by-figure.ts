import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { quotableText } from '../search/passage-units.ts';
import { foldVietnamese } from '../text/normalize.ts';
import type { DocumentFacts, RankedFact, ResolvedQuestion } from './grounding.ts';

/**
 * "Tỉnh nào cao nhất / cao hơn": the same slot read from each document, then reduced, as table QA does.
 * The figure read from a passage is the one its topic words follow or precede most closely
 * ("60% mức độ 3 và 15% mức độ 4": for "mức độ 4", 15).
 */

const FIGURE = /(\d+(?:[.,]\d+)?)\s*%/g;
/** How far from a figure its subject may be written, in characters. */
const SUBJECT_REACH = 80;

function parseFigure(raw: string): number {
  return Number(raw.replace(',', '.'));
}

function wordPattern(term: string): RegExp {
  // A level written in a list ("mức độ 3,4") is not that level alone: digits must stand apart from commas too.
  return /^\d+$/.test(term)
    ? new RegExp(`(?<![a-z0-9]|\\d[,.])${term}(?![a-z0-9]|[,.]\\d)`)
    : new RegExp(`(?<![a-z0-9])${term}(?![a-z0-9])`);
}

/**
 * The figure in a text whose subject holds the question's topic words, or null. A target's subject runs from
 * its figure to the next figure ("60% mức độ 3 và 15% mức độ 4": "mức độ 4" belongs to 15%); words after
 * count double, a few words before count once. A number in the topic ("mức độ 4") must be in the subject.
 */
export function figureFor(text: string, topicTerms: readonly string[]): number | null {
  const folded = foldVietnamese(text);
  const matches = [...folded.matchAll(FIGURE)];
  const required = topicTerms.filter((term) => /^\d+$/.test(term)).map(wordPattern);
  const words = topicTerms.map(wordPattern);
  let best: { value: number; score: number } | null = null;
  matches.forEach((match, i) => {
    const end = match.index + match[0].length;
    const next = matches[i + 1]?.index ?? folded.length;
    const previous = i > 0 ? matches[i - 1]!.index + matches[i - 1]![0].length : 0;
    const after = folded.slice(end, Math.min(next, end + SUBJECT_REACH));
    const before = folded.slice(Math.max(previous, match.index - SUBJECT_REACH / 2), match.index);
    if (!required.every((word) => word.test(after) || word.test(before))) return;
    let score = 0;
    for (const word of words) score += word.test(after) ? 2 : word.test(before) ? 1 : 0;
    if (!best || score > best.score) best = { value: parseFigure(match[1]!), score };
  });
  return (best as { value: number } | null)?.value ?? null;
}

/**
 * The facts with the figure each gives, best first for the superlative asked; null when fewer than two
 * documents give a figure, so there is nothing to rank and the plain comparison is shown.
 */
export function rankByFigure(
  knowledge: KnowledgeBase,
  question: ResolvedQuestion,
  facts: readonly DocumentFacts[],
): RankedFact[] | null {
  const topic = question.topicTerms.length > 0 ? question.topicTerms : question.inheritedTerms;
  const ranked: RankedFact[] = facts.map((fact) => {
    const passage = fact.passages[0]!;
    return { ...fact, value: figureFor(quotableText(knowledge, passage.passageId), topic) };
  });
  if (ranked.filter((fact) => fact.value !== null).length < 2) return null;
  const direction = question.superlative === 'min' ? 1 : -1;
  return ranked.sort((a, b) => {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return direction * (a.value - b.value);
  });
}
