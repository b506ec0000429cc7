import {
  documentsWithNumber,
  foldDocumentNumber,
  type KnowledgeBase,
  sharedNumbers,
} from '../search/knowledge-base.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { formerUnitsOf } from '../text/province-units.ts';
import { unique } from '../util/unique.ts';
import type { ResolvedQuestion } from './grounding.ts';

/**
 * Which documents a question is about, before any passage is searched: those it names by number (or only
 * mentions: "thay thế Quyết định số 590"), those of the provinces it names (a new unit standing for its former
 * ones), or those of its conversation; and what it names that we do not have.
 */

export interface Candidates {
  documents: number[];
  unknownProvinces: string[];
  knownProvinces: string[];
  unknownNumbers: string[];
  /** Numbers found only as mentions inside other documents ("thay thế Quyết định số 590/QĐ-UBND"). */
  mentionedNumbers: string[];
  /** Former provinces whose documents stand for a new unit the question named ("tỉnh Cà Mau" → Bạc Liêu). */
  reorganised: string[];
  /** A named number is stated by several documents of ours, so the number alone cannot choose between them. */
  sharedNumber: boolean;
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

/**
 * The documents of a province as people name it today: its own, and since the 2025 reorganisation those of
 * the former provinces merged into it ("tỉnh Cà Mau" also means former Bạc Liêu).
 */
export function documentsOfProvince(
  knowledge: KnowledgeBase,
  province: string,
  formerOnly = false,
): { documents: number[]; former: string[] } {
  const own = knowledge.documentsByProvince.get(province) ?? [];
  if (formerOnly) return { documents: [...own], former: [] };
  const former = formerUnitsOf(province).filter((unit) => unit !== province && knowledge.documentsByProvince.has(unit));
  return {
    documents: [...own, ...former.flatMap((unit) => knowledge.documentsByProvince.get(unit) ?? [])],
    former,
  };
}

/** Whether two of these documents state one number as their own (two files claiming 4086/QĐ-UBND). */
function claimOneNumber(knowledge: KnowledgeBase, documents: readonly number[]): boolean {
  return sharedNumbers(knowledge).some((shared) => shared.documents.filter((d) => documents.includes(d)).length > 1);
}

function documentsFromNumbers(knowledge: KnowledgeBase, question: ResolvedQuestion) {
  const documents: number[] = [];
  const unknownNumbers: string[] = [];
  const mentionedNumbers: string[] = [];
  let sharedNumber = false;
  for (const number of question.documentNumbers) {
    const own = documentsWithNumber(knowledge, number);
    if (own.length > 0) {
      documents.push(...own);
      sharedNumber ||= claimOneNumber(knowledge, own);
      continue;
    }
    const mentioning = documentsMentioning(knowledge, number);
    if (mentioning.length > 0) {
      documents.push(...mentioning);
      mentionedNumbers.push(number);
    } else {
      unknownNumbers.push(number);
    }
  }
  // Numbers inside an instruction count only when they are ours; an invented one is simply ignored.
  for (const number of question.instructionNumbers) {
    const own = documentsWithNumber(knowledge, number);
    documents.push(...own);
    sharedNumber ||= claimOneNumber(knowledge, own);
  }
  return { documents, unknownNumbers, mentionedNumbers, sharedNumber };
}

export function findCandidates(knowledge: KnowledgeBase, question: ResolvedQuestion): Candidates {
  const fromNumbers = documentsFromNumbers(knowledge, question);
  const knownProvinces: string[] = [];
  const unknownProvinces: string[] = [];
  const fromProvinces: number[] = [];
  const reorganised: string[] = [];
  for (const province of question.provinces) {
    const found = documentsOfProvince(knowledge, province, question.formerOnly.includes(province));
    if (found.documents.length === 0) {
      unknownProvinces.push(province);
      continue;
    }
    knownProvinces.push(province);
    fromProvinces.push(...found.documents);
    reorganised.push(...found.former);
  }
  // "Lâm Đồng (gồm cả Đắk Nông, Bình Thuận)": a former unit of a named province is covered through it.
  const coveredThroughMerger = unknownProvinces.filter((province) =>
    knownProvinces.some((known) => formerUnitsOf(known).includes(province)),
  );
  const fromConversation = question.focusDocumentIds.flatMap((id) => knowledge.documentsById.get(id) ?? []);

  // A number only mentioned in another province's document ("Nghị quyết 36a/NQ-CP" asked of Huế) does not
  // take the question away from the province named: it is a claim about that province's document.
  const mentionedElsewhere =
    fromNumbers.mentionedNumbers.length > 0 &&
    fromProvinces.length > 0 &&
    !fromNumbers.documents.some((docIndex) => fromProvinces.includes(docIndex));
  if (mentionedElsewhere) {
    fromNumbers.documents.length = 0;
    fromNumbers.mentionedNumbers.length = 0;
  }
  let documents: number[];
  if (fromNumbers.documents.length > 0) documents = fromNumbers.documents;
  else if (fromProvinces.length > 0) documents = fromProvinces;
  else if (question.provinces.length === 0 && question.documentNumbers.length === 0) documents = fromConversation;
  else documents = [];
  return {
    documents: unique(documents),
    unknownProvinces: unknownProvinces.filter((province) => !coveredThroughMerger.includes(province)),
    knownProvinces,
    unknownNumbers: fromNumbers.unknownNumbers,
    mentionedNumbers: fromNumbers.mentionedNumbers,
    reorganised: unique(reorganised),
    sharedNumber: fromNumbers.sharedNumber && fromNumbers.documents.length > 0,
  };
}
