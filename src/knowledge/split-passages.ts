import { collapseWhitespace } from '../text/normalize.ts';

/**
 * A fact-sized piece of a document: one target, one clause between semicolons, one list item.
 * `context` carries the headings and lead-ins it sits under ("Mục tiêu cụ thể đến năm 2015 — Về nguồn
 * nhân lực CNTT") so the passage can be found by them and read on its own in an answer.
 */
export interface PassageDraft {
  text: string;
  context: string | null;
  /** The document's headline: it sums the document up and is rarely the best answer to a precise question. */
  headline?: boolean;
}

const LIST_ITEM = /^\s*(?:[-–•+*]|[a-zđ]\)|\d{1,2}[.)]|[IVX]{1,4}\.)\s+/u;
const BULLET = /^\s*[-–•+*]\s+/u;
const NUMBERED_HEADING = /^\s*(?:\d{1,2}[.)]|[IVX]{1,4}\.)\s+/u;
const LETTERED_HEADING = /^\s*[a-zđ]\)\s+/u;
const MARKDOWN_HEADING = /^\s*#{1,6}\s+/;
/**
 * Sentence ends: . ! ? … followed by a space and a capital, digit, quote or bracket, except after the
 * abbreviations of place names and titles ("TP. Đà Lạt", "TS. Nguyễn") and article numbers ("Điều 1.").
 * As one pattern: /(?<=[.!?…])(?<!(?<![\p{L}])(?:TP|…)\.)\s+(?=[\p{Lu}\d“"(])/u; split in two below, because
 * a pattern that starts with lookbehinds is tried at every position of the text, and this runs on every
 * paragraph indexed.
 */
const SENTENCE_END_CANDIDATE = /[.!?…]\s+(?=[\p{Lu}\d“"(])/gu;
const ABBREVIATION_BEFORE =
  /(?<![\p{L}])(?:TP|Tp|TX|Tx|TT|Q|P|TS|ThS|PGS|GS|Điều \d{1,3}|Khoản \d{1,3}|Mục \d{1,3}|Chương [IVX\d]{1,5})\.$/u;
/** Room before a full stop for the longest abbreviation ("Chương XVIII.") and the character before it. */
const ABBREVIATION_REACH = 20;

/** The sentences of a text, each ending with its punctuation; the white space between them is dropped. */
function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let from = 0;
  SENTENCE_END_CANDIDATE.lastIndex = 0;
  for (let match = SENTENCE_END_CANDIDATE.exec(text); match !== null; match = SENTENCE_END_CANDIDATE.exec(text)) {
    const end = match.index + 1;
    if (ABBREVIATION_BEFORE.test(text.slice(Math.max(0, end - ABBREVIATION_REACH), end))) continue;
    sentences.push(text.slice(from, end));
    from = match.index + match[0].length;
  }
  sentences.push(text.slice(from));
  return sentences;
}

/** Clauses shorter than this are glued to the next one: "Theo đó" alone says nothing. */
const MIN_CLAUSE_LENGTH = 20;

interface Block {
  text: string;
  kind: 'title' | 'numbered' | 'lettered' | 'bullet' | 'paragraph';
}

function toBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    const text = collapseWhitespace(current.join(' '));
    current = [];
    if (!text) return;
    const kind = NUMBERED_HEADING.test(text)
      ? 'numbered'
      : LETTERED_HEADING.test(text)
        ? 'lettered'
        : BULLET.test(text)
          ? 'bullet'
          : 'paragraph';
    blocks.push({ text, kind });
  };
  for (const line of body.split('\n')) {
    if (!line.trim()) {
      flush();
    } else if (MARKDOWN_HEADING.test(line)) {
      flush();
      blocks.push({ text: collapseWhitespace(line.replace(MARKDOWN_HEADING, '')), kind: 'title' });
    } else {
      if (LIST_ITEM.test(line)) flush();
      current.push(line);
    }
  }
  flush();
  return blocks;
}

function stripMarker(text: string): string {
  return text
    .replace(LIST_ITEM, '')
    .replace(/[:：]\s*$/, '')
    .trim();
}

/** A short block without a full stop, or one ending in a colon, introduces what follows. */
function isHeading(block: Block): boolean {
  if (block.text.endsWith(':')) return true;
  return block.kind !== 'paragraph' && block.text.length <= 90 && !/[.;]$/.test(block.text);
}

function joinContext(parts: Array<string | null | undefined>): string | null {
  const present = parts.filter((part): part is string => Boolean(part));
  return present.length > 0 ? present.join(' — ') : null;
}

/** "Theo đó, đến năm 2020 sẽ xây dựng …" opens with the year its list is for: "Đến năm 2020". */
const TIME_FRAME = /^(?:(?:theo đó|trong đó|cụ thể|phấn đấu),?\s+)?(đến (?:hết )?năm (?:19|20)\d\d)(?![\d])/iu;

function timeFrameOf(firstClause: string): string | null {
  const frame = TIME_FRAME.exec(firstClause)?.[1];
  return frame ? `Đ${frame.slice(1)}` : null;
}

/** Splits one sentence into clauses at semicolons, with the lead-in before a colon as their context. */
function splitSentence(sentence: string): { lead: string | null; clauses: string[] } {
  const firstSemicolon = sentence.indexOf(';');
  const colon = sentence.indexOf(':');
  let lead: string | null = null;
  let rest = sentence;
  if (colon > 0 && colon < 160 && (firstSemicolon < 0 || colon < firstSemicolon)) {
    // "Tổng kinh phí thực hiện: 57,600 tỷ đồng" stays one passage; "Mục tiêu …: a; b; c" becomes a list.
    if (firstSemicolon > colon) {
      lead = stripMarker(sentence.slice(0, colon));
      rest = sentence.slice(colon + 1);
    }
  }
  const clauses: string[] = [];
  let pending = '';
  for (const raw of rest.split(';')) {
    const clause = collapseWhitespace(raw);
    if (!clause) continue;
    pending = pending ? `${pending}; ${clause}` : clause;
    if (pending.length >= MIN_CLAUSE_LENGTH) {
      clauses.push(pending);
      pending = '';
    }
  }
  if (pending) {
    if (clauses.length > 0) clauses[clauses.length - 1] += `; ${pending}`;
    else clauses.push(pending);
  }
  return { lead, clauses };
}

