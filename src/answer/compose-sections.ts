import type { KnowledgeDocument } from '../knowledge/document.ts';
import { describePeriod, documentPeriod } from '../knowledge/document-period.ts';
import { documentReferences } from '../knowledge/document-references.ts';
import { AIM_AHEAD, generalAimPassage, TARGET } from '../search/general-aim.ts';
import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { documentPassages, quotableText, sectionOf } from '../search/passage-units.ts';
import { foldVietnamese } from '../text/normalize.ts';
import type { Grounding, RankedFact } from '../understanding/grounding.ts';
import { unique } from '../util/unique.ts';
import { documentName } from './citation.ts';

/**
 * Answers built from a document's structure rather than from one passage: a whole listed section, a short
 * structured summary, and a ranking that states its conclusion first. Every figure is copied from a passage.
 */

/** How many targets and tasks a summary names: enough to say what the plan is, short enough for a phone. */
const SUMMARY_TARGETS = 3;
const SUMMARY_TASKS = 3;
const BUDGET = /kinh phí|nguồn vốn|ngân sách/u;
const TASK_HEADING = /nhiem vu|giai phap|noi dung quy hoach|dinh huong/;

export function listText(
  knowledge: KnowledgeBase,
  grounding: Extract<Grounding, { kind: 'list' }>,
  named: string,
): string {
  const section = sectionOf(knowledge, grounding.passageId, { whole: grounding.whole });
  const heading = section.heading ? ` — ${section.heading.replace(/\s*(?:như sau|sau đây|gồm|là)$/u, '')}` : '';
  // "Có mấy nhiệm vụ?": the count is of the entries quoted below it, all of them.
  const count = grounding.counted ? ` (${section.entries.length + section.omitted} mục)` : '';
  const lines = [`Theo ${named}${heading}${count}:`, ...section.entries.map((entry) => `- ${entry}`)];
  if (section.omitted > 0) lines.push(`(và ${section.omitted} mục khác trong văn bản)`);
  return lines.join('\n');
}

/** Targets for online public services: what people ask of a plan first, so a summary names them first. */
const PUBLIC_SERVICE = /dịch vụ (?:hành chính )?công/u;

/** The passages holding a target figure, public-service targets first, each quoted whole, in reading order. */
function mainTargets(knowledge: KnowledgeBase, docIndex: number): string[] {
  const targets = documentPassages(knowledge, docIndex).filter(
    ({ passage }) => !passage.headline && TARGET.test(passage.text) && !BUDGET.test(passage.text),
  );
  const ordered = [
    ...targets.filter(({ passage }) => PUBLIC_SERVICE.test(passage.text)),
    ...targets.filter(({ passage }) => !PUBLIC_SERVICE.test(passage.text)),
  ];
  const quoted: string[] = [];
  for (const { id } of ordered) {
    if (quoted.length >= SUMMARY_TARGETS) break;
    // A short clause is quoted with its neighbour, so the neighbour's own quote may already be said.
    const quote = quotableText(knowledge, id).replace(/\.$/, '');
    if (!quoted.some((said) => said.includes(quote))) quoted.push(quote);
  }
  return quoted.map((quote) => (/[.!?…:]$/.test(quote) ? quote : `${quote}.`));
}

/**
 * The sentence that states the plan's overall aim ("mục tiêu là …", "Mục tiêu chung …", or as news writes it,
 * "Theo đó, đến năm 2020 sẽ xây dựng thành công mô hình chính quyền điện tử"), if one does.
 */
function generalAim(knowledge: KnowledgeBase, docIndex: number): string | null {
  const id = generalAimPassage(knowledge, docIndex);
  if (id === null) return null;
  // The aim opening a list of targets is its first clause; the targets are listed on their own.
  const passage = knowledge.index.passages[id]!;
  const aim = AIM_AHEAD.test(foldVietnamese(passage.text))
    ? `${passage.text.replace(/[;,.\s]+$/u, '')}.`
    : quotableText(knowledge, id);
  // "Theo đó," ties the sentence to the news item's lead, which the summary does not quote.
  const own = aim.replace(/^Theo đó,?\s+/u, '');
  return own.charAt(0).toUpperCase() + own.slice(1);
}

function budget(knowledge: KnowledgeBase, docIndex: number): string | null {
  const found = documentPassages(knowledge, docIndex).find(
    ({ passage }) => /kinh phí|ngân sách|nguồn vốn/u.test(passage.text) && /\d/.test(passage.text),
  );
  return found ? quotableText(knowledge, found.id) : null;
}

/** "Tỉnh sẽ xây dựng …": what a news item says the province will do, when it has no section of tasks. */
const COMMITMENT = /^(?:UBND )?(?:tỉnh|Tỉnh)(?: [\p{Lu}][\p{L}]*)* sẽ\s/u;

/** The entries of the document's first section of tasks or solutions, or else what it says the province will do. */
function mainTasks(knowledge: KnowledgeBase, docIndex: number): string[] {
  const passages = documentPassages(knowledge, docIndex);
  const found = passages.find(({ passage }) =>
    TASK_HEADING.test(foldVietnamese(`${passage.context ?? ''} ${passage.lead ?? ''}`)),
  );
  if (found) return sectionOf(knowledge, found.id).entries.slice(0, SUMMARY_TASKS);
  return unique(
    passages
      .filter(({ passage }) => !passage.headline && COMMITMENT.test(passage.text))
      .map(({ id }) => quotableText(knowledge, id)),
  ).slice(0, SUMMARY_TASKS);
}

