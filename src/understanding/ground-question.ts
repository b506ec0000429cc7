import { documentPeriod } from '../knowledge/document-period.ts';
import { type DocumentReference, documentReferences } from '../knowledge/document-references.ts';
import { effectClause } from '../knowledge/effect-clause.ts';
import { generalAimPassage } from '../search/general-aim.ts';
import { foldDocumentNumber, type KnowledgeBase } from '../search/knowledge-base.ts';
import { quotableText, sectionOf } from '../search/passage-units.ts';
import { conceptsWrittenIn } from '../text/concept-phrases.ts';
import { type IssuerKind, issuerKindOf } from '../text/issuer-kind.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { currentUnitOf } from '../text/province-units.ts';
import { findProvinceMentions } from '../text/provinces.ts';
import { foldForSearch, isUnigram, queryTerms, tokenize } from '../text/tokenize.ts';
import { escapeRegExp } from '../util/escape-reg-exp.ts';
import { unique } from '../util/unique.ts';
import { holdsAnswerType } from './answer-type.ts';
import type { DocumentFacts, Grounding, NotFoundReason, PassageMatch, ResolvedQuestion } from './grounding.ts';
import { buildQuery, type Query, search } from './passage-query.ts';
import { type Candidates, documentsOfProvince, findCandidates } from './question-candidates.ts';
import { rankByFigure } from './rank-by-figure.ts';
import { withoutAssertedPeriod } from './understand-question.ts';

/**
 * Decides what in the knowledge base answers a question, or that nothing does. Everything an answer may
 * say comes from what this returns: the answer writers (extractive or LLM) only phrase it.
 */

/** How deep an open "tỉnh nào…" question searches, and how many documents its answer lists at most. */
const LIST_SEARCH_DEPTH = 100;
const MAX_LISTED_DOCUMENTS = 10;
/** An overview quotes a few targets per document: more than this many documents would not fit a phone. */
const MAX_OVERVIEW_DOCUMENTS = 3;
/** Units plans count by their share ("20 - 30% số hộ"), so a share answers "bao nhiêu hộ". */
const SHARED_UNITS = new Set(['ho', 'ho gia', 'xa', 'truong', 'co quan', 'don vi']);
/** How deep a search looks for a passage that holds the asked kind of value. */
const TYPED_SEARCH_DEPTH = 40;
/** Below this share of the question found in a passage, the passage does not answer it. */
const MIN_COVERAGE = 0.5;
/**
 * When the user named the province or document, the passage only has to be the best of that document,
 * and paraphrased questions ("ký số" for "chữ ký số", "sức khoẻ" for "y tế") need the slack.
 */
const MIN_COVERAGE_SCOPED = 0.35;
/** Scoped, with a passage that must also hold the asked kind of value near the subject. */
const MIN_COVERAGE_TYPED = 0.25;
/** A section listed for "liệt kê …" has at least this many entries, or it is not a list. */
const MIN_LIST_ENTRIES = 3;

/** Coverage at which a passage holds all a question asks: several such passages answer it together. */
const FULL_COVERAGE = 0.9;
const MAX_PASSAGES_PER_DOCUMENT = 3;

/**
 * The best passages of one document: the top one, a second when it is nearly as good and says something else,
 * and every passage that holds the whole question as fully as the top one ("chỉ tiêu doanh nghiệp" of a plan
 * with three targets for businesses), up to three.
 */
function bestOfDocument(matches: PassageMatch[], docIndex: number, minCoverage: number): DocumentFacts | null {
  const own = matches.filter((match) => match.docIndex === docIndex && match.coverage >= minCoverage);
  const [first, second] = own;
  if (!first) return null;
  const passages = [first];
  if (second && second.score >= first.score * 0.85 && second.coverage >= first.coverage) passages.push(second);
  if (first.coverage >= FULL_COVERAGE) {
    for (const match of own.slice(1)) {
      if (passages.length >= MAX_PASSAGES_PER_DOCUMENT) break;
      if (match.coverage >= first.coverage && !passages.includes(match)) passages.push(match);
    }
  }
  return { docIndex, passages };
}

/** The best passages of every document among the matches, best document first. */
function groupByDocument(matches: PassageMatch[], minCoverage: number): DocumentFacts[] {
  const documents = unique(matches.map((match) => match.docIndex));
  return documents.flatMap((docIndex) => bestOfDocument(matches, docIndex, minCoverage) ?? []);
}

function containsFigure(text: string, figure: string): boolean {
  const normalized = text.replace(/(\d)\s+%/g, '$1%');
  return new RegExp(`(?<![\\d.,])${escapeRegExp(figure)}(?![\\d])`).test(normalized);
}

function verdictOf(question: ResolvedQuestion, facts: DocumentFacts[]): 'confirmed' | 'corrected' | null {
  // Figures are claims only when confirmed, heard ("nghe nói …") or planted by an instruction.
  if (question.claimedFigures.length === 0) return null;
  const said = facts
    .flatMap((fact) => fact.passages.map((passage) => `${passage.context ?? ''} ${passage.text}`))
    .join(' ');
  return question.claimedFigures.every((figure) => containsFigure(said, figure)) ? 'confirmed' : 'corrected';
}

/** What a search and its passages need: the base, the question, its candidates and its weighted query. */
interface GroundingContext {
  knowledge: KnowledgeBase;
  question: ResolvedQuestion;
  candidates: Candidates;
  query: Query;
  minCoverage: number;
  notFound: (reason: NotFoundReason) => Grounding;
}

/**
 * "Trong kế hoạch đưa Việt Nam sớm trở thành nước mạnh về CNTT-TT, ngân sách Trung ương chiếm mấy %?": the
 * words a question takes from a document's title name the document; the figure need not stand near them.
 */
