import { describe, expect, it } from 'vitest';
import { MemoryQuestionLog } from '../../../src/state/question-log/memory.ts';
import type { LoggedQuestion, QuestionLog, QuestionLogLimits } from '../../../src/state/question-log/port.ts';
import { RedisQuestionLog } from '../../../src/state/question-log/redis.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every QuestionLog must have; each `create` returns a fresh, empty log. */

const redis = useContractRedis();

const implementations: Array<[name: string, create: (limits?: QuestionLogLimits) => QuestionLog]> = [
  ['MemoryQuestionLog', (limits) => new MemoryQuestionLog(limits)],
  ['RedisQuestionLog', (limits) => new RedisQuestionLog(redis.client(), redis.prefix(), limits)],
];

describe.each(implementations)('%s (QuestionLog contract)', (_name, create) => {
  const at = Date.UTC(2026, 10, 21, 20, 0); // 03:00 on 22/11 in Vietnam

  it('counts questions and unanswered ones per Vietnamese day', async () => {
    const log = create();
    await log.record({ channel: 'zalo-oa', text: 'ha tinh dvc muc 4', outcome: 'answered', grounded: true, at });
    await log.record({
      channel: 'zalo-oa',
      text: 'Nghệ An thì sao?',
      outcome: 'unknown-province',
      grounded: false,
      at,
    });
    await log.record({ channel: 'zalo-oa', text: 'xin chào', outcome: 'greeting', grounded: false, at });
    expect(await log.stats('2026-11-22')).toEqual({ day: '2026-11-22', questions: 2, unanswered: 1 });
    expect(await log.stats('2026-11-21')).toEqual({ day: '2026-11-21', questions: 0, unanswered: 0 });
  });

  it('groups unanswered questions that differ only in accents, case and punctuation, newest first', async () => {
    const log = create();
    await log.record({
      channel: 'web',
      text: 'Nghệ An có quy hoạch CNTT không?',
      outcome: 'unknown-province',
      grounded: false,
      at,
    });
    await log.record({
      channel: 'web',
      text: 'Thời tiết hôm nay?',
      outcome: 'no-match',
      grounded: false,
      at: at + 1000,
    });
    await log.record({
      channel: 'zalo-oa',
      text: 'nghe an co quy hoach cntt khong',
      outcome: 'unknown-province',
      grounded: false,
      at: at + 2000,
    });
    const groups = await log.unanswered(10);
    expect(groups.map((group) => [group.text, group.count])).toEqual([
      ['nghe an co quy hoach cntt khong', 2],
      ['Thời tiết hôm nay?', 1],
    ]);
    expect(await log.unanswered(1)).toHaveLength(1);
  });

  const unanswered = (text: string, at: number, source?: string): LoggedQuestion => ({
    channel: 'web',
    text,
    outcome: 'no-match',
    grounded: false,
    at,
    ...(source ? { source } : {}),
  });

  it('keeps the most recently asked groups up to its bound', async () => {
    const log = create({ maxGroups: 2 });
    await log.record(unanswered('câu một', at));
    await log.record(unanswered('câu hai', at + 1));
    await log.record(unanswered('câu một', at + 2));
    await log.record(unanswered('câu ba', at + 3));
    expect((await log.unanswered(10)).map((group) => [group.text, group.count])).toEqual([
      ['câu ba', 1],
      ['câu một', 2],
    ]);
  });

  it('lets one source start only its share of new groups an hour, still counting what is listed', async () => {
    const log = create({ newGroupsPerSourcePerHour: 2 });
    for (let i = 0; i < 5; i++) await log.record(unanswered(`rác số ${i}`, at + i, 'address:203.0.113.9'));
    await log.record(unanswered('rác số 0', at + 10, 'address:203.0.113.9'));
    await log.record(unanswered('Nghệ An có quy hoạch không?', at + 11, 'address:198.51.100.4'));
    await log.record(unanswered('Lào Cai có quy hoạch không?', at + 12));
    expect((await log.unanswered(10)).map((group) => [group.text, group.count])).toEqual([
      ['Lào Cai có quy hoạch không?', 1],
      ['Nghệ An có quy hoạch không?', 1],
      ['rác số 0', 2],
      ['rác số 1', 1],
    ]);
    // Refused groups are still questions the day counts.
    expect((await log.stats('2026-11-22')).unanswered).toBe(8);

    await log.record(unanswered('rác số 7', at + 60 * 60 * 1000, 'address:203.0.113.9'));
    expect((await log.unanswered(1))[0]!.text).toBe('rác số 7');
  });
});
