import type { AnswerOutcome } from '../../answer/answer.ts';

/** One question as the admins see it. */
export interface LoggedQuestion {
  channel: string;
  text: string;
  outcome: AnswerOutcome;
  grounded: boolean;
  /** Unix milliseconds. */
  at: number;
}

/** A question the bot could not ground, with how often it (or the same words) was asked. */
export interface UnansweredGroup {
  /** The question as last asked. */
  text: string;
  count: number;
  lastAskedAt: number;
  outcome: AnswerOutcome;
}

export interface DailyStats {
  /** YYYY-MM-DD in Vietnam's time zone. */
  day: string;
  questions: number;
  unanswered: number;
}

/**
 * What people asked: counts per day and the questions that found no grounding, grouped so admins know
 * which documents to add.
 */
export interface QuestionLog {
  record(question: LoggedQuestion): Promise<void>;
  stats(day: string): Promise<DailyStats>;
  /** Grouped unanswered questions, most recently asked first. */
  unanswered(limit: number): Promise<UnansweredGroup[]>;
}

/** Outcomes that mean "the documents did not answer this" (greetings and resets are not questions). */
export const UNANSWERED_OUTCOMES: ReadonlySet<AnswerOutcome> = new Set([
  'unknown-province',
  'unknown-number',
  'no-match',
  'out-of-scope',
]);

/** Greetings, resets and help requests are conversation: they are not counted as questions. */
const NOT_QUESTIONS: ReadonlySet<AnswerOutcome> = new Set(['greeting', 'reset', 'help']);

export function isQuestion(outcome: AnswerOutcome): boolean {
  return !NOT_QUESTIONS.has(outcome);
}

/** Unanswered groups kept for the admins; the least recently asked go first. */
export const UNANSWERED_GROUPS_KEPT = 1000;

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Day in Vietnam, which is when admins read "today". */
export function vietnamDay(at: number): string {
  return new Date(at + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Questions that differ only in case, accents, spacing or punctuation are one group. */
export function questionGroupKey(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
