import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_READ_LIMITS } from '../../src/knowledge/limits/read-limits.ts';
import type { ContentParser } from '../../src/knowledge/parsing/content-parser.ts';
import { createIsolatedReading } from '../../src/knowledge/parsing/isolated-reading.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { docxZipBomb, markdownWithKeys, pdfStreamBomb, pdfWithPages } from '../knowledge/hostile-files.ts';

const MB = 1024 * 1024;
const logger = pino({ level: 'silent' });
const GOOD = [
  '---',
  'so_hieu: 4086/QĐ-UBND',
  'tinh: Hà Tĩnh',
  '---',
  '# Kế hoạch ứng dụng công nghệ thông tin',
  'Mục tiêu: 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.',
].join('\n');

/** A parser that records which files reached it, in front of the real child processes. */
function counting(parser: ContentParser, reads: string[]): ContentParser {
  const seen = (path: string) => {
    reads.push(path.split('/').at(-1)!);
  };
  return {
    textFile(path, ...rest) {
      seen(path);
      return parser.textFile(path, ...rest);
    },
    pdfPages(path, ...rest) {
      seen(path);
      return parser.pdfPages(path, ...rest);
    },
    formattedText(path, ...rest) {
      seen(path);
      return parser.formattedText(path, ...rest);
    },
  };
}

let folder: string;
let cacheDir: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hostile-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'hostile-cache-'));
  await writeFile(join(folder, 'tot.md'), GOOD);
  // The reports of issue 13, at a size a test writes in well under a second.
  await writeFile(join(folder, 'bom-luong.pdf'), await pdfStreamBomb(100 * MB));
  await writeFile(join(folder, 'bom-nen.docx'), await docxZipBomb(200 * MB));
  await writeFile(join(folder, 'bom-khai-sai.docx'), await docxZipBomb(20 * MB, true));
  await writeFile(join(folder, 'nam-nghin-trang.pdf'), pdfWithPages(5000));
  await writeFile(join(folder, 'front-matter-lon.md'), markdownWithKeys(50_000));
  await writeFile(join(folder, 'nhieu-truong.md'), markdownWithKeys(300));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

function library(reads: string[], settings: { timeoutMs?: number } = {}) {
  const reading = createIsolatedReading(
    { limits: DEFAULT_READ_LIMITS, timeoutMs: settings.timeoutMs ?? 30_000, memoryMb: 256, concurrency: 2, cacheDir },
    logger,
  );
  const built = new KnowledgeLibrary({
    dir: folder,
    logger,
    reading: { ...reading, parser: counting(reading.parser, reads) },
  });
  return { library: built, close: () => reading.parser.close() };
}

function errorOf(built: KnowledgeLibrary, source: string): string {
  const report = built.reports().find((candidate) => candidate.source === source);
  expect(report?.documentId).toBeNull();
  return report?.errors.map((error) => error.message).join('\n') ?? '';
}

describe('hostile files, read in child processes within caps', () => {
  it('refuses each with its reason, loads the good file beside them, and does not read them again after a restart', async () => {
    const reads: string[] = [];
    const first = library(reads);
    try {
      const { documents } = await first.library.reload();
      expect(documents).toBe(1);
      expect(first.library.current().documents[0]?.source).toBe('tot.md');
      expect(errorOf(first.library, 'bom-luong.pdf')).toMatch(/giải nén ra hơn 64 MB.*KNOWLEDGE_MAX_INFLATED_MB/);
      expect(errorOf(first.library, 'bom-nen.docx')).toMatch(/giải nén ra 200 MB.*bom nén/);
      expect(errorOf(first.library, 'bom-khai-sai.docx')).toMatch(/nhiều hơn kích thước nó khai báo/);
      expect(errorOf(first.library, 'nam-nghin-trang.pdf')).toMatch(/5000 trang, vượt giới hạn 1000 trang/);
      expect(errorOf(first.library, 'front-matter-lon.md')).toMatch(
        /front matter quá lớn.*KNOWLEDGE_MAX_FRONT_MATTER_KB/,
      );
      expect(errorOf(first.library, 'nhieu-truong.md')).toMatch(/vượt giới hạn 200 trường/);
    } finally {
      first.close();
    }
    // The zip bombs are refused from their directory, before any parser sees them.
    expect(reads).not.toContain('bom-nen.docx');

    const again: string[] = [];
    const restarted = library(again);
    try {
      await restarted.library.reload();
      expect(again).toEqual(['tot.md']);
      expect(errorOf(restarted.library, 'bom-luong.pdf')).toMatch(/đã từ chối lần trước/);
      expect(errorOf(restarted.library, 'nam-nghin-trang.pdf')).toMatch(/đã từ chối lần trước/);
    } finally {
      restarted.close();
    }
  });

  it('refuses a file its child cannot read in time, and keeps serving', async () => {
    const slow = await mkdtemp(join(tmpdir(), 'hostile-slow-'));
    try {
      await writeFile(join(slow, 'cham.md'), GOOD);
      const reading = createIsolatedReading(
        { limits: DEFAULT_READ_LIMITS, timeoutMs: 1, memoryMb: 256, concurrency: 1, cacheDir: slow },
        logger,
      );
      const built = new KnowledgeLibrary({ dir: slow, logger, reading });
      try {
        await built.reload();
        expect(errorOf(built, 'cham.md')).toMatch(/quá 1 ms.*KNOWLEDGE_READ_TIMEOUT_MS/);
      } finally {
        reading.parser.close();
      }
    } finally {
      await rm(slow, { recursive: true, force: true });
    }
  });
});
