import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { type KnowledgeWatcher, watchKnowledge } from '../../src/library/knowledge-watcher.ts';
import { createAssistant } from '../../src/pipeline/assistant.ts';
import { MemoryConversationStore } from '../../src/state/conversations/memory.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** Live knowledge: a file dropped into the folder becomes answerable without a restart; a broken one hurts nothing. */

const silent = pino({ level: 'silent' });
let folder: string;
let library: KnowledgeLibrary;
let watcher: KnowledgeWatcher;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hoidap-watch-'));
  await copyFile(join(BUNDLED_KNOWLEDGE_DIR, 'ha-tinh-4086-qd-ubnd-2012.md'), join(folder, 'ha-tinh.md'));
  library = new KnowledgeLibrary({ dir: folder, logger: silent });
  await library.reload();
  watcher = watchKnowledge(library, folder, silent);
  await new Promise((resolve) => setTimeout(resolve, 300));
});

afterAll(async () => {
  await watcher.close();
  await rm(folder, { recursive: true, force: true });
});

describe('watchKnowledge', () => {
  it('makes a new decision answerable, and keeps answering while a broken file is dropped in', async () => {
    const assistant = createAssistant({
      knowledge: () => library.current(),
      conversations: new MemoryConversationStore(),
      logger: silent,
    });
    const ask = (text: string) => assistant.ask({ channel: 'test', user: 'watch', text });
    expect((await ask('Quảng Ninh đặt mục tiêu bao nhiêu % dịch vụ công trực tuyến mức độ 4?')).grounded).toBe(false);

    await writeFile(
      join(folder, 'quang-ninh.txt'),
      [
        'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
        'Số: 328/KH-UBND',
        'Quảng Ninh, ngày 15 tháng 5 năm 2019',
        '',
        'KẾ HOẠCH',
        'Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước năm 2019',
        '',
        'Mục tiêu: 100% văn bản được trao đổi dưới dạng điện tử; 45% dịch vụ công trực tuyến đạt mức độ 4.',
      ].join('\n'),
    );
    await waitFor(
      async () => (await ask('Quảng Ninh đặt mục tiêu bao nhiêu % dịch vụ công trực tuyến mức độ 4?')).grounded,
      'the new decision answerable',
      { timeoutMs: 15_000 },
    );
    const answer = await ask('Quảng Ninh đặt mục tiêu bao nhiêu % dịch vụ công trực tuyến mức độ 4?');
    expect(answer.answer).toContain('45%');
    expect(answer.answer).toContain('Kế hoạch số 328/KH-UBND ngày 15/5/2019 của UBND tỉnh Quảng Ninh');

    await writeFile(join(folder, 'hong.md'), '---\nso_hieu: "chưa đóng\n---\nNội dung');
    await waitFor(() => library.reports().some((report) => report.source === 'hong.md'), 'the broken file reported', {
      timeoutMs: 15_000,
    });
    expect(library.reports().find((report) => report.source === 'hong.md')!.errors).toHaveLength(1);
    expect((await ask('ha tinh dvc muc 4 bao nhieu')).answer).toContain('15%');
    expect(library.current().documents).toHaveLength(2);
  });
});