function beyondTitles(knowledge: KnowledgeBase, documents: readonly number[], topic: readonly string[]): string[] {
  const titleWords = new Set(
    documents.flatMap((docIndex) => queryTerms(knowledge.documents[docIndex]!.metadata.title ?? '').filter(isUnigram)),
  );
  const rest = topic.filter((term) => !titleWords.has(term));
  return rest.length > 0 ? rest : [...topic];
}

/**
 * Matches that answer the question's kind of value ("bao nhiêu %" → a passage quoting a percentage): a
 * passage that only shares words with the question is not an answer. The quoted sentence is what is checked,
 * so the figure must be in what the user reads.
 */
function typedMatches(context: GroundingContext, documents: readonly number[]): PassageMatch[] {
  const { knowledge, question, query } = context;
  const type = question.answerType;
  if (!type) return search(knowledge, query, documents);
  // "Còn Hà Tĩnh thì sao?" names no topic: the figure must stand near the topic it inherited.
  const topic = beyondTitles(
    knowledge,
    documents,
    question.topicTerms.length > 0 ? question.topicTerms : question.inheritedTopicTerms,
  );
  const typed = search(knowledge, query, documents, TYPED_SEARCH_DEPTH).filter((match) =>
    holdsAnswerType(`${match.context ?? ''} ${quotableText(knowledge, match.passageId)}`, type, topic),
  );
  // A preferred type ("chỉ tiêu … mức độ 4 ra sao") picks the figure when there is one, else the best words
  // ("cung cấp một vài dịch vụ công mức độ 4").
  const preferredOnly = (type.kind === 'percent' || type.kind === 'number') && type.preferred;
  const answered = typed.some((match) => match.coverage >= context.minCoverage);
  if (preferredOnly && !answered) return search(knowledge, query, documents);
  // "Bao nhiêu hộ có máy tính?" asked of a plan that sets a share of households: the share of that unit answers it.
  if (type.kind === 'quantity' && !answered && SHARED_UNITS.has(type.unit)) {
    const share = new RegExp(`\\d\\s*%\\s*(?:so\\s+)?(?:cac\\s+)?${escapeRegExp(type.unit)}\\b`);
    return search(knowledge, query, documents, TYPED_SEARCH_DEPTH).filter((match) =>
      share.test(foldForSearch(`${match.context ?? ''} ${quotableText(knowledge, match.passageId)}`)),
    );
  }
  return typed;
}

/** A sentence saying which office holder signed: "Chủ tịch UBND tỉnh Bạc Liêu ký Quyết định …". */
const SIGNED_BY =
  /(?<!\p{L})(?:Phó )?(?:Chủ tịch|Giám đốc|Bí thư|Thủ tướng|Bộ trưởng|Trưởng ban)(?!\p{L})[^.;\n]{0,80}(?<!\p{L})(?:đã )?ký(?!\p{L})(?! số)/u;

function groundMetadata(context: GroundingContext): Grounding {
  const { knowledge, question, candidates, query } = context;
  const intent = question.intent as 'issue-date' | 'document-number' | 'issuer' | 'implements';
  const { reorganised } = candidates;
  if (question.asksSignerName) return context.notFound('not-stated');
  // "Do ai ký?" is answered where the source says who signed ("Chủ tịch UBND tỉnh Bạc Liêu ký …"); that the
  // province's People's Committee issued it does not say who signed it.
  const statesSigner = (docIndex: number) => SIGNED_BY.test(knowledge.documents[docIndex]!.text);
  if (question.asksSigner && candidates.documents.length > 0 && !candidates.documents.some(statesSigner)) {
    return context.notFound('not-stated');
  }
  // "Văn bản bị thay thế đó ký ngày nào?": the replaced document is known only by what replaces it.
  if (question.aboutReplaced && candidates.documents.some((i) => knowledge.documents[i]!.metadata.replaces)) {
    return groundStatus({ ...context, question: { ...question, intent: 'validity' } });
  }
  if (candidates.documents.length > 0) {
    // "Số hiệu là gì?" of a plan that has none: the documents do not state it, so nothing is cited.
    const field =
      intent === 'issue-date'
        ? 'date'
        : intent === 'document-number'
          ? 'number'
          : intent === 'implements'
            ? 'implements'
            : 'issuer';
    const stated = candidates.documents.filter((docIndex) => knowledge.documents[docIndex]!.metadata[field] !== null);
    // "… thực hiện Nghị quyết 36-NQ/TW ban hành ngày nào?": the number named is what the plan implements.
    const aboutImplemented = candidates.documents.every((docIndex) => {
      const { number, implements: implemented } = knowledge.documents[docIndex]!.metadata;
      return (
        !number &&
        implemented &&
        question.documentNumbers.some((typed) => foldVietnamese(implemented).includes(foldVietnamese(typed)))
      );
    });
    if (aboutImplemented && intent === 'issue-date' && question.documentNumbers.length > 0) {
      return { kind: 'metadata', intent: 'implements', documents: candidates.documents, reorganised };
    }
    const named = groundNamedReference(context, candidates.documents);
    if (named) return named;
    if (intent === 'issue-date' && question.asksPostingDate) {
      const posted = candidates.documents.filter((docIndex) => knowledge.documents[docIndex]!.metadata.publishedDate);
      if (posted.length === 0) return context.notFound('not-stated');
      return { kind: 'metadata', intent, documents: posted, reorganised, posted: true };
    }
    // "Số hiệu là gì?" of a plan without one is not stated; "bằng văn bản nào?" is answered by the plan itself.
    const asksWhich = intent === 'document-number' && !/\bso hieu\b/.test(foldVietnamese(question.text));
    if (stated.length === 0 && !asksWhich) return context.notFound('not-stated');
    const verdict =
      intent === 'issuer'
        ? issuerVerdict(context, stated)
        : claimsImplemented(question, candidates) && question.documentNumbers.length > 0
          ? implementsClaimed(context)
            ? 'confirmed'
            : 'corrected'
          : null;
    return { kind: 'metadata', intent, documents: candidates.documents, reorganised, ...(verdict ? { verdict } : {}) };
  }
  const [best] = search(knowledge, query, candidates.documents);
  if (best && best.coverage >= MIN_COVERAGE) {
    return (
      groundNamedReference(context, [best.docIndex]) ?? {
        kind: 'metadata',
        intent,
        documents: [best.docIndex],
        reorganised,
      }
    );
  }
  return context.notFound(question.instruction ? 'out-of-scope' : 'no-match');
}

