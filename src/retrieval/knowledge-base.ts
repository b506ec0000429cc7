import type { KnowledgeDocument } from '../knowledge/document.ts';
import { splitPassages } from '../knowledge/split-passages.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { type IndexedPassage, PassageIndex } from './passage-index.ts';

/**
 * The documents and their passage index, built once per load and never mutated afterwards, so a reload can
 * build a new one beside it and swap the reference atomically.
 */
export interface KnowledgeBase {
  readonly documents: readonly KnowledgeDocument[];
  readonly index: PassageIndex;
  /** Document positions by canonical province name. */
  readonly documentsByProvince: ReadonlyMap<string, readonly number[]>;
  /** Passages of document d are index.passages[passageStarts[d] … passageStarts[d + 1]). */
  readonly passageStarts: Uint32Array;
  readonly builtAt: Date;
}

export function buildKnowledgeBase(documents: readonly KnowledgeDocument[]): KnowledgeBase {
  const passages: IndexedPassage[] = [];
  const documentsByProvince = new Map<string, number[]>();
  const passageStarts = new Uint32Array(documents.length + 1);
  documents.forEach((document, docIndex) => {
    passageStarts[docIndex] = passages.length;
    for (const draft of splitPassages(document.text)) passages.push({ docIndex, ...draft });
    const province = document.metadata.province;
    if (province) documentsByProvince.set(province, [...(documentsByProvince.get(province) ?? []), docIndex]);
  });
  passageStarts[documents.length] = passages.length;
  return { documents, index: PassageIndex.build(passages), documentsByProvince, passageStarts, builtAt: new Date() };
}

/** Folded form of a document number for comparison: "4086/QĐ-UBND" → "4086/qd-ubnd". */
export function foldDocumentNumber(number: string): string {
  return foldVietnamese(number).replace(/\s+/g, '');
}

/**
 * Documents a number typed in a question points at: the exact number, or its leading part
 * ("quyết định 4086" → 4086/QĐ-UBND, "nghị quyết 36" → the plan implementing 36-NQ/TW).
 */
export function documentsWithNumber(knowledge: KnowledgeBase, typed: string): number[] {
  const wanted = foldDocumentNumber(typed);
  const matches = (number: string | null): boolean => {
    if (!number) return false;
    const own = foldDocumentNumber(number);
    return own === wanted || own.startsWith(`${wanted}/`) || own.startsWith(`${wanted}-`);
  };
  const found: number[] = [];
  knowledge.documents.forEach((document, docIndex) => {
    const { number, implements: implemented } = document.metadata;
    const implementedNumber = implemented ? /số\s+(\S+)/u.exec(implemented)?.[1] ?? null : null;
    if (matches(number) || (!number && matches(implementedNumber))) found.push(docIndex);
  });
  return found;
}
