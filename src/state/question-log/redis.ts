import { foldVietnamese } from '../../text/normalize.ts';
import { assertReady, type RedisClient } from '../redis-connection.ts';
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

const KEEP_DAYS_S = 90 * 24 * 60 * 60;

/**
 * Adds one asking to its group and drops the least recently asked groups beyond ARGV[4], in one step. With a
 * fourth key (the source's counter for this hour), a group not listed yet is added only while the source has
 * started fewer than ARGV[5] groups this hour. Returns 1 when recorded, 0 when the source's share was used up.
 */
const RECORD_UNANSWERED_SCRIPT = `
local groups, counts, recent = KEYS[1], KEYS[2], KEYS[3]
local group = ARGV[1]
if #KEYS == 4 and redis.call('HEXISTS', groups, group) == 0 then
  local started = redis.call('INCR', KEYS[4])
  if started == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[6]) end
  if started > tonumber(ARGV[5]) then return 0 end
end
redis.call('HSET', groups, group, ARGV[2])
redis.call('HINCRBY', counts, group, 1)
redis.call('ZADD', recent, ARGV[3], group)
for _, old in ipairs(redis.call('ZRANGE', recent, 0, -(tonumber(ARGV[4]) + 1))) do
  redis.call('ZREM', recent, old)
  redis.call('HDEL', groups, old)
  redis.call('HDEL', counts, old)
end
return 1`;

/**
 * The question log in Redis: `{prefix}stats:{day}` (hash of counters), `{prefix}unanswered:recent`
 * (sorted set of group keys by last time asked), `{prefix}unanswered:groups` (group key → last wording,
 * time and outcome), `{prefix}unanswered:counts` (group key → times asked) and
 * `{prefix}unanswered:source:{source}:{hour}` (new groups a source started that hour).
 */
export class RedisQuestionLog implements QuestionLog {
  private readonly maxGroups: number;
  private readonly newGroupsPerSource: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    limits: QuestionLogLimits = {},
  ) {
    this.maxGroups = limits.maxGroups ?? UNANSWERED_GROUPS_KEPT;
    this.newGroupsPerSource = limits.newGroupsPerSourcePerHour ?? NEW_GROUPS_PER_SOURCE_PER_HOUR;
  }

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
    const window = Math.floor(question.at / SOURCE_WINDOW_MS);
    const sourceKey = question.source ? [`${this.prefix}unanswered:source:${question.source}:${window}`] : [];
    await this.redis.eval(RECORD_UNANSWERED_SCRIPT, {
      keys: [groups, counts, recent, ...sourceKey],
      arguments: [
        group,
        JSON.stringify(last),
        String(question.at),
        String(this.maxGroups),
        String(this.newGroupsPerSource),
        // The counter outlives its hour by one more, then Redis forgets it.
        String(2 * SOURCE_WINDOW_MS),
      ],
    });
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
