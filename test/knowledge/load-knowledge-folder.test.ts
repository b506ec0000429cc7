import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledgeFolder } from '../../src/knowledge/load-knowledge-folder.ts';

const OFFICIAL = [
  'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
  'Số: 328/KH-UBND',
  'Quảng Ninh, ngày 15 tháng 5 năm 2019',
  '',
  'KẾ HOẠCH',
  'Ứng dụng công nghệ thông tin trong cơ quan nhà nước năm 2019',
  '',
  'Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;',
  '- 100% văn bản được trao đổi dưới dạng điện tử.',
].join('\n');

describe('loadKnowledgeFolder', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hoidap-load-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('loads the bundled seeds with the metadata of their front matter', async () => {
    const { documents, reports } = await loadKnowledgeFolder(BUNDLED_KNOWLEDGE_DIR);
    expect(
      documents.map((document) => [document.metadata.province, document.metadata.number, document.metadata.date]),
    ).toEqual([
      ['Bạc Liêu', '635/QĐ-UBND', '2013-03-27'],
      ['Hà Tĩnh', '4086/QĐ-UBND', '2012-12-28'],
      ['Lâm Đồng', '16', null],
      ['Quảng Bình', '2972/QĐ-UBND', '2017-08-24'],
      ['Thừa Thiên Huế', null, null],
    ]);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
  });

  it('reads metadata from an official header, never from a number only mentioned', async () => {
    await writeFile(join(folder, 'quang-ninh.txt'), OFFICIAL);
    const { documents } = await loadKnowledgeFolder(folder);
    expect(documents[0]!.metadata).toMatchObject({
      number: '328/KH-UBND',
      date: '2019-05-15',
      province: 'Quảng Ninh',
      type: 'Kế hoạch',
    });
  });

  it('lets front matter win, including an explicit null', async () => {
    await writeFile(join(folder, 'ghi-de.md'), `---\nso_hieu: null\ntinh: Hà Tĩnh\n---\n${OFFICIAL}`);
    const { documents } = await loadKnowledgeFolder(folder);
    expect(documents[0]!.metadata).toMatchObject({ number: null, province: 'Hà Tĩnh', date: '2019-05-15' });
  });

  it('reports and skips broken files while the rest load', async () => {
    await writeFile(join(folder, 'tot.txt'), OFFICIAL);
    await writeFile(join(folder, 'yaml-hong.md'), '---\ntinh: Hà Tĩnh\nso_hieu: "chưa đóng\n---\nNội dung');
    await writeFile(join(folder, 'nhi-phan.txt'), Buffer.from([0x50, 0x4b, 0x00, 0x01, 0x00, 0xff]));
    await writeFile(join(folder, 'rong.md'), '\n\n');
    await writeFile(join(folder, 'cu.doc'), 'old word');
    await writeFile(join(folder, 'lon.txt'), 'a'.repeat(2048));
    await writeFile(join(folder, 'README.md'), '# Hướng dẫn, không phải văn bản');
    const { documents, reports } = await loadKnowledgeFolder(folder, { maxBytes: 1024 });
    expect(documents.map((document) => document.source)).toEqual(['tot.txt']);
    const bySource = Object.fromEntries(reports.map((report) => [report.source, report]));
    expect(Object.keys(bySource).sort()).toEqual([
      'cu.doc',
      'lon.txt',
      'nhi-phan.txt',
      'rong.md',
      'tot.txt',
      'yaml-hong.md',
    ]);
    expect(bySource['yaml-hong.md']!.errors[0]!.message).toMatch(/yaml-hong\.md:\d+/);
    expect(bySource['nhi-phan.txt']!.errors).toHaveLength(1);
    expect(bySource['cu.doc']!.errors).toHaveLength(1);
    expect(bySource['lon.txt']!.errors).toHaveLength(1);
    expect(bySource['rong.md']!.errors).toEqual([]);
    expect(bySource['rong.md']!.warnings.join(' ')).toMatch(/không có nội dung/);
  });

  it('warns about duplicate numbers and keeps ids unique across subfolders', async () => {
    await mkdir(join(folder, 'cu'));
    await writeFile(join(folder, 'ke-hoach.txt'), OFFICIAL);
    await writeFile(join(folder, 'cu', 'ke-hoach.txt'), OFFICIAL);
    const { documents, reports } = await loadKnowledgeFolder(folder);
    expect(new Set(documents.map((document) => document.id)).size).toBe(2);
    expect(reports.every((report) => report.warnings.some((warning) => warning.includes('trùng số hiệu')))).toBe(true);
  });
});