/**
 * "Mục tiêu tổng quát của quy hoạch … là gì?": each document's general aim, however it is worded ("mục tiêu là
 * sẽ đưa Hà Tĩnh …", "Mục tiêu chung: …"); the documents that state none are left to the search.
 */
function groundGeneralAim(context: GroundingContext): Grounding | null {
  const { knowledge, candidates } = context;
  const facts = candidates.documents.flatMap((docIndex) => {
    const passageId = generalAimPassage(knowledge, docIndex);
    if (passageId === null) return [];
    const passage = knowledge.index.passages[passageId]!;
    const match = { passageId, docIndex, text: passage.text, context: passage.context, score: 1, coverage: 1 };
    return [{ docIndex, passages: [match] }];
  });
  return facts.length === 0 ? null : quotedFacts(context, facts);
}

/** Passages chosen outright (an aim, a list in one sentence): quoted as they are, with nothing to verify. */
function quotedFacts({ question, candidates }: GroundingContext, facts: DocumentFacts[]): Grounding {
  return {
    kind: 'facts',
    facts,
    comparison: facts.length > 1,
    verdict: null,
    instructed: question.instruction,
    unknownProvinces: candidates.unknownProvinces,
    silentProvinces: [],
    reorganised: candidates.reorganised,
    claimedYears: [],
  };
}

/**
 * "Sao QĐ 4086 ký năm 2013 mà …?": a document said to be signed in a year it was not. The premise is corrected
 * with its date before anything else is said.
 */
function wrongIssueYear({ knowledge, question, candidates }: GroundingContext): Grounding | null {
  const year = question.assertedIssueYear;
  // "Quyết định 590 ban hành ngày 1/3/2007 …" is the date of the document named, which another one mentions.
  if (year === null || candidates.documents.length !== 1 || candidates.mentionedNumbers.length > 0) return null;
  const date = knowledge.documents[candidates.documents[0]!]!.metadata.date;
  if (!date || Number(date.slice(0, 4)) === year) return null;
  return {
    kind: 'metadata',
    intent: 'issue-date',
    documents: candidates.documents,
    reorganised: candidates.reorganised,
    verdict: 'corrected',
  };
}

/** "Nghị quyết 16 do HĐND tỉnh thông qua đúng không?": the branch asserted against the issuer's. */
function issuerVerdict({ knowledge, question }: GroundingContext, documents: readonly number[]) {
  if (!question.asksConfirmation) return null;
  const asserted = issuerKindOf(question.text);
  if (!asserted) return null;
  const actual = documents.map((docIndex) => issuerKindOf(knowledge.documents[docIndex]!.metadata.issuer ?? ''));
  return actual.every((kind) => kind === asserted) ? 'confirmed' : 'corrected';
}

/** A document's kind as questions name it, folded: "quyet dinh", "ke hoach", "nghi quyet". */
function kindOf(knowledge: KnowledgeBase, docIndex: number): string {
  return foldVietnamese(knowledge.documents[docIndex]!.metadata.type ?? '').toLowerCase();
}

const REFERENCE_FIELDS = {
  'issue-date': 'date',
  'document-number': 'number',
  issuer: 'issuer',
  summary: 'subject',
} as const;

/**
 * "Luật đó ban hành ngày nào?" in a conversation about a decision, "Nghị quyết 36a/NQ-CP ngày nào?": the
 * question is about a kind of document these are not, so about one they name. The one whose words the
 * question (or the turn before it) shares most; what is asked of it is what the plan's text writes, or not stated.
 */
function groundNamedReference(context: GroundingContext, documents: readonly number[]): Grounding | null {
  const { knowledge, question, candidates } = context;
  const { askedDocumentType: asked } = question;
  const intent = question.intent as keyof typeof REFERENCE_FIELDS;
  if (!asked || !Object.hasOwn(REFERENCE_FIELDS, intent)) return null;
  if (documents.some((docIndex) => kindOf(knowledge, docIndex) === asked)) return null;
  // "Chỉ thị đó về vấn đề gì?", "Nghị quyết 36a/NQ-CP nói về gì?": what a named document is about. A summary
  // asked of a plan by another type's name ("tóm tắt quyết định của Huế") is still the plan's summary.
  const folded = foldVietnamese(question.text);
  if (
    intent === 'summary' &&
    !new RegExp(`\\b${asked} (?:do|nay|ay|kia|tren)\\b`).test(folded) &&
    question.documentNumbers.length === 0
  )
    return null;
  const words = new Set([...question.terms, ...question.previousTerms].filter(isUnigram));
  let best: { docIndex: number; reference: DocumentReference; shared: number } | null = null;
  for (const docIndex of documents) {
    for (const reference of documentReferences(knowledge.documents[docIndex]!)) {
      if (foldVietnamese(reference.type).toLowerCase() !== asked) continue;
      const shared = queryTerms(`${reference.text} ${reference.subject ?? ''}`).filter(
        (term) => isUnigram(term) && words.has(term),
      ).length;
      if (!best || shared > best.shared) best = { docIndex, reference, shared };
    }
  }
  if (!best) return null;
  // "… Nghị quyết 36-NQ/TW bằng văn bản nào?" gives the number it would ask: it asks for another document.
  if (intent === 'document-number' && best.reference.number && question.documentNumbers.length > 0) return null;
  if (!best.reference[REFERENCE_FIELDS[intent]]) return context.notFound('not-stated');
  const { docIndex, reference } = best;
  return { kind: 'named-reference', intent, docIndex, reference, reorganised: candidates.reorganised };
}

