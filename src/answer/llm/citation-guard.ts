import { foldDocumentNumber } from '../../search/knowledge-base.ts';
import { findDates } from '../../text/dates.ts';
import { escapeRegExp } from '../../util/escape-reg-exp.ts';

/**
 * The citation guard: nothing a model writes reaches a user unless the passages it was given bear it out.
 * Every decision number and date in the model's text must be among those of the passages or their
 * documents' metadata; every figure must be written in them exactly as the model wrote it ("57,600" is not
 * "57.600"). A sentence with a claim that is not borne out is dropped whole. Years and levels ("năm 2020",
 * "mức độ 4") are not figures: they name what a figure is about.
 */

/** What the model was given, as the guard compares against it. */
export interface EvidenceInput {
  /** The passages (with their headings) as they appeared in the prompt. */
  passages: readonly string[];
  /** What the documents' metadata says: number, subject, what they replace or implement, their source line. */
  metadata: readonly string[];
  /** The documents' dates (issue, publication), YYYY-MM-DD. */
  dates: readonly string[];
}

export interface Evidence {
  /** Passages and metadata, normalised for figure search. */
  readonly text: string;
  /** Decision numbers, folded ("4086/qd-ubnd"). */
  readonly numbers: ReadonlySet<string>;
  /** Dates, YYYY-MM-DD. */
  readonly dates: ReadonlySet<string>;
}

export type ClaimKind = 'number' | 'date' | 'month' | 'figure';

export interface Claim {
  kind: ClaimKind;
  /** As the text writes it: "1234/QĐ-UBND", "01/01/2020", "99%". */
  raw: string;
}

export interface DroppedSentence {
  sentence: string;
  /** The claims the evidence does not bear out. */
  ungrounded: Claim[];
}

export interface GuardResult {
  /** The model's text with ungrounded sentences and its own source lines removed; empty when nothing is left. */
  text: string;
  dropped: DroppedSentence[];
  /** The first sentence with a figure (the answer to a "how much" question) was dropped. */
  lostMainFigure: boolean;
  /** The text kept has at least one figure. */
  keptFigure: boolean;
}

// "4086/QĐ-UBND", "14/2011/QĐ-UBND", "36-NQ/TW", "36a/NQ-CP", "86/2015/QH13": digits, then a symbol in letters.
const DOCUMENT_NUMBER = /(?<![\p{L}\d/.,-])\d+[a-z]?(?:\/\d{4})?[/-]\p{L}[\p{L}\d]*(?:[/-]\p{L}[\p{L}\d]*)*/giu;
// "mức 4", "mức độ 3, 4", "cấp độ 2 và 3": levels name the target, the figure is next to them.
const LEVEL = /(?:mức|cấp)(?:\s+độ)?\s+\d+(?:\s*(?:,|và|hoặc|-|–|đến)\s*\d+(?![\d%]|[.,]\d|\s*(?:%|phần trăm)))*/giu;
const UNIT = String.raw`\s*(?:%|phần trăm)|\s+(?:tỷ|tỉ|triệu|nghìn|ngàn|người|doanh nghiệp)(?!\p{L})`;
const YEAR = new RegExp(String.raw`(?<![\d.,/])(?:19|20)\d{2}(?![\d]|[.,]\d|${UNIT})`, 'gu');
// "tháng 12/2012", "tháng 12 năm 2012", "12/2012": a month of a year, grounded by any date in that month.
const MONTH_YEAR =
  /tháng\s+\d{1,2}\s*(?:\/|,?\s*năm)\s*(?:19|20)\d{2}(?!\d)|(?<![\d/.,])\d{1,2}\/(?:19|20)\d{2}(?![\d/])/giu;
const LIST_MARKER = /^\s*\d{1,2}[.)](?=\s)/u;
const FIGURE = new RegExp(String.raw`(?<![\p{L}\d.,])(\d+(?:[.,]\d+)*)(${UNIT})?`, 'gu');

