import { foldVietnamese } from '../../text/normalize.ts';
import {
  type DailyStats,
  isQuestion,
  type LoggedQuestion,
  NEW_GROUPS_PER_SOURCE_PER_HOUR,
  type QuestionLog,
  type QuestionLogLimits,
  questionGroupKey,
  SOURCE_WINDOW_MS,
  UNANSWERED_GROUPS_KEPT,
  UNANSWERED_OUTCOMES,
  type UnansweredGroup,
  vietnamDay,
} from './port.ts';

/** Days whose counts this process keeps; the oldest day goes first. */
const DAYS_KEPT = 60;

/** Keeps counts per day and the most recent unanswered groups in this process, bounded. */
export class MemoryQuestionLog implements QuestionLog {
  private readonly days = new Map<string, { questions: number; unanswered: number }>();
  private readonly groups = new Map<string, UnansweredGroup>();
  private readonly maxGroups: number;
  private readonly newGroupsPerSource: number;
  /** New groups started per source in the current hour; forgotten as the next hour starts. */
  private sourceWindow = -1;
  private startedBySource = new Map<string, number>();

  constructor(limits: QuestionLogLimits = {}) {
    this.maxGroups = limits.maxGroups ?? UNANSWERED_GROUPS_KEPT;
    this.newGroupsPerSource = limits.newGroupsPerSourcePerHour ?? NEW_GROUPS_PER_SOURCE_PER_HOUR;
  }

  async record(question: LoggedQuestion): Promise<void> {
    const day = vietnamDay(question.at);
    const counts = this.days.get(day) ?? { questions: 0, unanswered: 0 };
    const unanswered = UNANSWERED_OUTCOMES.has(question.outcome);
    if (isQuestion(question.outcome)) counts.questions++;
    if (unanswered) counts.unanswered++;
    this.days.set(day, counts);
    if (this.days.size > DAYS_KEPT) this.days.delete(this.days.keys().next().value!);
    if (!unanswered) return;
    const key = questionGroupKey(foldVietnamese(question.text));
    const previous = this.groups.get(key);
    if (!previous && question.source && !this.mayStartGroup(question.source, question.at)) return;
    this.groups.delete(key);
    this.groups.set(key, {
      text: question.text,
      count: (previous?.count ?? 0) + 1,
      lastAskedAt: question.at,
      outcome: question.outcome,
    });
    if (this.groups.size > this.maxGroups) this.groups.delete(this.groups.keys().next().value!);
  }

  /** Counts a new group against its source's hour; false once the source has started its share. */
  private mayStartGroup(source: string, at: number): boolean {
    const window = Math.floor(at / SOURCE_WINDOW_MS);
    if (window !== this.sourceWindow) {
      this.sourceWindow = window;
      this.startedBySource = new Map();
    }
    const started = this.startedBySource.get(source) ?? 0;
    if (started >= this.newGroupsPerSource) return false;
    this.startedBySource.set(source, started + 1);
    return true;
  }

  async stats(day: string): Promise<DailyStats> {
    return { day, ...(this.days.get(day) ?? { questions: 0, unanswered: 0 }) };
  }

  async unanswered(limit: number): Promise<UnansweredGroup[]> {
    return [...this.groups.values()].sort((a, b) => b.lastAskedAt - a.lastAskedAt).slice(0, limit);
  }
}