/** "Văn bản nào do cơ quan Đảng ban hành?": the documents, among those in scope, whose issuer is of that branch. */
function groundByIssuer(context: GroundingContext, kind: IssuerKind): Grounding {
  const { knowledge, candidates } = context;
  const scope = candidates.documents.length > 0 ? candidates.documents : knowledge.documents.map((_, i) => i);
  const documents = scope.filter((docIndex) => {
    const { issuer } = knowledge.documents[docIndex]!.metadata;
    return issuer !== null && issuerKindOf(issuer) === kind;
  });
  if (documents.length === 0) return context.notFound('not-stated');
  return { kind: 'catalogue', documents, reorganised: candidates.reorganised };
}

function groundWithoutTopic(context: GroundingContext): Grounding {
  const { knowledge, question, candidates } = context;
  if (candidates.documents.length > 0 && question.intent !== 'catalogue') {
    const documents = candidates.documents.slice(0, MAX_OVERVIEW_DOCUMENTS);
    return { kind: 'overview', documents, reorganised: candidates.reorganised };
  }
  if (question.intent === 'catalogue' || (question.terms.length > 0 && !question.instruction)) {
    const documents = candidates.documents.length > 0 ? candidates.documents : knowledge.documents.map((_, i) => i);
    // "Có mấy quyết định …?": the documents of that kind, when there are some. "Kế hoạch" is said of any plan
    // ("tài liệu về kế hoạch, quy hoạch CNTT"), so it chooses none.
    const asked = question.askedDocumentType;
    const ofKind =
      asked && asked !== 'ke hoach' ? documents.filter((docIndex) => kindOf(knowledge, docIndex) === asked) : [];
    return {
      kind: 'catalogue',
      documents: ofKind.length > 0 ? ofKind : documents,
      reorganised: candidates.reorganised,
    };
  }
  return context.notFound(question.instruction ? 'out-of-scope' : 'no-match');
}

/** "Kể hết ra", "liệt kê đầy đủ", "toàn bộ": the whole list is wanted, not its first lines. */
const ASKS_WHOLE_LIST = /\b(?:ke het|ke ra het|het ra|day du|toan bo|tat ca|chi tiet|cu the tung)\b/;

/**
 * "Liệt kê các chỉ tiêu …": the section of the best matching passage, listed whole. Among the best passages
 * the first whose section is a real list wins, so a passing mention of "mục tiêu" does not.
 */
function groundList(context: GroundingContext): Grounding | null {
  const { knowledge, candidates } = context;
  const asked = listKindOf(withoutAssertedPeriod(foldVietnamese(context.question.text)));
  const matches = search(knowledge, context.query, candidates.documents, TYPED_SEARCH_DEPTH);
  const inline = asked ? null : inlineList(context, matches);
  if (inline) return inline;
  const best = matches.find((match) => {
    const passage = knowledge.index.passages[match.passageId]!;
    const heading = listKindOf(foldVietnamese(`${passage.context ?? ''} ${passage.lead ?? ''}`));
    // "Để thực hiện các mục tiêu trên, các giải pháp …" lists solutions, not targets.
    if (asked && heading && heading !== asked) return false;
    return sectionOf(knowledge, match.passageId).entries.length >= MIN_LIST_ENTRIES;
  });
  if (!best) return null;
  return {
    kind: 'list',
    docIndex: best.docIndex,
    passageId: best.passageId,
    reorganised: candidates.reorganised,
    whole: ASKS_WHOLE_LIST.test(foldVietnamese(context.question.text)),
    counted: context.question.countsEntries,
  };
}

/**
 * Three or more things named in one sentence: "(dân cư, đất đai, tài nguyên, du lịch, …)", ": A, B, C và D",
 * or a sentence that is itself a run of short names ("Thường trực Tỉnh ủy, HĐND, UBND, các đồng chí …").
 */
const INLINE_ENUMERATION = /\((?:[^()]*,){3,}[^()]*\)|:\s*(?:[^;:.]*,){3,}|^(?:[^,;.]{1,40},\s*){4,}/u;
/** A sentence saying who attended: "… đã về dự", "tham dự có …", "có mặt …". */
const NAMES_ATTENDEES = /\b(?:ve du|tham du|den du|da du|co mat)\b/;
/** How many of the best passages are looked at for a sentence that is itself the list. */
const INLINE_CANDIDATES = 3;

/**
 * "Cơ sở dữ liệu chuyên ngành gồm những lĩnh vực nào?": when the things asked are named inside one sentence,
 * that sentence, quoted whole, is the list, not the section it sits in. Of the best passages, the one that
 * holds most of the question and names three things or more.
 */
function inlineList(context: GroundingContext, matches: readonly PassageMatch[]): Grounding | null {
  const { question } = context;
  const top = matches.slice(0, INLINE_CANDIDATES);
  const best = Math.max(0, ...top.map((match) => match.coverage));
  // "Thành phần tham dự gồm những ai?": the sentence that says who came, which shares little with the question
  // ("Thường trực Tỉnh ủy, HĐND, UBND, … đã về dự") but is the answer wherever it ranks.
  const found = question.asksAttendees
    ? matches.find((match) => NAMES_ATTENDEES.test(foldVietnamese(match.text)) && INLINE_ENUMERATION.test(match.text))
    : top.find(
        (match) =>
          match.coverage === best && match.coverage >= context.minCoverage && INLINE_ENUMERATION.test(match.text),
      );
  return found ? quotedFacts(context, [{ docIndex: found.docIndex, passages: [found] }]) : null;
}

