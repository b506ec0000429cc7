import { documentsWithNumber, foldDocumentNumber, type KnowledgeBase } from '../search/knowledge-base.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { queryTerms } from '../text/tokenize.ts';
import { unique } from '../util/unique.ts';
import type { DocumentFacts, Grounding, NotFoundReason, PassageMatch, ResolvedQuestion } from './grounding.ts';
import { buildQuery, search } from './passage-query.ts';

/**
 * Decides what in the knowledge base answers a question, or that nothing does. Everything an answer may
 * say comes from what this returns: the answer writers (extractive or LLM) only phrase it.
 */

/** How deep an open "tỉnh nào…" question searches, and how many documents its answer lists at most. */
const LIST_SEARCH_DEPTH = 100;
const MAX_LISTED_DOCUMENTS = 10;
/** Below this share of the question found in a passage, the passage does not answer it. */
const MIN_COVERAGE = 0.5;
/**
 * When the user named the province or document, the passage only has to be the best of that document,
 * and paraphrased questions ("ký số" for "chữ ký số", "sức khoẻ" for "y tế") need the slack.
 */
const MIN_COVERAGE_SCOPED = 0.35;

interface Candidates {
  documents: number[];
  unknownProvinces: string[];
  knownProvinces: string[];
  unknownNumbers: string[];
  /** Numbers found only as mentions inside other documents ("thay thế Quyết định số 590/QĐ-UBND"). */
  mentionedNumbers: string[];
}

/** Documents whose passages mention a number that is not a document of ours, found through the index. */
function documentsMentioning(knowledge: KnowledgeBase, typed: string): number[] {
  const folded = foldDocumentNumber(typed);
  const lead = /^\d+/.exec(folded)?.[0];
  if (!lead) return [];
  // A bare number ("nghị quyết số 27") is a mention only with a symbol after it ("27/QĐ-…", "27-NQ/…"),
  // so that dates such as 27/3/2013 are not taken for it.
  const escaped = folded.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const exact = new RegExp(`(?<![\\d/])${escaped}${folded === lead ? '(?:\\/\\d{4})?[/-][a-z]' : '(?![\\d])'}`);
  const hits = knowledge.index.search([lead], { limit: 50 });
  return unique(
    hits
      .map((hit) => knowledge.index.passages[hit.passageId]!)
      .filter((passage) => exact.test(foldVietnamese(passage.text).replace(/\s*\/\s*/g, '/')))
      .map((passage) => passage.docIndex),
  );
}

function findCandidates(knowledge: KnowledgeBase, question: ResolvedQuestion): Candidates {
  const fromNumbers: number[] = [];
  const unknownNumbers: string[] = [];
  const mentionedNumbers: string[] = [];
  for (const number of question.documentNumbers) {
    const own = documentsWithNumber(knowledge, number);
    if (own.length > 0) {
      fromNumbers.push(...own);
      continue;
    }
    const mentioning = documentsMentioning(knowledge, number);
    if (mentioning.length > 0) {
      fromNumbers.push(...mentioning);
      mentionedNumbers.push(number);
    } else {
      unknownNumbers.push(number);
    }
  }
  // Numbers inside an instruction count only when they are ours; an invented one is simply ignored.
  for (const number of question.instructionNumbers) fromNumbers.push(...documentsWithNumber(knowledge, number));
  const knownProvinces = question.provinces.filter((province) => knowledge.documentsByProvince.has(province));
  const unknownProvinces = question.provinces.filter((province) => !knowledge.documentsByProvince.has(province));
  const fromProvinces = knownProvinces.flatMap((province) => knowledge.documentsByProvince.get(province) ?? []);
  const fromConversation = question.focusDocumentIds.flatMap((id) => knowledge.documentsById.get(id) ?? []);

  let documents: number[];
  if (fromNumbers.length > 0) documents = fromNumbers;
  else if (fromProvinces.length > 0) documents = fromProvinces;
  else if (question.provinces.length === 0 && question.documentNumbers.length === 0) documents = fromConversation;
  else documents = [];
  return { documents: unique(documents), unknownProvinces, knownProvinces, unknownNumbers, mentionedNumbers };
}

/** The best passages of one document: the top one, and a second when it is nearly as good and says something else. */
function bestOfDocument(matches: PassageMatch[], docIndex: number, minCoverage: number): DocumentFacts | null {
  const own = matches.filter((match) => match.docIndex === docIndex && match.coverage >= minCoverage);
  const [first, second] = own;
  if (!first) return null;
  const passages = [first];
  if (second && second.score >= first.score * 0.85 && second.coverage >= first.coverage) passages.push(second);
  return { docIndex, passages };
}

/** The best passages of every document among the matches, best document first. */
function groupByDocument(matches: PassageMatch[], minCoverage: number): DocumentFacts[] {
  const documents = unique(matches.map((match) => match.docIndex));
  return documents.flatMap((docIndex) => bestOfDocument(matches, docIndex, minCoverage) ?? []);
}

