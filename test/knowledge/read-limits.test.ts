import { describe, expect, it } from 'vitest';
import { DEFAULT_READ_LIMITS } from '../../src/knowledge/limits/read-limits.ts';
import { readKnowledgeFile } from '../../src/knowledge/read-knowledge-file.ts';
import { MemoryRefusedFiles } from '../../src/knowledge/refused-files.ts';
import { readFailure, useTempFolder } from '../helpers/temp-folder.ts';
import { docxZipBomb, markdownWithKeys, pdfWithPages } from './hostile-files.ts';

const temp = useTempFolder('read-limits-');
const file = temp.file;
const failure = readFailure;

describe('caps checked before the expensive step (in this process)', () => {
  it('refuses front matter of 50,000 keys (1 MB) by its size, before parsing it', async () => {
    const error = await failure(readKnowledgeFile(await file('lon.md', markdownWithKeys(50_000))));
    expect(error.code).toBe('OVER_LIMIT');
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/front matter quá lớn \(\d+ KB, giới hạn 64 KB/);
  });

  it('refuses front matter with too many keys, and keeps a small one', async () => {
    const error = await failure(readKnowledgeFile(await file('nhieu.md', markdownWithKeys(300))));
    expect(error.code).toBe('OVER_LIMIT');
    expect(error.message).toContain('vượt giới hạn 200 trường (KNOWLEDGE_MAX_FRONT_MATTER_KEYS)');
    const flow = `---\n{${Array.from({ length: 150 }, (_, i) => `k${i}: 1`).join(', ')}}\n---\nNội dung`;
    const limits = { ...DEFAULT_READ_LIMITS, maxFrontMatterKeys: 100 };
    expect((await failure(readKnowledgeFile(await file('flow.md', flow), { limits }))).code).toBe('OVER_LIMIT');
    const content = await readKnowledgeFile(await file('it.md', markdownWithKeys(20)));
    expect(Object.keys(content.frontMatter ?? {})).toHaveLength(20);
  });

  it('refuses a DOCX whose directory declares a zip bomb, and one whose entry inflates past what it declares', async () => {
    const bomb = await failure(readKnowledgeFile(await file('bom.docx', await docxZipBomb(50 * 1024 * 1024))));
    expect(bomb.code).toBe('OVER_LIMIT');
    expect(bomb.message).toContain('bom nén');
    const lying = await failure(readKnowledgeFile(await file('sai.docx', await docxZipBomb(2 * 1024 * 1024, true))));
    expect(lying.message).toContain('nhiều hơn kích thước nó khai báo');
  });

  it('refuses a PDF with more pages than the cap before reading a page', async () => {
    const error = await failure(
      readKnowledgeFile(await file('trang.pdf', pdfWithPages(300)), {
        limits: { ...DEFAULT_READ_LIMITS, maxPages: 100 },
      }),
    );
    expect(error.code).toBe('OVER_LIMIT');
    expect(error.message).toContain('PDF có 300 trang, vượt giới hạn 100 trang (KNOWLEDGE_MAX_PAGES)');
  });

  it('refuses text over the character cap', async () => {
    const limits = { ...DEFAULT_READ_LIMITS, maxTextChars: 1000 };
    const error = await failure(readKnowledgeFile(await file('dai.txt', 'chữ '.repeat(1000)), { limits }));
    expect(error.message).toContain('KNOWLEDGE_MAX_TEXT_CHARS');
  });

  it('remembers a refusal by content hash, whatever the file is called', async () => {
    const refused = new MemoryRefusedFiles();
    const text = markdownWithKeys(300);
    await failure(readKnowledgeFile(await file('a.md', text), { refused }));
    const again = await failure(readKnowledgeFile(await file('b.md', text), { refused }));
    expect(again.message).toContain('đã từ chối lần trước');
  });
});