/** Kinds of list a plan has; within a kind the words are used interchangeably ("mục tiêu, chỉ tiêu"). */
const LIST_KINDS: ReadonlyArray<readonly [kind: string, words: RegExp]> = [
  ['targets', /muc tieu|chi tieu/g],
  ['actions', /nhiem vu|giai phap/g],
  ['views', /quan diem/g],
  ['orientation', /dinh huong/g],
];

/** The kind of list a text names last (a heading's head noun comes last: "… các mục tiêu trên, các giải pháp"). */
function listKindOf(folded: string): string | null {
  let last: { kind: string; at: number } | null = null;
  for (const [kind, words] of LIST_KINDS) {
    for (const match of folded.matchAll(words)) if (!last || match.index > last.at) last = { kind, at: match.index };
  }
  return last?.kind ?? null;
}

/** Documents a status or summary question is about: those named, or in a conversation about them, else all. */
function documentsInScope(context: GroundingContext): number[] {
  const { knowledge, candidates, question } = context;
  if (candidates.documents.length > 0) return candidates.documents;
  if (question.provinces.length > 0 || question.documentNumbers.length > 0) return [];
  const [best] = search(knowledge, context.query, []);
  return best && best.coverage >= MIN_COVERAGE ? [best.docIndex] : [];
}

/** "Tỉnh nào có mốc định hướng xa nhất / gần nhất": periods compared, not one document's period. */
const FARTHEST = /\b(?:xa|dai|muon|sau) (?:nhat|hon)\b/;
const NEAREST = /\b(?:gan|ngan|som|truoc) (?:nhat|hon)\b/;

function reachOf(question: ResolvedQuestion): 'farthest' | 'nearest' | null {
  if (question.intent !== 'horizon') return null;
  const folded = foldVietnamese(question.text);
  return FARTHEST.test(folded) ? 'farthest' : NEAREST.test(folded) ? 'nearest' : null;
}

function groundStatus(context: GroundingContext): Grounding {
  const { knowledge, question, candidates } = context;
  const asked = question.intent as 'validity' | 'horizon' | 'latest';
  const reach = reachOf(question);
  // "Những văn bản nào có mục tiêu đến năm 2020?": asked of no document in particular, the year picks them.
  const open = candidates.documents.length === 0 && question.provinces.length === 0;
  const periodYear =
    asked === 'horizon' && open && !question.asksConfirmation && question.years.length === 1
      ? question.years[0]!
      : null;
  // "Văn bản nào có định hướng xa nhất?" ranks every document as "tỉnh nào …" does.
  const ranksDocuments =
    question.comparison ||
    /\b(?:van ban|quy hoach|ke hoach|quyet dinh|nghi quyet) nao\b/.test(foldVietnamese(question.text));
  const overAll = asked === 'latest' || periodYear !== null || (reach !== null && ranksDocuments);
  const documents = overAll && open ? knowledge.documents.map((_, i) => i) : documentsInScope(context);
  if (documents.length === 0) return context.notFound('no-match');
  return {
    kind: 'status',
    asked,
    documents,
    aboutReplaced: question.aboutReplaced || candidates.mentionedNumbers.length > 0,
    asksSuccessor: question.asksSuccessor,
    oldest:
      /\b(?:som nhat|cu nhat|dau tien|som hon|cu hon|co truoc|ra truoc|ra doi truoc|ban hanh truoc|ky truoc)\b/.test(
        foldVietnamese(question.text),
      ),
    reach: documents.length > 1 ? reach : null,
    periodYear: documents.length > 1 ? periodYear : null,
    claimedYears: question.asksConfirmation ? question.years : question.assertedPeriodYears,
    reorganised: candidates.reorganised,
  };
}

/** Named provinces: the best of each; "tỉnh nào…": one search over everything, grouped by document. */
/** The best passages for one group of documents (a province with its former units): one search, its top document. */
function bestOfGroup(context: GroundingContext, documents: readonly number[]): DocumentFacts | null {
  const matches = typedMatches(context, documents);
  const top = matches.find((match) => match.coverage >= context.minCoverage);
  return top ? bestOfDocument(matches, top.docIndex, context.minCoverage) : null;
}

/**
 * The groups a comparison compares: each named province (one search over its documents, however many its
 * former units have), else each candidate document (named by number or in the conversation's focus).
 */
function comparedGroups(context: GroundingContext): number[][] {
  const { knowledge, candidates, question } = context;
  if (candidates.knownProvinces.length > 0 && question.documentNumbers.length === 0) {
    return candidates.knownProvinces.map(
      (province) => documentsOfProvince(knowledge, province, question.formerOnly.includes(province)).documents,
    );
  }
  return candidates.documents.map((docIndex) => [docIndex]);
}

/** Two topic words the question writes together ("ký số" in "chữ ký số"): the phrase, not its syllables, is asked. */
function topicPhrases(question: ResolvedQuestion): string[] {
  const topic = new Set(question.topicTerms);
  return question.terms.filter((term) => !isUnigram(term) && term.split(' ').every((word) => topic.has(word)));
}

/**
 * How many of the topic phrases a passage writes, read as the index reads it (abbreviations expanded, "qua mạng"
 * as "trực tuyến"), so a phrase the question wrote one way is found written the other.
 */
function phrasesWritten(text: string, phrases: readonly string[]): number {
  const read = ` ${tokenize(text).join(' ')} `;
  return phrases.filter((phrase) => read.includes(` ${phrase} `)).length;
}

