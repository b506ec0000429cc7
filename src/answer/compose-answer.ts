import type { KnowledgeDocument } from '../knowledge/document.ts';
import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { formatVietnameseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { provinceLabel } from '../text/provinces.ts';
import type { DocumentFacts, Grounding, PassageMatch } from '../understanding/grounding.ts';
import type { Answer } from './answer.ts';
import { citationOf, documentName, sourceLine } from './citation.ts';
import {
  coverageNote,
  EMPTY_TEXT,
  greetingText,
  helpText,
  INSTRUCTION_IGNORED_TEXT,
  listInWords,
  NOT_FOUND_TEXT,
  OUT_OF_SCOPE_TEXT,
  RESET_TEXT,
  UNKNOWN_NUMBER_TEXT,
  unknownProvinceText,
} from './messages.ts';

/**
 * The offline answer writer: says what the grounding found in the sources' own words, with the document
 * named in the text and the source line last. Nothing here invents a figure: every number it writes is
 * copied from a passage or from document metadata.
 */

/** How many passages an overview quotes. */
const OVERVIEW_PASSAGES = 3;

function endSentence(text: string): string {
  return /[.!?…:]$/.test(text) ? text : `${text}.`;
}

/** "Mục tiêu cụ thể của Quy hoạch gồm những nội dung chính như sau" → "Mục tiêu cụ thể của Quy hoạch". */
function tidyContext(context: string): string {
  return context
    .split(' — ')
    .map((part) =>
      part
        .replace(/\s*(?:(?:bao )?gồm\s+)?(?:(?:những|các)\s+)?(?:nội dung(?: chính)?\s*)?(?:như sau|sau đây)$/u, '')
        .replace(/\s+(?:là|gồm)$/u, '')
        .trim(),
    )
    .filter(Boolean)
    .join(' — ');
}

function passageText(passage: Pick<PassageMatch, 'text' | 'context'>): string {
  const context = passage.context ? tidyContext(passage.context) : '';
  return endSentence(context ? `${context}: ${passage.text}` : passage.text);
}

/** "Quyết định số 4086/QĐ-UBND của UBND tỉnh Hà Tĩnh", or for an unnumbered plan, its name and province. */
function namedWithIssuer(document: KnowledgeDocument): string {
  const { number, issuer, province } = document.metadata;
  const name = documentName(document);
  if (number && issuer) return `${name} của ${issuer}`;
  return province ? `${name} (${provinceLabel(province)})` : name;
}

function sourcesBlock(documents: readonly KnowledgeDocument[]): string {
  if (documents.length === 1) return `Nguồn: ${sourceLine(documents[0]!)}.`;
  return ['Nguồn:', ...documents.map((document) => `- ${sourceLine(document)}.`)].join('\n');
}

function grounded(knowledge: KnowledgeBase, docIndexes: readonly number[], body: string): Answer {
  const documents = [...new Set(docIndexes)].map((docIndex) => knowledge.documents[docIndex]!);
  return {
    answer: `${body}\n\n${sourcesBlock(documents)}`,
    grounded: true,
    citations: documents.map(citationOf),
    outcome: 'answered',
  };
}

function notGrounded(answer: string, outcome: Answer['outcome']): Answer {
  return { answer, grounded: false, citations: [], outcome };
}

function factsOfOneDocument(document: KnowledgeDocument, facts: DocumentFacts): string {
  const [first, ...more] = facts.passages;
  if (more.length === 0) return `Theo ${namedWithIssuer(document)}: ${passageText(first!)}`;
  return [`Theo ${namedWithIssuer(document)}:`, ...facts.passages.map((passage) => `- ${passageText(passage)}`)].join(
    '\n',
  );
}

function comparisonText(knowledge: KnowledgeBase, facts: DocumentFacts[]): string {
  return facts
    .map((fact) => {
      const document = knowledge.documents[fact.docIndex]!;
      const place = document.metadata.province ? `${document.metadata.province} — ` : '';
      const lines = fact.passages.map((passage) => passageText(passage));
      return `- ${place}${documentName(document)}: ${lines.join(' ')}`;
    })
    .join('\n');
}

function metadataText(intent: 'issue-date' | 'document-number' | 'issuer', document: KnowledgeDocument): string {
  const { number, date, issuer, title, publishedDate } = document.metadata;
  const name = documentName(document);
  const about = title && !name.includes(title) ? ` ${title.charAt(0).toLowerCase()}${title.slice(1)}` : '';
  switch (intent) {
    case 'issue-date': {
      if (date) return `${name}${issuer ? ` của ${issuer}` : ''} được ban hành ngày ${formatVietnameseDate(date)}.`;
      const published = publishedDate
        ? ` Tin về văn bản này được đăng ngày ${formatVietnameseDate(publishedDate)}.`
        : '';
      return `Nguồn không nêu ngày ban hành của ${name}${issuer ? ` (${issuer} ban hành)` : ''}.${published}`;
    }
    case 'document-number':
      if (number) return `Đó là ${sourceLine(document)}${about}.`;
      return `Nguồn không nêu số hiệu của văn bản này. Văn bản được nhận biết là: ${sourceLine(document)}.`;
    case 'issuer':
      return issuer
        ? `${name} do ${issuer} ban hành${date ? ` ngày ${formatVietnameseDate(date)}` : ''}.`
        : `Nguồn không nêu cơ quan ban hành ${name}.`;
  }
}

/**
 * The sentence of the document that states its own issuing ("Ngày 27/3/2013, Chủ tịch UBND tỉnh Bạc Liêu
 * ký Quyết định số 635/QĐ-UBND …"): quoted under a metadata answer, it shows where the answer comes from
 * and says who signed, which metadata alone does not.
 */
function issuingSentence(knowledge: KnowledgeBase, docIndex: number): string | null {
  const { number } = knowledge.documents[docIndex]!.metadata;
  const wanted = number ? foldVietnamese(number) : null;
  const end = knowledge.passageStarts[docIndex + 1]!;
  for (let id = knowledge.passageStarts[docIndex]!; id < end; id++) {
    const passage = knowledge.index.passages[id]!;
    if (passage.headline) continue;
    const folded = foldVietnamese(passage.text);
    if (wanted ? folded.includes(wanted) : /\b(?:ban hanh|ky)\b/.test(folded)) return passage.text;
  }
  return null;
}

function overviewText(knowledge: KnowledgeBase, docIndex: number): string {
  const document = knowledge.documents[docIndex]!;
  const start = knowledge.passageStarts[docIndex]!;
  const end = knowledge.passageStarts[docIndex + 1]!;
  const targets: string[] = [];
  for (let id = start; id < end && targets.length < OVERVIEW_PASSAGES; id++) {
    const passage = knowledge.index.passages[id]!;
    // Targets with a figure say most about a plan; headlines and bylines say little.
    if (/\d\s*%|\d+\s+(?:doanh nghiệp|người|tỷ)/u.test(passage.text) && passage.context !== null) {
      targets.push(`- ${passageText(passage)}`);
    }
  }
  const { title } = document.metadata;
  const heading = `${namedWithIssuer(document)}${title && !documentName(document).includes(title) ? `: ${title}` : ''}.`;
  return targets.length > 0 ? [heading, 'Một số mục tiêu chính:', ...targets].join('\n') : heading;
}

function refusal(knowledge: KnowledgeBase, grounding: Extract<Grounding, { kind: 'not-found' }>): Answer {
  const coverage = coverageNote(knowledge);
  switch (grounding.reason) {
    case 'empty':
      return notGrounded(EMPTY_TEXT, 'empty');
    case 'unknown-province':
      return notGrounded(`${unknownProvinceText(grounding.unknownProvinces)} ${coverage}`, 'unknown-province');
    case 'unknown-number':
      return notGrounded(`${UNKNOWN_NUMBER_TEXT} ${coverage}`, 'unknown-number');
    case 'out-of-scope':
      return notGrounded(`${OUT_OF_SCOPE_TEXT} ${coverage}`, 'out-of-scope');
    case 'no-match': {
      const about =
        grounding.knownProvinces.length > 0
          ? `Xin lỗi, các văn bản về ${listInWords(grounding.knownProvinces.map(provinceLabel))} mà tôi có không nêu thông tin này.`
          : NOT_FOUND_TEXT;
      return notGrounded(`${about} ${coverage}`, 'no-match');
    }
  }
}

export function composeAnswer(knowledge: KnowledgeBase, grounding: Grounding): Answer {
  switch (grounding.kind) {
    case 'conversation':
      if (grounding.intent === 'reset') return notGrounded(RESET_TEXT, 'reset');
      if (grounding.intent === 'help') return notGrounded(helpText(knowledge), 'help');
      return notGrounded(greetingText(knowledge), 'greeting');

    case 'not-found':
      return refusal(knowledge, grounding);

    case 'catalogue': {
      const lines = grounding.documents.map((docIndex) => {
        const document = knowledge.documents[docIndex]!;
        const { province, title } = document.metadata;
        return `- ${province ? `${province}: ` : ''}${sourceLine(document)}${title && !documentName(document).includes(title) ? ` — ${title}` : ''}`;
      });
      const documents = grounding.documents.map((docIndex) => knowledge.documents[docIndex]!);
      return {
        answer: ['Các văn bản tôi đang có:', ...lines].join('\n'),
        grounded: true,
        citations: documents.map(citationOf),
        outcome: 'answered',
      };
    }

    case 'metadata': {
      const body = grounding.documents
        .map((docIndex) => {
          const answer = metadataText(grounding.intent, knowledge.documents[docIndex]!);
          const evidence = grounding.documents.length === 1 ? issuingSentence(knowledge, docIndex) : null;
          return evidence ? `${answer}\nVăn bản nguồn ghi: “${evidence}”` : answer;
        })
        .join('\n');
      return grounded(knowledge, grounding.documents, body);
    }

    case 'overview':
      return grounded(
        knowledge,
        grounding.documents,
        grounding.documents.map((docIndex) => overviewText(knowledge, docIndex)).join('\n\n'),
      );

    case 'facts': {
      const { facts, verdict } = grounding;
      let body = grounding.comparison
        ? comparisonText(knowledge, facts)
        : factsOfOneDocument(knowledge.documents[facts[0]!.docIndex]!, facts[0]!);
      if (verdict === 'confirmed') body = `Đúng vậy. ${body}`;
      if (verdict === 'corrected')
        body = `${grounding.instructed ? INSTRUCTION_IGNORED_TEXT : 'Không đúng như vậy.'} ${body}`;
      if (grounding.unknownProvinces.length > 0) body += `\n${unknownProvinceText(grounding.unknownProvinces)}`;
      return grounded(
        knowledge,
        facts.map((fact) => fact.docIndex),
        body,
      );
    }
  }
}