/** Scope and period, main targets, budget, main tasks and what it replaces: a summary a phone can show. */
export function summaryText(knowledge: KnowledgeBase, docIndex: number, named: string): string {
  const document: KnowledgeDocument = knowledge.documents[docIndex]!;
  const { title, replaces, implements: implemented } = document.metadata;
  const lines = [`${named}${title && !documentName(document).includes(title) ? `: ${title}` : ''}.`];
  const period = documentPeriod(document);
  if (period?.until) lines.push(`- Thời kỳ: ${describePeriod({ ...period, until: period.until })}.`);
  if (implemented && !documentName(document).includes(implemented)) lines.push(`- Thực hiện: ${implemented}.`);
  const aim = generalAim(knowledge, docIndex);
  if (aim) lines.push(`- Mục tiêu chung: ${aim}`);
  const targets = mainTargets(knowledge, docIndex);
  if (targets.length > 0) lines.push('- Mục tiêu chính:', ...targets.map((target) => `  + ${target}`));
  const money = budget(knowledge, docIndex);
  if (money) lines.push(`- Kinh phí: ${money}`);
  const tasks = mainTasks(knowledge, docIndex);
  if (tasks.length > 0) lines.push('- Nhiệm vụ, giải pháp chính:', ...tasks.map((task) => `  + ${task}`));
  if (replaces) lines.push(`- Thay thế: ${replaces}.`);
  return lines.join('\n');
}

/** "Đến năm 2010, …", "Theo đó, đến hết năm 2008 …": a passage that opens with the year it is for. */
const DATED =
  /^(?:(?:theo do|trong do|cu the|tu nay),?\s+)?(?:den|toi|trong|tu nay den) (?:het )?nam ((?:19|20)\d\d)\b/;
/** "Các chỉ tiêu chủ yếu đến năm 2025", "Định hướng … đến năm 2035": a heading naming the year of what it holds. */
const DATED_HEADING = /\b(?:den|toi) (?:het )?nam ((?:19|20)\d\d)\b/;
/** How many sentences a timeline quotes per year, and in all. */
const TIMELINE_PER_YEAR = 3;
const TIMELINE_ENTRIES = 10;

/**
 * The plan's targets year by year: the sentences that open with the year they are for (or sit under a heading
 * that names it), earliest first, each quoted whole. A plan that dates none of its sentences is summed up instead.
 */
export function timelineText(knowledge: KnowledgeBase, docIndex: number, named: string): string {
  const byYear = new Map<number, string[]>();
  for (const { id, passage } of documentPassages(knowledge, docIndex)) {
    const year =
      DATED.exec(foldVietnamese(passage.text))?.[1] ?? DATED_HEADING.exec(foldVietnamese(passage.context ?? ''))?.[1];
    if (passage.headline || !year) continue;
    const quotes = byYear.get(Number(year)) ?? [];
    const quote = quotableText(knowledge, id);
    if (!quotes.includes(quote) && quotes.length < TIMELINE_PER_YEAR) quotes.push(quote);
    byYear.set(Number(year), quotes);
  }
  if (byYear.size === 0) return summaryText(knowledge, docIndex, named);
  const lines = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([year, quotes]) => quotes.map((quote) => `- ${year}: ${quote}`))
    .slice(0, TIMELINE_ENTRIES);
  return [`Các mốc trong ${named}:`, ...lines].join('\n');
}

/** The laws and documents a document names, each as it is written there. */
export function referencesText(knowledge: KnowledgeBase, docIndex: number, named: string): string {
  const references = documentReferences(knowledge.documents[docIndex]!);
  if (references.length === 0) return `${named} không nêu số hiệu văn bản nào khác trong phần nội dung tôi có.`;
  return [`${named} nhắc đến các văn bản sau:`, ...references.map((reference) => `- ${reference.text}`)].join('\n');
}

function figureWords(value: number): string {
  return `${String(value).replace('.', ',')}%`;
}

/** "Quảng Bình có chỉ tiêu cao nhất (50%)", then each document's figure and sentence. */
export function rankingText(
  knowledge: KnowledgeBase,
  facts: readonly RankedFact[],
  superlative: 'max' | 'min',
  place: (document: KnowledgeDocument) => string,
): string {
  const [winner] = facts;
  const winnerDocument = knowledge.documents[winner!.docIndex]!;
  const degree =
    superlative === 'max'
      ? facts.length === 2
        ? 'cao hơn'
        : 'cao nhất'
      : facts.length === 2
        ? 'thấp hơn'
        : 'thấp nhất';
  const lines = [`${place(winnerDocument)} có chỉ tiêu ${degree}: ${figureWords(winner!.value!)}.`];
  for (const fact of facts) {
    const document = knowledge.documents[fact.docIndex]!;
    const figure = fact.value === null ? 'không nêu riêng con số này' : figureWords(fact.value);
    lines.push(
      `- ${place(document)} (${figure}) — ${documentName(document)}: ${quotableText(knowledge, fact.passages[0]!.passageId)}`,
    );
  }
  return lines.join('\n');
}
