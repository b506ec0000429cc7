import { describe, expect, it } from 'vitest';
import { MemoryQuestionLog } from '../../../src/state/question-log/memory.ts';
import type { QuestionLog } from '../../../src/state/question-log/port.ts';
import { RedisQuestionLog } from '../../../src/state/question-log/redis.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every QuestionLog must have; each `create` returns a fresh, empty log. */

const redis = useContractRedis();

const implementations: Array<[name: string, create: () => QuestionLog]> = [
  ['MemoryQuestionLog', () => new MemoryQuestionLog()],
  ['RedisQuestionLog', () => new RedisQuestionLog(redis.client(), redis.prefix())],
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
});
