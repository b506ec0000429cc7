import type { KnowledgeDocument } from '../knowledge/document.ts';
import { describePeriod, documentPeriod, periodYears } from '../knowledge/document-period.ts';
import { effectClause } from '../knowledge/effect-clause.ts';
import { foldDocumentNumber, type KnowledgeBase } from '../search/knowledge-base.ts';
import { formatVietnameseDate } from '../text/dates.ts';
import type { Grounding } from '../understanding/grounding.ts';
import { documentName, placeOf, sourceLine } from './citation.ts';

/**
 * Legal status read from data, never from code about particular documents: what replaces what (front matter
 * `thay_the` and the text), the period a plan is for against today's date, and which document is newest.
 */

type StatusGrounding = Extract<Grounding, { kind: 'status' }>;

export interface StatusAnswer {
  body: string;
  /** The documents the body rests on, main first. */
  documents: number[];
}

/** Folded document number → the document of ours that says it replaces it, built once per knowledge base. */
const replacements = new WeakMap<readonly KnowledgeDocument[], Map<string, KnowledgeDocument>>();
const NUMBER_IN_TEXT = /\d+[a-z]?(?:\/\d{4})?[/-]\p{L}[\p{L}\d]*(?:[-/]\p{L}[\p{L}\d]*)*/gu;

function replacementIndex(knowledge: KnowledgeBase): Map<string, KnowledgeDocument> {
  let index = replacements.get(knowledge.documents);
  if (!index) {
    index = new Map();
    for (const document of knowledge.documents) {
      for (const number of document.metadata.replaces?.match(NUMBER_IN_TEXT) ?? []) {
        index.set(foldDocumentNumber(number), document);
      }
    }
    replacements.set(knowledge.documents, index);
  }
  return index;
}

/** The document of ours that says it replaces this one, if any. */
function replacedBy(knowledge: KnowledgeBase, document: KnowledgeDocument): KnowledgeDocument | null {
  const { number } = document.metadata;
  if (!number) return null;
  const successor = replacementIndex(knowledge).get(foldDocumentNumber(number));
  return successor && successor !== document ? successor : null;
}

/** "giai đoạn 2013-2015", "đến năm 2025, định hướng đến năm 2035", or null when the document names no period. */
function periodWords(document: KnowledgeDocument): string | null {
  const period = documentPeriod(document);
  return period?.until ? describePeriod({ ...period, until: period.until }) : null;
}

/** Whether the plan's period is over by today, said relative to today and never as a repeal. */
function periodStatus(document: KnowledgeDocument, today: Date): string | null {
  const period = documentPeriod(document);
  if (!period?.until) return null;
  if (period.until < today.getFullYear()) {
    const beyond =
      period.orientation && period.orientation >= today.getFullYear()
        ? ` (phần định hướng đến năm ${period.orientation} vẫn còn thời hạn)`
        : '';
    return `giai đoạn này đã kết thúc${beyond}. Kho văn bản không có văn bản nào bãi bỏ nó, nhưng các chỉ tiêu là của giai đoạn đã qua.`;
  }
  return 'vẫn còn trong thời kỳ của nó.';
}

function periodNote(document: KnowledgeDocument, today: Date): string | null {
  const words = periodWords(document);
  const status = periodStatus(document, today);
  return words && status ? `Đây là văn bản cho ${words}; ${status}` : null;
}

function validityOf(knowledge: KnowledgeBase, docIndex: number, grounding: StatusGrounding, today: Date): StatusAnswer {
  const document = knowledge.documents[docIndex]!;
  const { replaces } = document.metadata;
  if (grounding.aboutReplaced && replaces) {
    return {
      body: `${replaces} đã được thay thế bởi ${sourceLine(document)}, nên không còn là văn bản áp dụng.`,
      documents: [docIndex],
    };
  }
  const successor = replacedBy(knowledge, document);
  if (successor) {
    const at = knowledge.documents.indexOf(successor);
    return {
      body: `${sourceLine(document)} đã được thay thế bởi ${sourceLine(successor)}.`,
      documents: [at, docIndex],
    };
  }
  if (grounding.asksSuccessor) {
    // Only a newer document can say what replaced this one; none of ours does, so nothing is cited.
    return {
      body: `Trong các văn bản tôi có, không có văn bản nào thay thế ${documentName(document)}; tôi không có thông tin văn bản này đã bị thay thế hay chưa.`,
      documents: [],
    };
  }
  const lines = [`Trong kho văn bản, không có văn bản nào thay thế ${documentName(document)}.`];
  if (replaces) lines.push(`${documentName(document)} thay thế ${replaces}.`);
  const note = periodNote(document, today);
  if (note) lines.push(note);
  if (effectClause(document) === 'signing') {
    lines.push(
      `Văn bản ghi: có hiệu lực kể từ ngày ký${document.metadata.date ? ` (${formatVietnameseDate(document.metadata.date)})` : ''}.`,
    );
  }
  return { body: lines.join('\n'), documents: [docIndex] };
}

