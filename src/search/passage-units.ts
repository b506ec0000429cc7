import { withoutWebLeftovers } from '../text/web-leftovers.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { IndexedPassage } from './passage-index.ts';

/**
 * Passages are search units: a clause between semicolons, so a question finds the one target it asks about.
 * What an answer quotes is a reading unit: the whole sentence, or for a long sentence that is a list in
 * disguise, the clause with enough of its neighbour to stand on its own. A list quotes the whole section.
 */

/** A sentence up to this long is quoted whole; a longer one is a list of targets, quoted clause by clause. */
const WHOLE_SENTENCE_CHARS = 320;
/** A clause shorter than this shares its predicate with the next ("100% cán bộ, công chức; 70% viên chức được …"). */
const FRAGMENT_CHARS = 100;
/** A list item longer than this is shown by its first clause, marked as shortened; a short list allows more. */
const LIST_ITEM_CHARS = 260;
/** What a listed section may take in all, so three long items are shown whole and twelve short ones too. */
const LIST_CHARS = 1500;
/** What it may take when the user asks for all of it ("kể hết ra", "đầy đủ"): a few phone screens. */
const WHOLE_LIST_CHARS = 4000;
/** At most this many entries in a listed section: a phone screen, not the whole document. */
export const MAX_LIST_ENTRIES = 16;

export interface PassageRef {
  id: number;
  passage: IndexedPassage;
}

/** The passages of one document, in reading order. */
export function documentPassages(knowledge: KnowledgeBase, docIndex: number): PassageRef[] {
  const start = knowledge.passageStarts[docIndex]!;
  const end = knowledge.passageStarts[docIndex + 1]!;
  const refs: PassageRef[] = [];
  for (let id = start; id < end; id++) refs.push({ id, passage: knowledge.index.passages[id]! });
  return refs;
}

/** Ends the text as a sentence, and writes "100 %" as "100%" (one figure, as users search and read it). */
function endSentence(text: string): string {
  const tidy = withoutWebLeftovers(text).replace(/(\d) %/g, '$1%');
  return /[.!?…:]$/.test(tidy) ? tidy : `${tidy}.`;
}

function joinClauses(clauses: readonly IndexedPassage[]): string {
  return clauses.map((clause) => clause.text.replace(/[;.]\s*$/, '')).join('; ');
}

/** The clauses of the sentence a passage was cut from, in order. */
function sentenceClauses(knowledge: KnowledgeBase, passageId: number): IndexedPassage[] {
  const passage = knowledge.index.passages[passageId]!;
  if (passage.sentence === undefined) return [passage];
  // The clauses of one sentence are neighbours: read outwards from the passage, not the whole document, since
  // this runs for every candidate passage of every question.
  const start = knowledge.passageStarts[passage.docIndex]!;
  const end = knowledge.passageStarts[passage.docIndex + 1]!;
  const same = (id: number) => {
    const other = knowledge.index.passages[id]!;
    return other.sentence === passage.sentence && other.context === passage.context;
  };
  let first = passageId;
  while (first > start && same(first - 1)) first--;
  let last = passageId;
  while (last + 1 < end && same(last + 1)) last++;
  const clauses: IndexedPassage[] = [];
  for (let id = first; id <= last; id++) clauses.push(knowledge.index.passages[id]!);
  return clauses;
}

/**
 * What an answer quotes for a passage: its whole sentence when short enough; otherwise the clause, joined to
 * the next when it is only a fragment of a shared predicate. Never a fragment presented as a sentence.
 */
export function quotableText(knowledge: KnowledgeBase, passageId: number): string {
  const passage = knowledge.index.passages[passageId]!;
  const clauses = sentenceClauses(knowledge, passageId);
  const whole = joinClauses(clauses);
  if (whole.length <= WHOLE_SENTENCE_CHARS) return endSentence(whole);
  const at = clauses.indexOf(passage);
  const next = clauses[at + 1];
  if (passage.text.length < FRAGMENT_CHARS && next) return endSentence(joinClauses([passage, next]));
  return endSentence(passage.text.replace(/[;]\s*$/, ''));
}