/** Coverage at which a passage answers a question of no province or document without holding its phrases. */
const OPEN_WITHOUT_PHRASE = 0.75;

/**
 * Asked of no province, document or conversation, a passage answers only when it holds one of the question's
 * topic phrases, or nearly all of its words: "Thủ đô của Pháp là gì?" is not answered by "các giải pháp".
 */
function answersOpenQuestion(context: GroundingContext, top: PassageMatch): boolean {
  const { question, candidates } = context;
  if (candidates.documents.length > 0 || question.focusDocumentIds.length > 0) return true;
  const written = `${top.context ?? ''} ${top.text}`;
  // "Pháp" in "Thủ đô của Pháp" names something; "giải pháp" does not hold it.
  if (
    namesOf(question.text).some((name) => !new RegExp(`(?<!\\p{L})${escapeRegExp(name)}(?!\\p{L})`, 'u').test(written))
  )
    return false;
  const phrases = topicPhrases(question);
  if (phrases.length === 0 || top.coverage >= OPEN_WITHOUT_PHRASE) return true;
  return phrasesWritten(written, phrases) > 0;
}

/**
 * Capitalised words inside a question that are neither its first word, nor a province, nor an abbreviation
 * ("CNTT", "LAN"): names of things ("Pháp", "Samsung"), which a passage answering it must hold as written.
 */
function namesOf(text: string): string[] {
  const withoutProvinces = [...findProvinceMentions(text)]
    .reverse()
    .reduce(
      (rest, mention) => `${rest.slice(0, mention.index)} ${rest.slice(mention.index + mention.length)}`,
      text.normalize('NFC'),
    );
  const words = [...withoutProvinces.matchAll(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu)];
  return words
    .filter((word) => word.index > 0 && !/[.!?:]\s*$/u.test(withoutProvinces.slice(0, word.index)))
    .map((word) => word[0]);
}

/**
 * "Những tỉnh nào có chữ ký số": every document whose passage holds what is asked, each with that passage.
 * Over all documents a syllable alone ("số" of "Quyết định số") says nothing, so a passage must hold one of
 * the question's topic phrases; holding them all, it needs less of the rest of the wording ("đưa … vào mục
 * tiêu").
 */
function openAggregate(context: GroundingContext): DocumentFacts[] {
  const { knowledge, question, minCoverage } = context;
  const matches = question.answerType
    ? typedMatches(context, [])
    : search(knowledge, context.query, [], LIST_SEARCH_DEPTH);
  const phrases = topicPhrases(question);
  if (phrases.length === 0) return groupByDocument(matches, minCoverage).slice(0, MAX_LISTED_DOCUMENTS);
  const held = matches.map((match) => phrasesWritten(`${match.context ?? ''} ${match.text}`, phrases));
  const holdingAll = matches.filter((_, i) => held[i] === phrases.length);
  const holdingSome = matches.filter((match, i) => held[i]! > 0 && match.coverage >= minCoverage);
  return groupByDocument([...holdingAll, ...holdingSome], MIN_COVERAGE_SCOPED).slice(0, MAX_LISTED_DOCUMENTS);
}

function groundComparison(context: GroundingContext): Grounding {
  const { knowledge, question, candidates } = context;
  const groups = candidates.documents.length > 0 ? comparedGroups(context) : [];
  const perDocument = groups.length > 0 ? groups.map((group) => bestOfGroup(context, group)) : openAggregate(context);
  // A named province whose documents hold no answer is said to be silent, not left out without a word.
  const silentProvinces =
    groups.length === candidates.knownProvinces.length && question.documentNumbers.length === 0
      ? candidates.knownProvinces.filter((_, i) => perDocument[i] === null)
      : [];
  // "Quảng Bình và Quảng Trị" both name former Quảng Bình's documents today: each document is one side.
  const facts = perDocument
    .filter(
      (fact, i): fact is DocumentFacts =>
        fact !== null && perDocument.findIndex((other) => other?.docIndex === fact.docIndex) === i,
    )
    .sort((a, b) => b.passages[0]!.score - a.passages[0]!.score);
  if (facts.length === 0) return context.notFound(notFoundReason(context));
  if (question.superlative && facts.length > 1 && question.answerType?.kind !== 'year') {
    const ranked = rankByFigure(knowledge, question, facts);
    if (ranked) return { kind: 'ranking', facts: ranked, superlative: question.superlative, reorganised: [] };
  }
  return {
    kind: 'facts',
    facts,
    comparison: facts.length > 1,
    verdict: verdictOf(question, facts),
    instructed: question.instruction,
    unknownProvinces: candidates.unknownProvinces,
    silentProvinces,
    reorganised: candidates.reorganised,
    claimedYears: question.asksConfirmation ? question.years : question.assertedPeriodYears,
  };
}

/** "Năm đầu tiên" of a plan for 2013-2015 is 2013, "năm cuối" 2015: a year its period gives. */
function periodYearsOf(knowledge: KnowledgeBase, question: ResolvedQuestion, documents: readonly number[]): number[] {
  const index = question.periodYearIndex;
  if (index === null) return [];
  return unique(
    documents.flatMap((docIndex) => {
      const period = documentPeriod(knowledge.documents[docIndex]!);
      if (!period?.from || !period.until) return [];
      const year = index < 0 ? period.until + 1 + index : period.from + index;
      return year <= period.until ? [year] : [];
    }),
  );
}

/** "The documents do not state this" when the question was about documents we have, "no match" otherwise. */
function notFoundReason(context: GroundingContext): NotFoundReason {
  if (context.question.instruction) return 'out-of-scope';
  return context.candidates.documents.length > 0 ? 'not-stated' : 'no-match';
}

