import type { KnowledgeDocument } from '../knowledge/document.ts';
import { describePeriod, documentPeriod, periodYears } from '../knowledge/document-period.ts';
import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { quotableText } from '../search/passage-units.ts';
import { formatVietnameseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { currentLabelSentence } from '../text/province-units.ts';
import { provinceLabel } from '../text/provinces.ts';
import { withoutWebLeftovers } from '../text/web-leftovers.ts';
import type { DocumentFacts, Grounding, PassageMatch } from '../understanding/grounding.ts';
import { unique } from '../util/unique.ts';
import type { Answer } from './answer.ts';
import { citationOf, documentName, placeOf, sourceLine, sourcesBlock } from './citation.ts';
import { listText, rankingText, referencesText, summaryText, timelineText } from './compose-sections.ts';
import { composeStatus } from './compose-status.ts';
import {
  coverageNote,
  EMPTY_TEXT,
  greetingText,
  helpText,
  INSTRUCTION_IGNORED_TEXT,
  listInWords,
  NOT_FOUND_TEXT,
  notStatedText,
  OUT_OF_SCOPE_TEXT,
  OUTCOME_TEXT,
  RESET_TEXT,
  SMALL_TALK_TEXT,
  silentProvincesText,
  UNKNOWN_NUMBER_TEXT,
  unknownProvinceText,
  WHICH_DOCUMENT_TEXT,
} from './messages.ts';

/**
 * The offline answer writer: says what the grounding found in the sources' own words, with the document
 * named in the text and the source line last. Nothing here invents a figure: every number it writes is
 * copied from a passage or from document metadata.
 */

/** How many passages an overview quotes. */
const OVERVIEW_PASSAGES = 3;
/** The catalogue lists at most this many documents. */
const MAX_CATALOGUE_LINES = 20;

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

/** A passage as the user reads it: its whole sentence (never a cut clause), under its heading. */
function passageText(knowledge: KnowledgeBase, passage: Pick<PassageMatch, 'passageId' | 'context'>): string {
  const context = passage.context ? tidyContext(passage.context) : '';
  const text = quotableText(knowledge, passage.passageId);
  return context ? `${context}: ${text}` : text;
}

/** "Quyết định số 4086/QĐ-UBND của UBND tỉnh Hà Tĩnh", or for an unnumbered plan, its name and province. */
function namedWithIssuer(document: KnowledgeDocument): string {
  const { number, issuer, province } = document.metadata;
  const name = documentName(document);
  if (number && issuer) return `${name} của ${issuer}`;
  return province ? `${name} (${provinceLabel(province)})` : name;
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

/** Two quotes of one sentence that overlap ("a; b" and "b; c"), as one ("a; b; c"); null when they do not. */
function mergedClauses(first: readonly string[], second: readonly string[]): string[] | null {
  for (let shared = Math.min(first.length, second.length); shared >= 1; shared--) {
    if (first.slice(-shared).every((clause, i) => clause === second[i])) return [...first, ...second.slice(shared)];
  }
  return null;
}

/**
 * The passages as the user reads them, each clause once: quotes of one sentence that overlap ("80% doanh
 * nghiệp …; 100% doanh nghiệp …" and "100% doanh nghiệp …; Công nghiệp …") are joined into one, and a quote
 * another holds is left out.
 */
function quotedOnce(
  knowledge: KnowledgeBase,
  passages: readonly PassageMatch[],
  { oneLine = false }: { oneLine?: boolean } = {},
): string[] {
  const quotes: Array<{ context: string; clauses: string[] }> = [];
  for (const passage of passages) {
    const context = passage.context ? tidyContext(passage.context) : '';
    const clauses = quotableText(knowledge, passage.passageId)
      .replace(/(?<!\.)\.$/, '')
      .split('; ');
    const joined = quotes.find((quote) => {
      if (quote.context !== context) return false;
      const merged = mergedClauses(quote.clauses, clauses) ?? mergedClauses(clauses, quote.clauses);
      if (merged) quote.clauses = merged;
      return merged !== null || quote.clauses.join('; ').includes(clauses.join('; '));
    });
    if (!joined) quotes.push({ context, clauses });
  }
  const sentence = (clauses: readonly string[]) => {
    const joined = clauses.join('; ');
    return /[.!?…:]$/.test(joined) ? joined : `${joined}.`;
  };
  // On one line (a side of a comparison), quotes under one heading share it: "Các chỉ tiêu …: a. b."
  const contexts = oneLine ? unique(quotes.map((quote) => quote.context)) : [];
  const entries = oneLine
    ? contexts.map((context) => ({
        context,
        text: unique(quotes.filter((quote) => quote.context === context).map((quote) => sentence(quote.clauses))).join(
          ' ',
        ),
      }))
    : quotes.map(({ context, clauses }) => ({ context, text: sentence(clauses) }));
  const rendered = unique(entries.map(({ context, text }) => (context ? `${context}: ${text}` : text)));
  // A headline ("Đến năm 2020: 100 % cơ quan … văn bản điện tử") says again what a quoted target says in full.
  const bare = (text: string) => text.replace(/(\d) %/g, '$1%').replace(/[.…]$/u, '');
  return rendered.filter(
    (text, i) => !rendered.some((other, j) => j !== i && other !== text && bare(other).includes(bare(text))),
  );
}

function factsOfOneDocument(knowledge: KnowledgeBase, facts: DocumentFacts): string {
  const document = knowledge.documents[facts.docIndex]!;
  const texts = quotedOnce(knowledge, facts.passages);
  if (texts.length === 1) return `Theo ${namedWithIssuer(document)}: ${texts[0]}`;
  return [`Theo ${namedWithIssuer(document)}:`, ...texts.map((text) => `- ${text}`)].join('\n');
}

function comparisonText(knowledge: KnowledgeBase, facts: DocumentFacts[]): string {
  const named = facts.map((fact) => {
    const document = knowledge.documents[fact.docIndex]!;
    const place = document.metadata.province ? `${document.metadata.province} — ` : '';
    return { fact, document, name: `${place}${documentName(document)}` };
  });
  return named
    .map(({ fact, document, name }) => {
      // Two files claiming one number read alike: the date tells the reader which source line each one is.
      const { date } = document.metadata;
      const twin = date && named.filter((other) => other.name === name).length > 1;
      const lines = quotedOnce(knowledge, fact.passages, { oneLine: true });
      return `- ${name}${twin ? ` ngày ${formatVietnameseDate(date)}` : ''}: ${lines.join(' ')}`;
    })
    .join('\n');
}

function metadataText(
  intent: 'issue-date' | 'document-number' | 'issuer' | 'implements',
  document: KnowledgeDocument,
  posted = false,
): string {
  const { number, date, issuer, title, publishedDate } = document.metadata;
  const name = documentName(document);
  const about = title && !name.includes(title) ? ` ${title.charAt(0).toLowerCase()}${title.slice(1)}` : '';
  switch (intent) {
    case 'issue-date': {
      if (posted && publishedDate) {
        const issued = date ? ` Văn bản được ban hành ngày ${formatVietnameseDate(date)}.` : '';
        return `Tin về ${name} được đăng trên trang nguồn ngày ${formatVietnameseDate(publishedDate)}.${issued}`;
      }
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
    case 'implements':
      return document.metadata.implements
        ? `${document.metadata.number ? documentName(document) : (document.metadata.type ?? 'Văn bản')}${issuer ? ` của ${issuer}` : ''} được ban hành để thực hiện ${document.metadata.implements}.`
        : `Nguồn không nêu ${name} thực hiện văn bản nào.`;
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
    if (wanted ? folded.includes(wanted) : /\b(?:ban hanh|ky)\b/.test(folded)) return withoutWebLeftovers(passage.text);
  }
  return null;
}

function overviewText(knowledge: KnowledgeBase, docIndex: number): string {
  const document = knowledge.documents[docIndex]!;
  const start = knowledge.passageStarts[docIndex]!;
  const end = knowledge.passageStarts[docIndex + 1]!;
  const targets: string[] = [];
  for (let id = start; id < end && unique(targets).length < OVERVIEW_PASSAGES; id++) {
    const passage = knowledge.index.passages[id]!;
    // Targets with a figure say most about a plan; headlines and bylines say little.
    if (/\d\s*%|\d+\s+(?:doanh nghiệp|người|tỷ)/u.test(passage.text) && passage.context !== null) {
      targets.push(`- ${passageText(knowledge, { passageId: id, context: passage.context })}`);
    }
  }
  const { title } = document.metadata;
  const heading = `${namedWithIssuer(document)}${title && !documentName(document).includes(title) ? `: ${title}` : ''}.`;
  return targets.length > 0 ? [heading, 'Một số mục tiêu chính:', ...unique(targets)].join('\n') : heading;
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
    case 'which-document':
      return notGrounded(`${WHICH_DOCUMENT_TEXT} ${coverage}`, 'no-match');
    case 'not-stated':
      return notGrounded(`${notStatedText(grounding.knownProvinces)} ${coverage}`, 'no-match');
    case 'outcome':
      return notGrounded(OUTCOME_TEXT, 'no-match');
    case 'no-match': {
      const about =
        grounding.knownProvinces.length > 0
          ? `Xin lỗi, các văn bản về ${listInWords(grounding.knownProvinces.map(provinceLabel))} mà tôi có không nêu thông tin này.`
          : NOT_FOUND_TEXT;
      return notGrounded(`${about} ${coverage}`, 'no-match');
    }
  }
}

/** "Văn bản này là cho giai đoạn 2013-2015" when the question asserted years outside the plan's period. */
function periodCorrection(document: KnowledgeDocument, claimedYears: readonly number[]): string | null {
  const period = documentPeriod(document);
  if (!period?.until || claimedYears.length === 0) return null;
  const stated = periodYears(period);
  if (claimedYears.every((year) => stated.includes(year))) return null;
  return `${documentName(document)} là văn bản cho ${describePeriod({ ...period, until: period.until })}.`;
}

/** Said before an answer from a former province's documents, when the question named its new unit. */
function reorganisationNote(reorganised: readonly string[]): string {
  if (reorganised.length === 0) return '';
  return `Văn bản dưới đây là của ${reorganised.map(currentLabelSentence).join(', ')}, ban hành trước khi sắp xếp lại đơn vị hành chính.\n`;
}

type Of<K extends Grounding['kind']> = Extract<Grounding, { kind: K }>;

function conversationAnswer(knowledge: KnowledgeBase, grounding: Of<'conversation'>): Answer {
  if (grounding.intent === 'reset') return notGrounded(RESET_TEXT, 'reset');
  if (grounding.intent === 'help') return notGrounded(helpText(knowledge), 'help');
  if (grounding.intent === 'small-talk') return notGrounded(SMALL_TALK_TEXT, 'small-talk');
  return notGrounded(greetingText(knowledge), 'greeting');
}

/** A phone shows a screenful: the first documents, and how many more there are. */
function catalogueAnswer(knowledge: KnowledgeBase, grounding: Of<'catalogue'>): Answer {
  const shown = grounding.documents.slice(0, MAX_CATALOGUE_LINES);
  const lines = shown.map((docIndex) => {
    const document = knowledge.documents[docIndex]!;
    const { province, title } = document.metadata;
    const about = title && !documentName(document).includes(title) ? ` — ${title}` : '';
    return `- ${province ? `${province}: ` : ''}${sourceLine(document)}${about}`;
  });
  const more = grounding.documents.length - shown.length;
  if (more > 0) lines.push(`(và ${more} văn bản khác; hãy hỏi theo tỉnh hoặc số hiệu để xem từng văn bản)`);
  const documents = shown.map((docIndex) => knowledge.documents[docIndex]!);
  // Asked of some documents ("Quảng Bình có quy hoạch CNTT không?"): those, said of whom; of all: the list.
  const provinces = unique(documents.flatMap((document) => document.metadata.province ?? []));
  const some = grounding.documents.length < knowledge.documents.length && provinces.length > 0;
  const heading = some
    ? `Tôi có ${grounding.documents.length} văn bản của ${listInWords(provinces.map(provinceLabel))}:`
    : `Các văn bản tôi đang có (${grounding.documents.length} văn bản):`;
  return {
    answer: [`${reorganisationNote(grounding.reorganised)}${heading}`, ...lines].join('\n'),
    grounded: true,
    citations: documents.map(citationOf),
    outcome: 'answered',
  };
}

function metadataAnswer(knowledge: KnowledgeBase, grounding: Of<'metadata'>): Answer {
  const body = grounding.documents
    .map((docIndex) => {
      const answer = metadataText(grounding.intent, knowledge.documents[docIndex]!, grounding.posted);
      const evidence =
        grounding.documents.length === 1 && !grounding.posted ? issuingSentence(knowledge, docIndex) : null;
      return evidence ? `${answer}\nVăn bản nguồn ghi: “${evidence}”` : answer;
    })
    .join('\n');
  const verdict =
    grounding.verdict === 'confirmed' ? 'Đúng vậy. ' : grounding.verdict === 'corrected' ? 'Không đúng như vậy. ' : '';
  return grounded(knowledge, grounding.documents, `${reorganisationNote(grounding.reorganised)}${verdict}${body}`);
}

/**
 * What a plan writes of a document it names: "Luật … số 86/2015/QH13 được ban hành ngày 19/11/2015", cited to
 * the plan, with its words; the named document itself is not in the knowledge base.
 */
function namedReferenceAnswer(knowledge: KnowledgeBase, grounding: Of<'named-reference'>): Answer {
  const { reference, intent, docIndex } = grounding;
  // "… là chỉ thị nào?" is answered by the name, with the number in it: "Đó là Chỉ thị số 16/CT-TTg …".
  const named =
    intent === 'document-number'
      ? `Đó là ${reference.name}${reference.subject ? ` ${reference.subject}` : ''}`
      : intent === 'issue-date'
        ? `${reference.name} được ban hành ngày ${formatVietnameseDate(reference.date!)}`
        : intent === 'summary'
          ? `${reference.name} là văn bản ${reference.subject}`
          : `${reference.name} do ${reference.issuer} ban hành${reference.date ? ` ngày ${formatVietnameseDate(reference.date)}` : ''}`;
  const body =
    `${named}. ${namedWithIssuer(knowledge.documents[docIndex]!)} nhắc đến văn bản này: ` +
    `“${reference.text}” (tôi không có toàn văn của văn bản được nhắc đến).`;
  return grounded(knowledge, [docIndex], `${reorganisationNote(grounding.reorganised)}${body}`);
}

function factsAnswer(knowledge: KnowledgeBase, grounding: Of<'facts'>): Answer {
  const { facts, verdict } = grounding;
  let body = grounding.comparison ? comparisonText(knowledge, facts) : factsOfOneDocument(knowledge, facts[0]!);
  if (verdict === 'confirmed') body = `Đúng vậy. ${body}`;
  if (verdict === 'corrected')
    body = `${grounding.instructed ? INSTRUCTION_IGNORED_TEXT : 'Không đúng như vậy.'} ${body}`;
  if (grounding.unknownProvinces.length > 0) body += `\n${unknownProvinceText(grounding.unknownProvinces)}`;
  if (grounding.silentProvinces.length > 0) body += `\n${silentProvincesText(grounding.silentProvinces)}`;
  const only = facts.length === 1 ? knowledge.documents[facts[0]!.docIndex]! : null;
  const period = only ? periodCorrection(only, grounding.claimedYears) : null;
  // The wrong period is corrected first, then the figure: "Không đúng như vậy. QĐ 635 là … 2013-2015.\n…".
  if (period) body = `Không đúng như vậy. ${period}\n${body.replace(/^Không đúng như vậy\. /, '')}`;
  const docIndexes = facts.map((fact) => fact.docIndex);
  return grounded(knowledge, docIndexes, `${reorganisationNote(grounding.reorganised)}${body}`);
}

/** The body of an answer over documents, for the kinds that need no more than their text. */
function documentsBody(
  knowledge: KnowledgeBase,
  grounding: Of<'list' | 'summary' | 'timeline' | 'references' | 'ranking' | 'overview'>,
): string {
  const named = (docIndex: number) => namedWithIssuer(knowledge.documents[docIndex]!);
  switch (grounding.kind) {
    case 'list':
      return listText(knowledge, grounding, named(grounding.docIndex));
    case 'summary':
      return grounding.documents.map((docIndex) => summaryText(knowledge, docIndex, named(docIndex))).join('\n\n');
    case 'timeline':
      return grounding.documents.map((docIndex) => timelineText(knowledge, docIndex, named(docIndex))).join('\n\n');
    case 'references':
      return grounding.documents.map((docIndex) => referencesText(knowledge, docIndex, named(docIndex))).join('\n\n');
    case 'ranking':
      return rankingText(knowledge, grounding.facts, grounding.superlative, (document) =>
        placeOf(document, grounding.reorganised),
      );
    case 'overview':
      return grounding.documents.map((docIndex) => overviewText(knowledge, docIndex)).join('\n\n');
  }
}

function documentsOf(grounding: Of<'list' | 'summary' | 'timeline' | 'references' | 'ranking' | 'overview'>): number[] {
  if (grounding.kind === 'list') return [grounding.docIndex];
  if (grounding.kind === 'ranking') return grounding.facts.map((fact) => fact.docIndex);
  return grounding.documents;
}

export function composeAnswer(knowledge: KnowledgeBase, grounding: Grounding, today: Date = new Date()): Answer {
  switch (grounding.kind) {
    case 'conversation':
      return conversationAnswer(knowledge, grounding);
    case 'not-found':
      return refusal(knowledge, grounding);
    case 'catalogue':
      return catalogueAnswer(knowledge, grounding);
    case 'metadata':
      return metadataAnswer(knowledge, grounding);
    case 'named-reference':
      return namedReferenceAnswer(knowledge, grounding);
    case 'facts':
      return factsAnswer(knowledge, grounding);
    case 'status': {
      const { body, documents } = composeStatus(knowledge, grounding, today);
      if (documents.length === 0) return notGrounded(`${body} ${coverageNote(knowledge)}`, 'no-match');
      return grounded(knowledge, documents, `${reorganisationNote(grounding.reorganised)}${body}`);
    }
    default: {
      // A ranking states its own places (with "nay thuộc …"); the others are prefixed with the note.
      const note = grounding.kind === 'ranking' ? '' : reorganisationNote(grounding.reorganised);
      return grounded(knowledge, documentsOf(grounding), `${note}${documentsBody(knowledge, grounding)}`);
    }
  }
}
