import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import type { KnowledgeBase } from '../../search/knowledge-base.ts';
import { documentPassages } from '../../search/passage-units.ts';
import { provinceLabel } from '../../text/provinces.ts';
import type { Grounding } from '../../understanding/grounding.ts';
import { sourceLine } from '../citation.ts';

/** What a passage handed to the model says about where it comes from; all of it from document metadata. */
export interface PassageMetadata {
  number: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  issuer: string | null;
  province: string | null;
  /** File in the knowledge folder. */
  source: string;
  title: string | null;
  /** The document as the source line names it: "Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh". */
  citation: string;
  docIndex: number;
  passageId: number;
  /** The heading the passage sits under, when it has one. */
  context: string | null;
}

export type PassageDocument = DocumentInterface<PassageMetadata>;

/** Characters of one document an overview hands to the model: enough for its main targets, not the whole text. */
const OVERVIEW_BUDGET = 2500;
/** Bylines and signatures ("Thu Hương", "Đ.C") say nothing. */
const MIN_PASSAGE_CHARS = 15;
const HAS_FIGURE = /\d\s*%|\d+\s+(?:doanh nghiệp|người|tỷ|triệu)/u;

/**
 * The passages of a document worth showing for "what does this plan say": the sentence that issues it,
 * then targets with a figure, then the rest in order, within a budget; returned in document order.
 */
function overviewPassageIds(knowledge: KnowledgeBase, docIndex: number): number[] {
  const start = knowledge.passageStarts[docIndex]!;
  const end = knowledge.passageStarts[docIndex + 1]!;
  const number = knowledge.documents[docIndex]!.metadata.number;
  const ids = Array.from({ length: end - start }, (_, i) => start + i).filter(
    (id) => knowledge.index.passages[id]!.text.length >= MIN_PASSAGE_CHARS,
  );
  const rank = (id: number): number => {
    const { text, headline } = knowledge.index.passages[id]!;
    if (number && text.includes(number)) return 0;
    if (HAS_FIGURE.test(text)) return 1;
    return headline ? 3 : 2;
  };
  const chosen: number[] = [];
  let used = 0;
  for (const id of [...ids].sort((a, b) => rank(a) - rank(b) || a - b)) {
    const length = knowledge.index.passages[id]!.text.length;
    if (used + length > OVERVIEW_BUDGET) continue;
    chosen.push(id);
    used += length;
  }
  return chosen.sort((a, b) => a - b);
}

/** Every passage of the listed section, in reading order: a list is given to the model whole. */
function sectionPassageIds(knowledge: KnowledgeBase, passageId: number): number[] {
  const { section, docIndex } = knowledge.index.passages[passageId]!;
  return documentPassages(knowledge, docIndex)
    .filter(({ passage }) => !passage.headline && passage.section === section)
    .map(({ id }) => id);
}

/** The passages a grounding rests on, by passage id, best document first; none for kinds the model never writes. */
export function groundedPassageIds(knowledge: KnowledgeBase, grounding: Grounding): number[] {
  switch (grounding.kind) {
    case 'facts':
      return grounding.facts.flatMap((fact) => fact.passages.map((passage) => passage.passageId));
    case 'overview':
      return grounding.documents.flatMap((docIndex) => overviewPassageIds(knowledge, docIndex));
    case 'list':
      return sectionPassageIds(knowledge, grounding.passageId);
    default:
      return [];
  }
}

export function passageDocument(knowledge: KnowledgeBase, passageId: number): Document<PassageMetadata> {
  const passage = knowledge.index.passages[passageId]!;
  const document = knowledge.documents[passage.docIndex]!;
  const { number, date, issuer, province, title } = document.metadata;
  return new Document<PassageMetadata>({
    id: `${document.id}#${passageId}`,
    pageContent: passage.text,
    metadata: {
      number,
      date,
      issuer,
      province,
      source: document.source,
      title,
      citation: sourceLine(document),
      docIndex: passage.docIndex,
      passageId,
      context: passage.context,
    },
  });
}

export interface PassageRetrieverOptions {
  knowledge: KnowledgeBase;
  grounding: Grounding;
}

/**
 * The knowledge index as a LangChain retriever, for one question. Our grounding has already decided what
 * may be said, so the retriever returns exactly the grounded passages whatever the query: a model's rewrite
 * of the question can change its wording, never which sources the answer rests on.
 */
export class PassageRetriever extends BaseRetriever<PassageMetadata> {
  lc_namespace = ['hoidap', 'retrievers', 'passage'];
  private readonly knowledge: KnowledgeBase;
  private readonly grounding: Grounding;

  constructor({ knowledge, grounding }: PassageRetrieverOptions) {
    super();
    this.knowledge = knowledge;
    this.grounding = grounding;
  }

  override async _getRelevantDocuments(
    _query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<PassageMetadata>[]> {
    return groundedPassageIds(this.knowledge, this.grounding).map((id) => passageDocument(this.knowledge, id));
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The passages as the prompt shows them: grouped by document, each document introduced by what its
 * metadata says (number, date, issuer, province, subject), so the model can cite it exactly; passages
 * under one heading are listed under it once.
 */
export function formatPassages(documents: readonly PassageDocument[]): string {
  const groups = new Map<number, PassageDocument[]>();
  for (const document of documents) {
    const group = groups.get(document.metadata.docIndex);
    if (group) group.push(document);
    else groups.set(document.metadata.docIndex, [document]);
  }
  return [...groups.values()]
    .map((group, i) => {
      const { citation, province, title } = group[0]!.metadata;
      const lines = [`[Văn bản ${i + 1}] ${citation}`];
      if (province) lines.push(`Địa phương: ${provinceLabel(province)}`);
      if (title) lines.push(`Trích yếu: ${oneLine(title)}`);
      lines.push('Nội dung trích:');
      let heading: string | null = null;
      for (const { pageContent, metadata } of group) {
        const context = metadata.context ? oneLine(metadata.context).replace(/:$/, '') : null;
        if (context && context !== heading) lines.push(`- ${context}:`);
        heading = context;
        lines.push(`${context ? '  ' : ''}- ${oneLine(pageContent)}`);
      }
      return lines.join('\n');
    })
    .join('\n\n');
}