/**
 * "Còn đến năm 2015 thì sao?", "đến 2015 thì mục tiêu là gì?" after a question about 2010: the year is what
 * the follow-up changes (it asks the previous question again, with no topic of its own), so within
 * the documents in focus a passage must name it, and naming it is enough of a match.
 */
/** The syllables of "bố trí", "dành", "chi": verbs of spending. */
const ALLOCATING = new Set(['bo', 'tri', 'danh', 'chi']);

function yearFollowUp(context: GroundingContext): PassageMatch[] | null {
  const { knowledge, question, candidates } = context;
  // "Năm 2014 thì bố trí bao nhiêu?": allocating is what a budget question asks, not a topic of its own.
  const allocates = question.answerType?.kind === 'money' ? ALLOCATING : new Set<string>();
  const ownTopic = question.topicTerms.filter((term) => !/^\d{4}$/.test(term) && !allocates.has(term));
  if (ownTopic.length > 0 || question.years.length === 0) return null;
  if (candidates.documents.length === 0) return null;
  const years = question.years.map((year) => new RegExp(`(?<!\\d)${year}(?!\\d)`));
  const naming = typedMatches(context, candidates.documents).filter((match) =>
    years.some((year) => year.test(`${match.context ?? ''} ${quotableText(knowledge, match.passageId)}`)),
  );
  return naming.length > 0 ? naming : null;
}

/**
 * "Kinh phí năm 2016 của kế hoạch Bạc Liêu là bao nhiêu?": a figure for a year outside every candidate plan's
 * time frame (2013-2015) is in none of them, whatever figures a passage gives for its own years.
 */
function outsidePeriods({ knowledge, question, candidates }: GroundingContext): boolean {
  const [year] = question.years;
  if (question.years.length !== 1 || !question.answerType || candidates.documents.length === 0) return false;
  return candidates.documents.every((docIndex) => {
    const document = knowledge.documents[docIndex]!;
    const period = documentPeriod(document);
    const last = period ? (period.orientation ?? period.until) : null;
    if (!period || last === null) return false;
    const issued = document.metadata.date ? Number(document.metadata.date.slice(0, 4)) : null;
    const first = period.from ?? issued ?? last;
    return year! > last || year! < Math.min(first, issued ?? first);
  });
}

function groundFacts(context: GroundingContext): Grounding {
  const { knowledge, question, candidates } = context;
  if (outsidePeriods(context)) return context.notFound('not-stated');
  const byYear = yearFollowUp(context);
  let matches = byYear ?? typedMatches(context, candidates.documents);
  let threshold = byYear ? 0 : context.minCoverage;
  let top = matches.find((match) => match.coverage >= threshold);
  // A guessed focus that does not answer gives way to every document, unless a province was named or the
  // conversation is about one: in a Hà Tĩnh conversation, another province's passage is not an answer.
  const conversationProvinces = question.focusDocumentIds.flatMap(
    (id) => knowledge.documents[knowledge.documentsById.get(id) ?? -1]?.metadata.province ?? [],
  );
  if (!top && question.focusIsSoft && candidates.knownProvinces.length === 0 && conversationProvinces.length === 0) {
    matches = typedMatches(context, []);
    threshold = MIN_COVERAGE;
    top = matches.find((match) => match.coverage >= threshold);
  }
  const facts = top && answersOpenQuestion(context, top) ? bestOfDocument(matches, top.docIndex, threshold) : null;
  if (!facts) return context.notFound(notFoundReason(context));
  return {
    kind: 'facts',
    facts: [facts],
    comparison: false,
    verdict: verdictOf(question, [facts]),
    instructed: question.instruction,
    unknownProvinces: candidates.unknownProvinces,
    silentProvinces: [],
    reorganised: candidates.reorganised,
    claimedYears: question.asksConfirmation ? question.years : question.assertedPeriodYears,
  };
}

function hasTopicOf(question: ResolvedQuestion, extraTerms: readonly string[]): boolean {
  return (
    question.topicTerms.length > 0 ||
    extraTerms.length > 0 ||
    // "Mục tiêu gì cho năm 2015?": the year is the topic, which understanding made a fact question.
    ((question.inheritedTerms.length > 0 || question.years.length > 0) && question.intent === 'fact')
  );
}

/**
 * "Bạc Liêu có chỉ tiêu an toàn thông tin không?": a topic named by a fixed phrase ("an toàn", "chữ ký số")
 * that none of the documents asked about writes is not stated in them, whatever its syllables match elsewhere.
 */
function namesAbsentConcept({ knowledge, question, candidates }: GroundingContext): boolean {
  if (candidates.documents.length === 0 || question.focusIsSoft) return false;
  return question.concepts.some((phrase) =>
    candidates.documents.every((docIndex) => !conceptsWrittenIn(knowledge.documents[docIndex]!).has(phrase)),
  );
}

/** Whether the documents implement every number the question claims they do (a number we have is their own). */
function implementsClaimed({ knowledge, question, candidates }: GroundingContext): boolean {
  if (candidates.unknownNumbers.length > 0) return false;
  return question.documentNumbers.every((typed) =>
    candidates.documents.some((docIndex) => {
      const { implements: implemented } = knowledge.documents[docIndex]!.metadata;
      return implemented !== null && mentionsNumber(implemented, typed);
    }),
  );
}

/** "Nghị quyết số 36-NQ/TW ngày 01/7/2014" names "36-NQ/TW" and "36", not "36a/NQ-CP". */
function mentionsNumber(text: string, typed: string): boolean {
  const folded = foldDocumentNumber(typed);
  return new RegExp(`(?<![\\d\\p{L}])${escapeRegExp(folded)}(?![\\d\\p{L}])`, 'u').test(foldVietnamese(text));
}

