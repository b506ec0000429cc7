import type { AnswerOutcome } from '../../answer/answer.ts';

/** One question as the admins see it. */
export interface LoggedQuestion {
  channel: string;
  text: string;
  outcome: AnswerOutcome;
  grounded: boolean;
  /** Unix milliseconds. */
  at: number;
  /**
   * Who sent it, when nobody vouches for who they are (a web client's address): such a source may start at
   * most `newGroupsPerSourcePerHour` new unanswered groups an hour. Absent: no cap (platform accounts, API keys).
   */
  source?: string;
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
 * which documents to add. The list is bounded (least recently asked out first), so one anonymous source is
 * capped in how many new groups it starts, or it could push everyone else's questions out.
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

/** New unanswered groups one source may start an hour; asking again what is already listed is always counted. */
export const NEW_GROUPS_PER_SOURCE_PER_HOUR = 10;

export const SOURCE_WINDOW_MS = 60 * 60 * 1000;

/** How the question logs are bounded; the defaults are the constants above. */
export interface QuestionLogLimits {
  maxGroups?: number;
  newGroupsPerSourcePerHour?: number;
}

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
