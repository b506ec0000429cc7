import { mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_READ_LIMITS } from '../../src/knowledge/limits/read-limits.ts';
import { type ContentParser, inProcessParser } from '../../src/knowledge/parsing/content-parser.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { writeSyntheticKnowledge } from '../bench/synthetic-knowledge.ts';
import { pdfWithPages } from '../knowledge/hostile-files.ts';

const logger = pino({ level: 'silent' });

/** The in-process parser, recording the name of every file that reached it. */
function counting(reads: string[]): ContentParser {
  const seen = (path: string) => {
    reads.push(path.split('/').at(-1)!);
  };
  return {
    textFile(path, ...rest) {
      seen(path);
      return inProcessParser.textFile(path, ...rest);
    },
    pdfPages(path, ...rest) {
      seen(path);
      return inProcessParser.pdfPages(path, ...rest);
    },
    formattedText(path, ...rest) {
      seen(path);
      return inProcessParser.formattedText(path, ...rest);
    },
  };
}

function document(number: string, province: string): string {
  return `---\nso_hieu: ${number}\ntinh: ${province}\n---\nKế hoạch ứng dụng công nghệ thông tin của tỉnh ${province}.\n`;
}

let folder: string;
let reads: string[];
let library: KnowledgeLibrary;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'incremental-'));
  reads = [];
  library = new KnowledgeLibrary({
    dir: folder,
    logger,
    reading: { limits: DEFAULT_READ_LIMITS, parser: counting(reads), refused: null },
  });
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('KnowledgeLibrary: incremental reloads', () => {
  it('reads only new and changed files, and reuses the rest', async () => {
    await writeFile(join(folder, 'ha-tinh.md'), document('4086/QĐ-UBND', 'Hà Tĩnh'));
    await writeFile(join(folder, 'nghe-an.md'), document('12/QĐ-UBND', 'Nghệ An'));
    await writeFile(join(folder, 'nhieu-trang.pdf'), pdfWithPages(50));
    expect((await library.reload()).documents).toBe(3);
    expect(reads.sort()).toEqual(['ha-tinh.md', 'nghe-an.md', 'nhieu-trang.pdf']);

    reads.length = 0;
    expect((await library.reload()).documents).toBe(3);
    expect(reads).toEqual([]);

    // A one-line note beside the PDF reads the note alone.
    await writeFile(join(folder, 'ghi-chu.md'), 'Ghi chú một dòng về kế hoạch.\n');
    expect((await library.reload()).documents).toBe(4);
    expect(reads).toEqual(['ghi-chu.md']);

    // Touched but the same bytes (a copy, a sync tool): confirmed by hash, not read.
    reads.length = 0;
    const later = new Date(Date.now() + 60_000);
    await utimes(join(folder, 'nhieu-trang.pdf'), later, later);
    await library.reload();
    expect(reads).toEqual([]);

    // Changed: read again, and the new text is what answers.
    await writeFile(join(folder, 'nghe-an.md'), document('99/QĐ-UBND', 'Nghệ An'));
    await library.reload();
    expect(reads).toEqual(['nghe-an.md']);
    const numbers = library.current().documents.map((loaded) => loaded.metadata.number);
    expect(numbers).toContain('99/QĐ-UBND');
    expect(numbers).not.toContain('12/QĐ-UBND');

    // A corrected sidecar changes the PDF's document: read again.
    reads.length = 0;
    await writeFile(join(folder, 'nhieu-trang.pdf.meta.yaml'), 'tinh: Hà Tĩnh\n');
    await library.reload();
    expect(reads).toEqual(['nhieu-trang.pdf']);

    // Removed: gone from the base, nothing read.
    reads.length = 0;
    await unlink(join(folder, 'ghi-chu.md'));
    expect((await library.reload()).documents).toBe(3);
    expect(reads).toEqual([]);
  });

  it('builds a base of a few thousand documents beside the current one and swaps it when done', async () => {
    await writeSyntheticKnowledge(folder, 2000);
    const before = library.current();
    const reload = library.reload();
    // The bot keeps answering from the previous base while the new one is read and built.
    await new Promise((resolve) => setImmediate(resolve));
    expect(library.current()).toBe(before);
    const { documents } = await reload;
    expect(documents).toBe(2000);
    expect(library.current()).not.toBe(before);
    expect(library.current().documents).toHaveLength(2000);
  }, 60_000);
});