function horizonOf(knowledge: KnowledgeBase, docIndex: number, grounding: StatusGrounding, today: Date): StatusAnswer {
  const document = knowledge.documents[docIndex]!;
  const words = periodWords(document);
  if (!words) return { body: `Nguồn không nêu thời kỳ của ${documentName(document)}.`, documents: [docIndex] };
  const period = documentPeriod(document)!;
  const stated = periodYears(period);
  const wrong = grounding.claimedYears.filter((year) => !stated.includes(year));
  const verdict = grounding.claimedYears.length === 0 ? '' : wrong.length > 0 ? 'Không đúng như vậy. ' : 'Đúng vậy. ';
  const title = document.metadata.title ? ` (${document.metadata.title})` : '';
  const status = periodStatus(document, today);
  return {
    body: `${verdict}${documentName(document)}${title} là văn bản cho ${words}${status ? `; ${status}` : '.'}`,
    documents: [docIndex],
  };
}

/** How far a period reaches: its orientation (else its end) for the farthest, its end for the nearest. */
function reachYear(document: KnowledgeDocument, reach: 'farthest' | 'nearest' | null): number | null {
  const period = documentPeriod(document);
  if (!period) return null;
  return reach === 'farthest' ? (period.orientation ?? period.until) : period.until;
}

/** "- Quảng Bình: Quyết định số 2972/QĐ-UBND — đến năm 2025, định hướng đến năm 2035": a document's period. */
function periodLine(document: KnowledgeDocument): string {
  return `- ${placeOf(document)}: ${documentName(document)} — ${periodWords(document)}`;
}

/** "Mốc xa nhất": the conclusion first, then every document's period, farthest (or nearest) first. */
function periodsByReach(knowledge: KnowledgeBase, grounding: StatusGrounding): StatusAnswer {
  const year = (docIndex: number) => reachYear(knowledge.documents[docIndex]!, grounding.reach);
  const ranked = grounding.documents.filter((docIndex) => year(docIndex) !== null);
  ranked.sort((a, b) => (grounding.reach === 'farthest' ? year(b)! - year(a)! : year(a)! - year(b)!));
  const [first] = ranked;
  if (first === undefined) return { body: 'Các văn bản không nêu thời kỳ nên không so sánh được.', documents: [] };
  const which = grounding.reach === 'farthest' ? 'mốc xa nhất' : 'thời kỳ kết thúc sớm nhất';
  const winner = knowledge.documents[first]!;
  const lines = [
    `${placeOf(winner)} có ${which}: ${documentName(winner)} là văn bản cho ${periodWords(winner)}.`,
    'Thời kỳ của từng văn bản:',
    ...ranked.map((docIndex) => periodLine(knowledge.documents[docIndex]!)),
  ];
  return { body: lines.join('\n'), documents: ranked };
}

/** "Tỉnh nào có mục tiêu đến năm 2020": the documents whose period names the year, each with its period. */
function periodsNaming(knowledge: KnowledgeBase, grounding: StatusGrounding, year: number): StatusAnswer {
  const naming = grounding.documents.filter((docIndex) => {
    const period = documentPeriod(knowledge.documents[docIndex]!);
    return period !== null && periodYears(period).includes(year);
  });
  if (naming.length === 0) {
    return { body: `Không văn bản nào tôi có là văn bản cho thời kỳ đến năm ${year}.`, documents: [] };
  }
  const lines = [
    `Có ${naming.length} văn bản có mục tiêu hoặc định hướng đến năm ${year}:`,
    ...naming.map((docIndex) => periodLine(knowledge.documents[docIndex]!)),
  ];
  return { body: lines.join('\n'), documents: naming };
}

