import { foldVietnamese } from '../../text/normalize.ts';
import {
  type DailyStats,
  isQuestion,
  type LoggedQuestion,
  type QuestionLog,
  questionGroupKey,
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

  constructor(private readonly maxGroups = UNANSWERED_GROUPS_KEPT) {}

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
    this.groups.delete(key);
    this.groups.set(key, {
      text: question.text,
      count: (previous?.count ?? 0) + 1,
      lastAskedAt: question.at,
      outcome: question.outcome,
    });
    if (this.groups.size > this.maxGroups) this.groups.delete(this.groups.keys().next().value!);
  }

  async stats(day: string): Promise<DailyStats> {
    return { day, ...(this.days.get(day) ?? { questions: 0, unanswered: 0 }) };
  }

  async unanswered(limit: number): Promise<UnansweredGroup[]> {
    return [...this.groups.values()].sort((a, b) => b.lastAskedAt - a.lastAskedAt).slice(0, limit);
  }
}