function containsFigure(text: string, figure: string): boolean {
  const normalized = text.replace(/(\d)\s+%/g, '$1%');
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.,])${escaped}(?![\\d])`).test(normalized);
}

function verdictOf(question: ResolvedQuestion, facts: DocumentFacts[]): 'confirmed' | 'corrected' | null {
  if (question.claimedFigures.length === 0 || !(question.asksConfirmation || question.instruction)) return null;
  const said = facts
    .flatMap((fact) => fact.passages.map((passage) => `${passage.context ?? ''} ${passage.text}`))
    .join(' ');
  return question.claimedFigures.every((figure) => containsFigure(said, figure)) ? 'confirmed' : 'corrected';
}

export function groundQuestion(knowledge: KnowledgeBase, question: ResolvedQuestion): Grounding {
  const { intent } = question;
  if (intent === 'greeting' || intent === 'help' || intent === 'reset') return { kind: 'conversation', intent };

  const candidates = findCandidates(knowledge, question);
  const notFound = (reason: NotFoundReason): Grounding => ({
    kind: 'not-found',
    reason,
    unknownProvinces: candidates.unknownProvinces,
    knownProvinces: candidates.knownProvinces,
  });
  if (!question.text) return notFound('empty');
  // A number we do not have is never answered with another document of the same province.
  if (candidates.unknownNumbers.length > 0) return notFound('unknown-number');
  if (candidates.unknownProvinces.length > 0 && candidates.documents.length === 0) return notFound('unknown-province');

  // Mentioned numbers are searched as words, so the passage that mentions them ranks first.
  const extraTerms = candidates.mentionedNumbers.flatMap((number) => queryTerms(number));
  const query = buildQuery(knowledge, question, extraTerms, candidates.documents);
  const hasTopic =
    question.topicTerms.length > 0 ||
    extraTerms.length > 0 ||
    (question.inheritedTerms.length > 0 && intent === 'fact');

  if (intent === 'issue-date' || intent === 'document-number' || intent === 'issuer') {
    if (candidates.documents.length > 0) return { kind: 'metadata', intent, documents: candidates.documents };
    const [best] = search(knowledge, query, candidates.documents);
    if (best && best.coverage >= MIN_COVERAGE) return { kind: 'metadata', intent, documents: [best.docIndex] };
    return notFound(question.instruction ? 'out-of-scope' : 'no-match');
  }
  if (!hasTopic) {
    if (candidates.documents.length > 0 && intent !== 'catalogue')
      return { kind: 'overview', documents: candidates.documents };
    if (intent === 'catalogue' || (question.terms.length > 0 && !question.instruction)) {
      return {
        kind: 'catalogue',
        documents: candidates.documents.length > 0 ? candidates.documents : knowledge.documents.map((_, i) => i),
      };
    }
    return notFound(question.instruction ? 'out-of-scope' : 'no-match');
  }

  const scoped = candidates.documents.length > 0 && !question.focusIsSoft;
  const minCoverage = scoped ? MIN_COVERAGE_SCOPED : MIN_COVERAGE;
  const comparing = (question.comparison && candidates.documents.length !== 1) || candidates.knownProvinces.length >= 2;
  if (comparing) {
    // Named provinces: the best of each named document. "Tỉnh nào…": one search over everything, grouped by
    // document, so the cost does not grow with the number of documents, and the list stays readable.
    const perDocument =
      candidates.documents.length > 0
        ? candidates.documents.map((docIndex) =>
            bestOfDocument(search(knowledge, query, [docIndex]), docIndex, minCoverage),
          )
        : groupByDocument(search(knowledge, query, [], LIST_SEARCH_DEPTH), minCoverage).slice(0, MAX_LISTED_DOCUMENTS);
    const facts = perDocument
      .filter((fact): fact is DocumentFacts => fact !== null)
      .sort((a, b) => b.passages[0]!.score - a.passages[0]!.score);
    if (facts.length === 0) return notFound(question.instruction ? 'out-of-scope' : 'no-match');
    return {
      kind: 'facts',
      facts,
      comparison: facts.length > 1,
      verdict: verdictOf(question, facts),
      instructed: question.instruction,
      unknownProvinces: candidates.unknownProvinces,
    };
  }

  let matches = search(knowledge, query, candidates.documents);
  let threshold = minCoverage;
  let top = matches.find((match) => match.coverage >= threshold);
  if (!top && question.focusIsSoft && candidates.knownProvinces.length === 0) {
    matches = search(knowledge, query, []);
    threshold = MIN_COVERAGE;
    top = matches.find((match) => match.coverage >= threshold);
  }
  const facts = top ? bestOfDocument(matches, top.docIndex, threshold) : null;
  if (!facts) return notFound(question.instruction ? 'out-of-scope' : 'no-match');
  return {
    kind: 'facts',
    facts: [facts],
    comparison: false,
    verdict: verdictOf(question, [facts]),
    instructed: question.instruction,
    unknownProvinces: candidates.unknownProvinces,
  };
}

/** For tuning only: the best passages and their coverage, as the grounding sees them. */
export function explainSearch(knowledge: KnowledgeBase, question: ResolvedQuestion): PassageMatch[] {
  const candidates = findCandidates(knowledge, question);
  const query = buildQuery(knowledge, question, [], candidates.documents);
  return search(knowledge, query, candidates.documents);
}
