import type { KnowledgeDocument } from '../../knowledge/document.ts';
import type { KnowledgeBase } from '../../search/knowledge-base.ts';
import type { Grounding } from '../../understanding/grounding.ts';
import type { Answer } from '../answer.ts';
import { citationOf, sourceLine } from '../citation.ts';
import { unknownProvinceText } from '../messages.ts';

/** The documents a grounding rests on, main one first: what the answer cites, whatever the text says. */
export function groundedDocuments(knowledge: KnowledgeBase, grounding: Grounding): KnowledgeDocument[] {
  const docIndexes =
    grounding.kind === 'facts' || grounding.kind === 'ranking'
      ? grounding.facts.map((fact) => fact.docIndex)
      : grounding.kind === 'list'
        ? [grounding.docIndex]
        : grounding.kind === 'overview' ||
            grounding.kind === 'metadata' ||
            grounding.kind === 'catalogue' ||
            grounding.kind === 'summary' ||
            grounding.kind === 'references' ||
            grounding.kind === 'status'
          ? grounding.documents
          : [];
  return [...new Set(docIndexes)].map((docIndex) => knowledge.documents[docIndex]!);
}

/** "Nguồn: …" from metadata, as the offline answers end: one line, or a list for several documents. */
export function sourcesBlock(documents: readonly KnowledgeDocument[]): string {
  if (documents.length === 1) return `Nguồn: ${sourceLine(documents[0]!)}.`;
  return ['Nguồn:', ...documents.map((document) => `- ${sourceLine(document)}.`)].join('\n');
}

/**
 * A written body (already through the citation guard) made into an answer: the notes the grounding
 * requires and the source block are added from our own data, and the citations are the grounding's.
 */
export function answerWithSources(knowledge: KnowledgeBase, grounding: Grounding, body: string): Answer {
  const documents = groundedDocuments(knowledge, grounding);
  const unknownProvinces = grounding.kind === 'facts' ? grounding.unknownProvinces : [];
  const notes = unknownProvinces.length > 0 ? `\n${unknownProvinceText(unknownProvinces)}` : '';
  return {
    answer: `${body}${notes}\n\n${sourcesBlock(documents)}`,
    grounded: true,
    citations: documents.map(citationOf),
    outcome: 'answered',
  };
}