/** One notation for comparing: NFC, "15 %" → "15%", "4086 / QĐ" → "4086/QĐ", single spaces. */
function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(\d)\s*\/\s*(?=[\p{L}\d])/gu, '$1/')
    .replace(/(\d)\s+%/g, '$1%')
    .replace(/[\s\u00a0]+/g, ' ');
}

function mask(text: string, pattern: RegExp): { masked: string; found: string[] } {
  const found: string[] = [];
  const masked = text.replace(pattern, (match) => {
    found.push(match);
    return ' '.repeat(match.length);
  });
  return { masked, found };
}

export function findDocumentNumbers(text: string): string[] {
  return normalize(text).match(DOCUMENT_NUMBER) ?? [];
}

/**
 * The claims a piece of text makes: decision numbers, dates, and figures (numbers other than years, levels
 * and list markers, with their unit when they have one: "57,600 tỷ", "15%", "1.000 người").
 */
export function findClaims(text: string): Claim[] {
  const numbers = mask(normalize(text), DOCUMENT_NUMBER);
  let rest = numbers.masked;
  const dates: Claim[] = [];
  for (const date of findDates(rest).reverse()) {
    dates.unshift({ kind: 'date', raw: date.raw });
    rest = rest.slice(0, date.index) + ' '.repeat(date.length) + rest.slice(date.index + date.length);
  }
  const months = mask(rest, MONTH_YEAR);
  rest = months.masked;
  rest = rest.replace(LIST_MARKER, (marker) => ' '.repeat(marker.length));
  rest = mask(mask(rest, LEVEL).masked, YEAR).masked;
  const figures = [...rest.matchAll(FIGURE)].map((match): Claim => ({ kind: 'figure', raw: match[0].trim() }));
  return [
    ...numbers.found.map((raw): Claim => ({ kind: 'number', raw })),
    ...dates,
    ...months.found.map((raw): Claim => ({ kind: 'month', raw: raw.trim() })),
    ...figures,
  ];
}

/** "tháng 8/2017" → "2017-08"; null for a month that does not exist. */
function monthOf(raw: string): string | null {
  const [, month, year] = /(\d{1,2})\D+(\d{4})/u.exec(raw) ?? [];
  const number = Number(month);
  return number >= 1 && number <= 12 ? `${year}-${String(number).padStart(2, '0')}` : null;
}

export function prepareEvidence({ passages, metadata, dates }: EvidenceInput): Evidence {
  const text = normalize([...passages, ...metadata].join('\n'));
  const numbers = new Set([...metadata, ...(text.match(DOCUMENT_NUMBER) ?? [])].map(foldDocumentNumber));
  const months = (text.match(MONTH_YEAR) ?? []).flatMap((raw) => monthOf(raw) ?? []);
  return { text, numbers, dates: new Set([...dates, ...findDates(text).map((date) => date.iso), ...months]) };
}

function unitPattern(unit: string): string {
  const word = unit.trim().toLowerCase();
  if (word === '%' || word === 'phần trăm') return String.raw`\s*(?:%|phần trăm)`;
  if (word === 'tỷ' || word === 'tỉ') return String.raw`\s+(?:tỷ|tỉ)`;
  if (word === 'nghìn' || word === 'ngàn') return String.raw`\s+(?:nghìn|ngàn)`;
  return String.raw`\s+${escapeRegExp(word)}`;
}

/** The figure as written, with its unit if it has one, is in the evidence ("15%" is in "15% mức độ 4", not in "37,15%"). */
function figureIsGrounded(raw: string, evidence: Evidence): boolean {
  const match = /^(\d+(?:[.,]\d+)*)(.*)$/su.exec(raw);
  if (!match) return false;
  const [, number, unit] = match;
  const pattern = String.raw`(?<![\d.,])${escapeRegExp(number!)}(?![\d]|[.,]\d)${unit!.trim() ? unitPattern(unit!) : ''}`;
  return new RegExp(pattern, 'iu').test(evidence.text);
}

