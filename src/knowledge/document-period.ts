import { foldVietnamese } from '../text/normalize.ts';
import type { KnowledgeDocument } from './document.ts';

/**
 * The period a plan is for, as its title or opening says: "giai đoạn 2013-2015", "đến năm 2020",
 * "đến năm 2025 và định hướng đến năm 2035". A plan whose period has ended is for a past period; it is not
 * thereby repealed.
 */
export interface DocumentPeriod {
  /** First year of the period, when given ("giai đoạn 2013-2015" → 2013). */
  from: number | null;
  /** Last year of the period ("đến năm 2020", "giai đoạn 2013-2015" → 2015). */
  until: number | null;
  /** The farther orientation, if any ("định hướng đến năm 2035", "tầm nhìn đến năm 2045"). */
  orientation: number | null;
}

const RANGE = /giai doan ((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)/;
const UNTIL = /(?<!dinh huong |tam nhin )den (?:het )?nam ((?:19|20)\d\d)/;
const ORIENTATION = /(?:dinh huong|tam nhin) (?:den )?(?:nam )?((?:19|20)\d\d)/;
/** How much of the text is read when the title gives no period: the headline and first paragraph. */
const OPENING_CHARS = 600;

function periodIn(folded: string): DocumentPeriod | null {
  const range = RANGE.exec(folded);
  const until = UNTIL.exec(folded);
  const orientation = ORIENTATION.exec(folded);
  if (!range && !until) return null;
  return {
    from: range ? Number(range[1]) : null,
    until: range ? Number(range[2]) : Number(until![1]),
    orientation: orientation ? Number(orientation[1]) : null,
  };
}

/**
 * Read once per document: "tỉnh nào có mục tiêu đến năm 2020?" asks it of every document, and a document is
 * never changed once loaded (a reload makes new ones).
 */
const periods = new WeakMap<KnowledgeDocument, DocumentPeriod | null>();

export function documentPeriod(document: KnowledgeDocument): DocumentPeriod | null {
  if (periods.has(document)) return periods.get(document)!;
  const { title } = document.metadata;
  const period =
    (title ? periodIn(foldVietnamese(title)) : null) ?? periodIn(foldVietnamese(document.text.slice(0, OPENING_CHARS)));
  periods.set(document, period);
  return period;
}

/** "giai đoạn 2013-2015", "đến năm 2025, định hướng đến năm 2035": the period in the words answers use. */
export function describePeriod(period: DocumentPeriod & { until: number }): string {
  const span = period.from ? `giai đoạn ${period.from}-${period.until}` : `đến năm ${period.until}`;
  return period.orientation ? `${span}, định hướng đến năm ${period.orientation}` : span;
}

/** Every year the period names, to confirm or correct a year a user asserts. */
export function periodYears(period: DocumentPeriod): number[] {
  return [period.from, period.until, period.orientation].filter((year): year is number => year !== null);
}