/** Clauses joined back into their item's words, with its label and lead-in ("Về phổ cập thông tin: …"). */
function itemText(clauses: readonly IndexedPassage[]): string {
  const parts: string[] = [];
  let sentence: number | undefined = -1;
  let pending: IndexedPassage[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const lead = pending[0]!.lead;
    parts.push(endSentence(`${lead ? `${lead}: ` : ''}${joinClauses(pending)}`));
    pending = [];
  };
  for (const clause of clauses) {
    if (clause.sentence !== sentence) flush();
    sentence = clause.sentence;
    pending.push(clause);
  }
  flush();
  const label = clauses[0]?.label;
  return `${label ? `${label}: ` : ''}${parts.join(' ')}`;
}

/**
 * A list entry: the whole item, or when longer than its share as many whole clauses of its first sentence
 * as fit (at least the first), marked "…".
 */
function listEntry(clauses: readonly IndexedPassage[], whole: string, limit: number): string {
  if (whole.length <= limit) return whole;
  const first = clauses[0]!;
  const label = first.label ? `${first.label}: ` : '';
  const lead = first.lead ? `${first.lead}: ` : '';
  const taken = [first];
  for (const clause of clauses.slice(1)) {
    if (clause.sentence !== first.sentence) break;
    if (`${label}${lead}${joinClauses([...taken, clause])}`.length > limit) break;
    taken.push(clause);
  }
  return `${label}${lead}${joinClauses(taken).replace(/[;.…:]\s*$/, '')} …`;
}

/** A byline ("Đ.C", "Thu Hương") or a source line a portal put under the text: no entry of a list, no answer. */
export function isPortalLeftover(passage: IndexedPassage): boolean {
  const text = passage.text.trim();
  return /^(?:Nguồn|Theo)\s*:/u.test(text) || (text.length < 25 && !/\d|\s\p{Ll}+\s\p{Ll}+\s\p{Ll}/u.test(text));
}

export interface ListedSection {
  /** The heading or lead-in the entries sit under, if any. */
  heading: string | null;
  entries: string[];
  /** Entries left out past MAX_LIST_ENTRIES. */
  omitted: number;
}

/**
 * Each item's share of a list's room: short items take what they need, and what they leave is shared among the
 * longer ones, so one long item is not cut to the size of the shortest.
 */
function itemShares(lengths: readonly number[], room: number): number[] {
  const shares = new Array<number>(lengths.length);
  const order = lengths.map((_, at) => at).sort((a, b) => lengths[a]! - lengths[b]!);
  let left = room;
  order.forEach((at, done) => {
    const share = Math.max(LIST_ITEM_CHARS, left / (order.length - done));
    shares[at] = Math.min(lengths[at]!, share);
    left = Math.max(0, left - shares[at]!);
  });
  return shares;
}

/**
 * The section a passage belongs to, as a list in reading order: the passages of its document under the same
 * heading or lead-in. A section of several blocks lists one entry per block; a section that is one block (a
 * list between semicolons, or a paragraph of targets) lists one entry per clause.
 */
export function sectionOf(
  knowledge: KnowledgeBase,
  passageId: number,
  { whole = false }: { whole?: boolean } = {},
): ListedSection {
  const passage = knowledge.index.passages[passageId]!;
  const members = documentPassages(knowledge, passage.docIndex)
    .map((ref) => ref.passage)
    .filter(
      (other) => !other.headline && (other.section ?? -1) === (passage.section ?? -2) && !isPortalLeftover(other),
    );
  const items = new Map<number, IndexedPassage[]>();
  for (const member of members) {
    const key = member.item ?? 0;
    const list = items.get(key);
    if (list) list.push(member);
    else items.set(key, [member]);
  }
  const grouped = [...items.values()];
  const texts = grouped.map(itemText);
  const shares = itemShares(
    texts.map((text) => text.length),
    whole ? WHOLE_LIST_CHARS : LIST_CHARS,
  );
  const entries =
    items.size > 1
      ? grouped.map((item, at) => listEntry(item, texts[at]!, shares[at]!))
      : members.map((member) => endSentence(member.text.replace(/[;]\s*$/, '')));
  const heading = members[0]?.lead ?? sectionHeading(passage);
  return {
    heading,
    entries: entries.slice(0, MAX_LIST_ENTRIES),
    omitted: Math.max(0, entries.length - MAX_LIST_ENTRIES),
  };
}

/** The heading a section sits under: its context without the item label and lead the passage added. */
function sectionHeading(passage: IndexedPassage): string | null {
  if (!passage.context) return null;
  const own = [passage.label, passage.lead].filter((part): part is string => Boolean(part));
  const parts = passage.context.split(' — ').filter((part) => !own.includes(part));
  return parts.length > 0 ? parts.join(' — ') : null;
}