function claimsImplemented(question: ResolvedQuestion, candidates: Candidates): boolean {
  return question.intent === 'implements' && question.asksConfirmation && candidates.knownProvinces.length > 0;
}

/** A refusal decided before any search: nothing to ground, a number or province we do not have. */
function scopeRefusal(question: ResolvedQuestion, candidates: Candidates): NotFoundReason | null {
  if (!question.text) return 'empty';
  // A number we do not have is never answered with another document of the same province, unless the question
  // claims it is what that province's plan implements ("… để thực hiện Nghị quyết 26-NQ/TW đúng không?").
  if (candidates.unknownNumbers.length > 0 && !claimsImplemented(question, candidates)) return 'unknown-number';
  if (candidates.unknownProvinces.length > 0 && candidates.documents.length === 0) return 'unknown-province';
  // "Quyết định đó ban hành ngày nào?" with nothing before it: which one?
  if (question.refersBack && candidates.documents.length === 0 && question.provinces.length === 0) {
    return 'which-document';
  }
  return null;
}

export function groundQuestion(knowledge: KnowledgeBase, question: ResolvedQuestion): Grounding {
  const { intent } = question;
  if (intent === 'greeting' || intent === 'help' || intent === 'reset' || intent === 'small-talk') {
    return { kind: 'conversation', intent };
  }
  const candidates = findCandidates(knowledge, question);
  const notFound = (reason: NotFoundReason): Grounding => ({
    kind: 'not-found',
    reason,
    unknownProvinces: candidates.unknownProvinces,
    knownProvinces: candidates.knownProvinces,
  });
  const refusal = scopeRefusal(question, candidates);
  if (refusal) return notFound(refusal);

  // Mentioned numbers are searched as words, so the passage that mentions them ranks first; so is the year
  // "năm đầu tiên" stands for in the period of the documents in question.
  const extraTerms = [
    ...candidates.mentionedNumbers.flatMap((number) => queryTerms(number)),
    ...periodYearsOf(knowledge, question, candidates.documents).map(String),
  ];
  const query = buildQuery(knowledge, question, extraTerms, candidates.documents);
  const scoped = candidates.documents.length > 0 && !question.focusIsSoft;
  // Within a named document, a passage that holds the asked kind of value next to the subject needs less of
  // the question's wording ("bố trí kinh phí" for "Tổng kinh phí … năm 2013 là 21,400 tỷ đồng").
  const minCoverage = scoped ? (question.answerType ? MIN_COVERAGE_TYPED : MIN_COVERAGE_SCOPED) : MIN_COVERAGE;
  const context: GroundingContext = { knowledge, question, candidates, query, minCoverage, notFound };

  if (question.issuerKind) return groundByIssuer(context, question.issuerKind);
  // What a plan achieved is in no plan; asked of one we have, say so rather than quote its target as a result.
  if (question.asksOutcome && (candidates.documents.length > 0 || candidates.knownProvinces.length > 0)) {
    return notFound('outcome');
  }
  // "Ai là người ký …?": no metadata holds a person's name.
  if (question.asksSignerName) return notFound('not-stated');
  if (intent === 'issue-date' || intent === 'document-number' || intent === 'issuer' || intent === 'implements') {
    return groundMetadata(context);
  }
  const misdated = wrongIssueYear(context);
  if (misdated) return misdated;
  // "… có hiệu lực kể từ ngày nào?" of documents that do not say when they take effect: not stated.
  if (question.asksEffectiveDate && candidates.documents.length > 0) {
    const states = (docIndex: number) => effectClause(knowledge.documents[docIndex]!) !== null;
    if (!candidates.documents.some(states)) return notFound('not-stated');
  }
  if (intent === 'validity' || intent === 'horizon' || intent === 'latest') return groundStatus(context);
  if (intent === 'summary' || intent === 'references' || intent === 'timeline') {
    const documents = documentsInScope(context);
    const named = intent === 'summary' ? groundNamedReference(context, documents) : null;
    if (named) return named;
    if (documents.length > 0) return { kind: intent, documents, reorganised: candidates.reorganised };
  }
  // One list would be one file's list: with a shared number, each file's best passage is quoted instead.
  if (intent === 'list' && !candidates.sharedNumber) {
    const listed = groundList(context);
    if (listed) return listed;
  }
  // "Giờ tỉnh đó thuộc tỉnh nào?": the documents, said of the province as it is named today.
  if (question.asksCurrentUnit && candidates.documents.length > 0) {
    const provinces = unique(candidates.documents.flatMap((i) => knowledge.documents[i]!.metadata.province ?? []));
    const changed = provinces.filter((province) => currentUnitOf(province).name !== province);
    return {
      kind: 'catalogue',
      documents: candidates.documents,
      reorganised: unique([...candidates.reorganised, ...changed]),
    };
  }
  const aim = question.asksGeneralAim ? groundGeneralAim(context) : null;
  if (aim) return aim;
  if (!hasTopicOf(question, extraTerms)) return groundWithoutTopic(context);
  if (namesAbsentConcept(context)) return notFound('not-stated');
  // Documents that one named number points at are all answered from: none of them is the number's document.
  const comparing =
    (question.comparison && candidates.documents.length !== 1) ||
    candidates.knownProvinces.length >= 2 ||
    candidates.sharedNumber;
  return comparing ? groundComparison(context) : groundFacts(context);
}

/** For tuning only: the best passages and their coverage, as the grounding sees them. */
export function explainSearch(knowledge: KnowledgeBase, question: ResolvedQuestion): PassageMatch[] {
  const candidates = findCandidates(knowledge, question);
  const query = buildQuery(knowledge, question, [], candidates.documents);
  return search(knowledge, query, candidates.documents);
}