/** "Nghị quyết số 16 (Lâm Đồng, giai đoạn 2008-2010)": an undated document named with what it has. */
function undatedName(document: KnowledgeDocument): string {
  const details = [document.metadata.province, periodWords(document)].filter(Boolean);
  return details.length > 0 ? `${documentName(document)} (${details.join(', ')})` : documentName(document);
}

/** Newest first; documents without a date last. */
function byDateDescending(knowledge: KnowledgeBase, documents: readonly number[]): number[] {
  return [...documents].sort((a, b) => {
    const da = knowledge.documents[a]!.metadata.date ?? '';
    const db = knowledge.documents[b]!.metadata.date ?? '';
    return db.localeCompare(da);
  });
}

/** "Văn bản ban hành gần đây nhất / sớm nhất": the conclusion first, then every dated document in order. */
function latestOf(knowledge: KnowledgeBase, grounding: StatusGrounding, today: Date): StatusAnswer {
  // A document another of ours replaces is not the one in force.
  const inForce = grounding.documents.filter((docIndex) => !replacedBy(knowledge, knowledge.documents[docIndex]!));
  const pool = grounding.oldest || inForce.length === 0 ? grounding.documents : inForce;
  const dated = byDateDescending(knowledge, pool).filter((docIndex) => knowledge.documents[docIndex]!.metadata.date);
  if (grounding.oldest) dated.reverse();
  const undated = pool.filter((docIndex) => !knowledge.documents[docIndex]!.metadata.date);
  const [first] = dated;
  if (first === undefined) {
    return { body: 'Nguồn không nêu ngày ban hành nên không xác định được văn bản mới nhất.', documents: [] };
  }
  const document = knowledge.documents[first]!;
  // Of two documents one is issued before the other, not "the earliest".
  const which =
    dated.length === 2 && undated.length === 0
      ? grounding.oldest
        ? 'trước'
        : 'sau'
      : grounding.oldest
        ? 'sớm nhất'
        : 'gần đây nhất';
  const title = document.metadata.title ? `: ${document.metadata.title}` : '';
  // One dated document against undated ones is no ranking: its date is said, and what the others lack.
  const ranked = dated.length > 1 || undated.length === 0;
  const lines = [
    ranked ? `Văn bản ban hành ${which} là ${sourceLine(document)}${title}.` : `${sourceLine(document)}${title}.`,
  ];
  if (!grounding.oldest) {
    const note = periodNote(document, today);
    if (note) lines.push(note);
    if (document.metadata.replaces) lines.push(`Văn bản này thay thế ${document.metadata.replaces}.`);
  }
  if (dated.length > 1) {
    lines.push(
      'Theo thứ tự ngày ban hành:',
      ...dated.map((docIndex) => `- ${sourceLine(knowledge.documents[docIndex]!)}`),
    );
  }
  if (undated.length > 0) {
    const names = undated.map((docIndex) => undatedName(knowledge.documents[docIndex]!)).join('; ');
    lines.push(`Không so sánh được với: ${names} (nguồn không nêu ngày ban hành).`);
  }
  // Every document the answer names is cited, the undated ones last.
  return { body: lines.join('\n'), documents: [...dated, ...undated] };
}

export function composeStatus(knowledge: KnowledgeBase, grounding: StatusGrounding, today: Date): StatusAnswer {
  if (
    grounding.asked === 'latest' ||
    (grounding.asked === 'validity' && grounding.documents.length > 1 && !grounding.aboutReplaced)
  ) {
    return latestOf(knowledge, grounding, today);
  }
  if (grounding.asked === 'horizon' && grounding.reach) return periodsByReach(knowledge, grounding);
  if (grounding.asked === 'horizon' && grounding.periodYear !== null) {
    return periodsNaming(knowledge, grounding, grounding.periodYear);
  }
  const parts = grounding.documents.map((docIndex) =>
    grounding.asked === 'horizon'
      ? horizonOf(knowledge, docIndex, grounding, today)
      : validityOf(knowledge, docIndex, grounding, today),
  );
  return { body: parts.map((part) => part.body).join('\n\n'), documents: parts.flatMap((part) => part.documents) };
}
