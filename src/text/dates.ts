import { foldVietnamese } from './normalize.ts';

/**
 * Vietnamese dates as decisions and news items write them: day first ("28/12/2012",
 * "ngày 28 tháng 12 năm 2012", "ngay 28 thang 12 nam 2012"). Dates are handed around as ISO
 * "YYYY-MM-DD" strings and shown to users the way the sources write them ("01/7/2014").
 */

export interface DateMention {
  /** The date as YYYY-MM-DD. */
  iso: string;
  /** Offset of the mention in the text given to findDates. */
  index: number;
  /** Length of the mention in that text. */
  length: number;
  /** The mention as written, e.g. "ngày 30 tháng 01\nnăm 2011". */
  raw: string;
}

// Matched on folded text, so upper case, unaccented and accented spellings meet one pattern.
// The separator must repeat ("28/12/2012", not "28/12-2012"); a digit or separator right before
// keeps "1/2/3/2012" or "10.009.215" from yielding a date.
const NUMERIC = /(?<![\d/.-])(\d{1,2})[ \t]*([/.-])[ \t]*(\d{1,2})[ \t]*\2[ \t]*(\d{4})(?![\d])/;
// "ngày 28 tháng 12 năm 2012", "28 tháng 12, năm 2012", header lines broken before "năm".
const SPELLED = /(?<![\p{L}\d])(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s*(?:nam\s+)?(\d{4})(?!\d)/u;
const ANY_DATE = new RegExp(`${NUMERIC.source}|${SPELLED.source}`, 'gu');
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR = /(?<!\d[.,]?)(?:199\d|20\d\d)(?!\d)/g;

const pad = (value: number): string => String(value).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so the host time zone cannot shift it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM-DD when day/month/year make a real calendar date, else null ("30/02/2013", "12/18/2013"). */
function toIso(day: number, month: number, year: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Folds the text and remembers, for each folded character, where it came from: folding NFD input
 * drops the combining marks, and callers need offsets into the text they passed in.
 */
function foldWithOffsets(text: string): { folded: string; offsets: number[] | null } {
  // NFC Vietnamese folds letter for letter: offsets are the identity, and the common case stays fast.
  const whole = foldVietnamese(text);
  if (whole.length === text.length && text === text.normalize('NFC')) return { folded: whole, offsets: null };
  let folded = '';
  const offsets: number[] = [];
  let index = 0;
  for (const ch of text) {
    const piece = foldVietnamese(ch);
    folded += piece;
    for (let i = 0; i < piece.length; i++) offsets.push(index);
    index += ch.length;
  }
  offsets.push(text.length);
  return { folded, offsets };
}

/**
 * Every day-month-year date in the text, in order, with its place in the text as given.
 * Impossible dates (month 18, 30 February) are skipped, which also drops US-style timestamps
 * such as "4/18/2013" — though not "9/6/2013", which callers must judge from its context.
 */
export function findDates(text: string): DateMention[] {
  const { folded, offsets } = foldWithOffsets(text);
  const mentions: DateMention[] = [];
  for (const match of folded.matchAll(ANY_DATE)) {
    const [day, month, year] = match[1] !== undefined ? [match[1], match[3], match[4]] : [match[5], match[6], match[7]];
    const iso = toIso(Number(day), Number(month), Number(year));
    if (!iso) continue;
    const index = offsets ? offsets[match.index]! : match.index;
    const end = offsets ? offsets[match.index + match[0].length]! : match.index + match[0].length;
    mentions.push({ iso, index, length: end - index, raw: text.slice(index, end) });
  }
  return mentions;
}

/**
 * One date expression (a field value, a header line's date part) as YYYY-MM-DD, or null when the
 * text is not exactly one real date. ISO input is accepted too, so front matter can use either form.
 */
export function parseVietnameseDate(text: string): string | null {
  const trimmed = text.trim().replace(/[.,;:]+$/, '');
  const iso = ISO.exec(trimmed);
  if (iso) return toIso(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  const [first, ...rest] = findDates(trimmed);
  if (!first || rest.length > 0) return null;
  return first.index === 0 && first.length === trimmed.length ? first.iso : null;
}

/**
 * The form the bot writes in answers, as the sources write it: two-digit day, month without a
 * leading zero ("01/7/2014", "28/12/2012"). Text that is not an ISO date is returned unchanged, so
 * a bad value in a document's metadata shows up as written instead of breaking an answer.
 */
export function formatVietnameseDate(iso: string): string {
  const match = ISO.exec(iso.trim());
  if (!match || !toIso(Number(match[3]), Number(match[2]), Number(match[1]))) return iso;
  return `${match[3]}/${Number(match[2])}/${match[1]}`;
}

/**
 * Four-digit years from 1990 to 2099 the text mentions ("năm 2020", "đến 2025", "2013-2015"), each
 * once, in order of first mention. Digits inside longer numbers ("10.009.215", "20150") do not count.
 */
export function findYears(text: string): number[] {
  const years = new Set<number>();
  for (const match of text.normalize('NFC').matchAll(YEAR)) years.add(Number(match[0]));
  return [...years];
}