export function isGrounded(claim: Claim, evidence: Evidence): boolean {
  switch (claim.kind) {
    case 'number':
      return evidence.numbers.has(foldDocumentNumber(claim.raw));
    case 'date':
      return findDates(claim.raw).every((date) => evidence.dates.has(date.iso));
    case 'month': {
      const month = monthOf(claim.raw);
      return month !== null && [...evidence.dates].some((date) => date === month || date.startsWith(`${month}-`));
    }
    case 'figure':
      return figureIsGrounded(claim.raw, evidence);
  }
}

export function ungroundedClaims(text: string, evidence: Evidence): Claim[] {
  return findClaims(text).filter((claim) => !isGrounded(claim, evidence));
}

/** Sentences of one line: a full stop, "!", "?" or "…" followed by a new sentence ("57,600" and "1.000" stay whole). */
export function splitSentences(line: string): string[] {
  return line.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d"“(-])/u).filter((sentence) => sentence.trim());
}

// "Nguồn:", "**Nguồn tham khảo:**", "Trích dẫn:"; not "Nguồn vốn:" or "Nguồn nhân lực:", which are content.
const SOURCE_WORDS = String.raw`nguồn(?:\s+(?:trích dẫn|tham khảo|văn bản|tài liệu|thông tin|dữ liệu))?|nguon|trích dẫn|tài liệu tham khảo`;
const SOURCE_HEADING = new RegExp(String.raw`^\s*(?:[-–•]\s*)?[*_]*\s*(?:${SOURCE_WORDS})\s*[*_]*\s*:\s*[*_]*`, 'iu');
const BULLET = /^\s*(?:[-–•]|\d{1,2}[.)])\s+/u;
const INLINE_SOURCE = /\s*\((?:nguồn|theo nguồn|trích dẫn)\s*:[^)]*\)/giu;

/**
 * Removes every source line the model wrote ("Nguồn: …", with the list under it): the source line users
 * read is always built from metadata.
 */
export function stripSourceLines(text: string): string {
  const kept: string[] = [];
  let inSourceList = false;
  for (const line of text.split('\n')) {
    if (SOURCE_HEADING.test(line)) {
      // "Nguồn:" alone heads a list of sources; "Nguồn: Quyết định …" is a source by itself.
      inSourceList = line.replace(SOURCE_HEADING, '').trim() === '';
      continue;
    }
    if (inSourceList && BULLET.test(line)) continue;
    inSourceList = false;
    kept.push(line.replace(INLINE_SOURCE, ''));
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Keeps the sentences whose every claim the evidence bears out, in their lines and order. The model's own
 * source lines go first, so a wrong number there cannot cost a good sentence, nor a right one save it.
 */
export function guardAnswer(text: string, evidence: Evidence): GuardResult {
  const dropped: DroppedSentence[] = [];
  let seenFigure = false;
  let lostMainFigure = false;
  let keptFigure = false;
  const lines = stripSourceLines(text)
    .split('\n')
    .map((line) => {
      if (!line.trim()) return line;
      const kept = splitSentences(line).filter((sentence) => {
        const claims = findClaims(sentence);
        const ungrounded = claims.filter((claim) => !isGrounded(claim, evidence));
        const hasFigure = claims.some((claim) => claim.kind === 'figure');
        const isMain = hasFigure && !seenFigure;
        seenFigure ||= hasFigure;
        if (ungrounded.length === 0) {
          keptFigure ||= hasFigure;
          return true;
        }
        dropped.push({ sentence, ungrounded });
        lostMainFigure ||= isMain;
        return false;
      });
      return kept.length > 0 ? kept.join(' ') : null;
    })
    .filter((line): line is string => line !== null);
  const result = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A heading left without its list ("Theo Quyết định …:") says nothing by itself.
  const meaningful = result.replace(/^[^\n]*:\s*$/gm, '').trim();
  return { text: meaningful ? result : '', dropped, lostMainFigure, keptFigure };
}
