import type { KnowledgeDocument } from '../../knowledge/document.ts';
import type { KnowledgeBase } from '../../search/knowledge-base.ts';
import type { Grounding } from '../../understanding/grounding.ts';
import type { Answer } from '../answer.ts';
import { citationOf, sourcesBlock } from '../citation.ts';
import { unknownProvinceText } from '../messages.ts';

/** The documents a grounding rests on, main one first: what the answer cites, whatever the text says. */
export function groundedDocuments(knowledge: KnowledgeBase, grounding: Grounding): KnowledgeDocument[] {
  return [...new Set(groundedDocIndexes(grounding))].map((docIndex) => knowledge.documents[docIndex]!);
}

function groundedDocIndexes(grounding: Grounding): number[] {
  switch (grounding.kind) {
    case 'facts':
    case 'ranking':
      return grounding.facts.map((fact) => fact.docIndex);
    case 'list':
    case 'named-reference':
      return [grounding.docIndex];
    case 'overview':
    case 'metadata':
    case 'catalogue':
    case 'summary':
    case 'timeline':
    case 'references':
    case 'status':
      return grounding.documents;
    case 'conversation':
    case 'not-found':
      return [];
  }
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