/**
 * Where a passage sits in its document: the block (paragraph, list item, heading) and the sentence it was cut
 * from. Passages are search units; an answer quotes whole sentences and lists whole items, which these find.
 */
export interface PassageLayout {
  /** Ordinal of the block in the document. */
  item: number;
  /** Ordinal of the sentence in the document: the clauses of one sentence share it. */
  sentence: number;
  /**
   * Ordinal of the section: the blocks under one heading or lead-in share it; a block under none is a section
   * of its own. A list question lists a whole section.
   */
  section: number;
  /** The item's own label ("Về nguồn nhân lực CNTT" of "- Về nguồn nhân lực CNTT: …"), kept out of `text`. */
  label: string | null;
  /** The sentence's lead-in before its colon ("Mục tiêu cụ thể … như sau"), kept out of `text`. */
  lead: string | null;
}

/** Where the splitter is in the document: the block, sentence and section each new passage belongs to. */
class PassageRecorder {
  private readonly drafts: PassageDraft[] = [];
  private readonly layout: PassageLayout[] = [];
  item = -1;
  private sentence = -1;
  private section = -1;
  private sectionContext: string | null | undefined;

  push(
    draft: PassageDraft,
    newSentence: boolean,
    place: { sectionContext: string | null; label?: string | null; lead?: string | null },
  ): void {
    if (newSentence) this.sentence++;
    // A block under no heading is a section of its own; blocks under one heading share theirs.
    const changed = place.sectionContext !== this.sectionContext;
    if (changed || (place.sectionContext === null && this.layout.at(-1)?.item !== this.item)) this.section++;
    this.sectionContext = place.sectionContext;
    this.drafts.push(draft);
    this.layout.push({
      item: this.item,
      sentence: this.sentence,
      section: this.section,
      label: place.label ?? null,
      lead: place.lead ?? null,
    });
  }

  result(): { passages: PassageDraft[]; layout: PassageLayout[] } {
    return { passages: this.drafts, layout: this.layout };
  }
}

/** Splits a document body (Markdown or plain text) into passages in reading order. */
export function splitPassages(body: string): PassageDraft[] {
  return splitPassagesWithLayout(body).passages;
}

/** The passages and, for each, where it sits in the document. */
// About 60 lines: one walk over the blocks carries the heading state (section, subsection, lead-in) that
// every kind of block reads and changes; the per-sentence work is in splitSentence and PassageRecorder.
export function splitPassagesWithLayout(body: string): { passages: PassageDraft[]; layout: PassageLayout[] } {
  const passages = new PassageRecorder();
  let section: string | null = null;
  let subsection: string | null = null;
  let leadIn: string | null = null;
  let previousKind: Block['kind'] | null = null;

  for (const block of toBlocks(body)) {
    // A plain paragraph after a bulleted list is no longer under the list's lead-in.
    if (block.kind === 'paragraph' && previousKind === 'bullet') leadIn = null;
    previousKind = block.kind;
    passages.item++;
    if (block.kind === 'title') {
      passages.push({ text: block.text, context: null, headline: true }, true, { sectionContext: null });
      continue;
    }
    if (block.kind === 'paragraph' && block.text.endsWith(':') && block.text.length > 90) {
      // A long paragraph ending in a colon still says things ("Ngày 24/8/2017, UBND tỉnh … ban hành Quyết
      // định số 2972/QĐ-UBND … như sau:"): its sentences are passages, and its last introduces what follows.
      const sentences = splitSentences(block.text);
      const context = joinContext([section, subsection]);
      for (const sentence of sentences) {
        passages.push({ text: stripMarker(sentence), context }, true, { sectionContext: context });
      }
      leadIn = stripMarker(sentences.at(-1)!);
      continue;
    }
    if (isHeading(block)) {
      const heading = stripMarker(block.text);
      if (block.kind === 'numbered') {
        section = heading;
        subsection = null;
        leadIn = null;
      } else if (block.kind === 'lettered') {
        subsection = heading;
        leadIn = null;
      } else {
        leadIn = heading;
      }
      continue;
    }
    const blockContext = joinContext([section, subsection, leadIn]);
    let text = block.text;
    let itemLead: string | null = null;
    if (block.kind !== 'paragraph') {
      text = stripMarker(text);
      // "- Về nguồn nhân lực CNTT: Đảm bảo …" — the label before the colon is the item's own context.
      const colon = text.indexOf(':');
      if (colon > 0 && colon < 80) {
        itemLead = text.slice(0, colon).trim();
        text = text.slice(colon + 1).trim();
      }
    }
    for (const sentence of splitSentences(text)) {
      const { lead, clauses } = splitSentence(sentence);
      const context = joinContext([blockContext, itemLead, lead]);
      const place = { sectionContext: blockContext, label: itemLead, lead };
      // "Theo đó, đến năm 2020 sẽ …; 100% giấy mời …": the time frame opening a list holds for every clause of it.
      const frame = lead ? null : timeFrameOf(clauses[0] ?? '');
      for (const [i, clause] of clauses.entries()) {
        const own = i > 0 && frame ? joinContext([context, frame]) : context;
        passages.push({ text: clause, context: own }, i === 0, place);
      }
    }
  }
  return passages.result();
}
