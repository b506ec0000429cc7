import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeFolder } from '../../src/knowledge/load-knowledge-folder.ts';

/** `NAME.ext.meta.yaml` beside a binary document: what an admin corrected wins over what was read from it. */

const PDF = new URL('../fixtures/quyet-dinh-mau.pdf', import.meta.url);

describe('metadata sidecars', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hoidap-sidecar-'));
    await copyFile(PDF, join(folder, 'quyet-dinh.pdf'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('merges the sidecar over the metadata read from the PDF, and is not itself a document', async () => {
    await writeFile(
      join(folder, 'quyet-dinh.pdf.meta.yaml'),
      'so_hieu: 15/2011/QĐ-UBND\nthay_the: Quyết định số 1/QĐ-UBND ngày 01/3/2007\nloai: null\n',
    );
    const { documents, reports } = await loadKnowledgeFolder(folder);
    expect(reports.map((report) => report.source)).toEqual(['quyet-dinh.pdf']);
    expect(documents[0]!.metadata).toMatchObject({
      number: '15/2011/QĐ-UBND',
      date: '2011-01-30',
      province: 'Bắc Ninh',
      replaces: 'Quyết định số 1/QĐ-UBND ngày 01/3/2007',
      type: null,
    });
  });

  it('wins over a text file front matter too', async () => {
    await writeFile(join(folder, 'ke-hoach.md'), '---\nso_hieu: 1/KH\ntinh: Hà Tĩnh\n---\n\nNội dung kế hoạch.\n');
    await writeFile(join(folder, 'ke-hoach.md.meta.yaml'), 'so_hieu: 2/KH\n');
    const { documents } = await loadKnowledgeFolder(folder);
    expect(documents.find((document) => document.source === 'ke-hoach.md')!.metadata).toMatchObject({
      number: '2/KH',
      province: 'Hà Tĩnh',
    });
  });

  it('keeps the document, with a warning naming the sidecar and line, when the sidecar is broken', async () => {
    await writeFile(join(folder, 'quyet-dinh.pdf.meta.yaml'), 'so_hieu: 15\ntinh: [Bắc Ninh\n');
    const { documents, reports } = await loadKnowledgeFolder(folder);
    expect(documents[0]!.metadata.number).toBe('14/2011/QĐ-UBND');
    expect(reports[0]!.warnings.join('\n')).toMatch(
      /quyet-dinh\.pdf\.meta\.yaml dòng \d: đã bỏ qua tệp kèm: sai cú pháp YAML/,
    );
  });

  it('names the sidecar in warnings about its values', async () => {
    await writeFile(join(folder, 'quyet-dinh.pdf.meta.yaml'), 'tinh: Atlantis\n');
    const { documents, reports } = await loadKnowledgeFolder(folder);
    expect(documents[0]!.metadata.province).toBe('Bắc Ninh');
    expect(reports[0]!.warnings).toContain('quyet-dinh.pdf.meta.yaml: tinh: không nhận ra tên tỉnh "Atlantis"');
  });

  it('refuses an oversized sidecar before parsing it', async () => {
    await writeFile(join(folder, 'quyet-dinh.pdf.meta.yaml'), `so_hieu: "${'9'.repeat(70 * 1024)}"\n`);
    const { documents, reports } = await loadKnowledgeFolder(folder);
    expect(documents[0]!.metadata.number).toBe('14/2011/QĐ-UBND');
    expect(reports[0]!.warnings.join('\n')).toContain('tệp kèm quá lớn');
  });
});
