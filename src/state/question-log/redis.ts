import { foldVietnamese } from '../../text/normalize.ts';
import { assertReady, type RedisClient } from '../redis-connection.ts';
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

const KEEP_DAYS_S = 90 * 24 * 60 * 60;

/**
 * The question log in Redis: `{prefix}stats:{day}` (hash of counters), `{prefix}unanswered:recent`
 * (sorted set of group keys by last time asked), `{prefix}unanswered:groups` (group key → last wording,
 * time and outcome) and `{prefix}unanswered:counts` (group key → times asked).
 */
export class RedisQuestionLog implements QuestionLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async record(question: LoggedQuestion): Promise<void> {
    assertReady(this.redis);
    const statsKey = `${this.prefix}stats:${vietnamDay(question.at)}`;
    const unanswered = UNANSWERED_OUTCOMES.has(question.outcome);
    const counted = isQuestion(question.outcome);
    const batch = this.redis.multi();
    if (counted) batch.hIncrBy(statsKey, 'questions', 1);
    if (unanswered) batch.hIncrBy(statsKey, 'unanswered', 1);
    batch.expire(statsKey, KEEP_DAYS_S);
    await batch.exec();
    if (!unanswered) return;

    const group = questionGroupKey(foldVietnamese(question.text));
    const { groups, counts, recent } = this.keys();
    const last = { text: question.text, lastAskedAt: question.at, outcome: question.outcome };
    await this.redis
      .multi()
      .hSet(groups, group, JSON.stringify(last))
      .hIncrBy(counts, group, 1)
      .zAdd(recent, { score: question.at, value: group })
      .exec();
    const overflow = await this.redis.zRange(recent, 0, -(UNANSWERED_GROUPS_KEPT + 1));
    if (overflow.length > 0)
      await this.redis.multi().zRem(recent, overflow).hDel(groups, overflow).hDel(counts, overflow).exec();
  }

  private keys() {
    return {
      groups: `${this.prefix}unanswered:groups`,
      counts: `${this.prefix}unanswered:counts`,
      recent: `${this.prefix}unanswered:recent`,
    };
  }

  async stats(day: string): Promise<DailyStats> {
    assertReady(this.redis);
    const counts = await this.redis.hGetAll(`${this.prefix}stats:${day}`);
    return { day, questions: Number(counts.questions ?? 0), unanswered: Number(counts.unanswered ?? 0) };
  }

  async unanswered(limit: number): Promise<UnansweredGroup[]> {
    assertReady(this.redis);
    const keys = this.keys();
    const groups = await this.redis.zRange(keys.recent, 0, limit - 1, { REV: true });
    if (groups.length === 0) return [];
    const [entries, counts] = await Promise.all([
      this.redis.hmGet(keys.groups, groups),
      this.redis.hmGet(keys.counts, groups),
    ]);
    return entries.flatMap((entry, i) =>
      entry ? [{ ...(JSON.parse(entry) as Omit<UnansweredGroup, 'count'>), count: Number(counts[i] ?? 1) }] : [],
    );
  }
}
