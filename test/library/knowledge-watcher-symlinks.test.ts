import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { type KnowledgeWatcher, watchKnowledge } from '../../src/library/knowledge-watcher.ts';
import { waitFor } from '../helpers/wait-for.ts';

/**
 * Symlinked folders that loop (a link to the folder itself, to a parent, two links to each other) are not
 * followed: the loader never reads through a symlink, so the watcher has nothing to gain there, and following
 * them sent it round and round (1,074 ELOOP errors, 300 MB).
 */

let root: string;
let folder: string;
let library: KnowledgeLibrary;
let watcher: KnowledgeWatcher;
const lines: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoidap-watch-loop-'));
  folder = join(root, 'knowledge');
  await mkdir(join(folder, 'a', 'b'), { recursive: true });
  await copyFile(join(BUNDLED_KNOWLEDGE_DIR, 'ha-tinh-4086-qd-ubnd-2012.md'), join(folder, 'ha-tinh.md'));
  await symlink('.', join(folder, 'chinh-no'));
  await symlink('..', join(folder, 'a', 'b', 'len'));
  await symlink('../..', join(folder, 'a', 'b', 'len-nua'));
  await mkdir(join(root, 'x'));
  await symlink(join(root, 'y'), join(root, 'x', 'sang-y'));
  await mkdir(join(root, 'y'));
  await symlink(join(root, 'x'), join(root, 'y', 'sang-x'));
  await symlink(join(root, 'x'), join(folder, 'vong'));

  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  library = new KnowledgeLibrary({ dir: folder, logger });
  await library.reload();
  watcher = watchKnowledge(library, folder, logger);
});

afterAll(async () => {
  await watcher.close();
  await rm(root, { recursive: true, force: true });
});

describe('watchKnowledge with looping symlinks', () => {
  it('does not walk into them, and still sees a new document', async () => {
    // Following the links, the watcher is never ready: it goes round the loops until memory runs out.
    const loops = new Promise((_, reject) => setTimeout(() => reject(new Error('never ready: in a loop')), 5000));
    await Promise.race([watcher.ready, loops]);
    expect(lines.filter((line) => line.includes('watcher error'))).toEqual([]);
    expect(lines.filter((line) => line.includes('ELOOP'))).toEqual([]);
    // Nor does it take the links for changes: nothing was reloaded.
    expect(lines.filter((line) => line.includes('knowledge folder changed'))).toEqual([]);

    await writeFile(
      join(folder, 'a', 'quang-ninh.txt'),
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\nSố: 328/KH-UBND\nQuảng Ninh, ngày 15 tháng 5 năm 2019\n\nKẾ HOẠCH\nỨng dụng CNTT',
    );
    await waitFor(() => library.current().documents.length === 2, 'the new document loaded', { timeoutMs: 15_000 });
    expect(
      library
        .current()
        .documents.map((document) => document.source)
        .sort(),
    ).toEqual(['a/quang-ninh.txt', 'ha-tinh.md']);
  });
});
