import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { readKnowledgeFile } from '../../src/knowledge/read-knowledge-file.ts';
import { readFailure, useTempFolder } from '../helpers/temp-folder.ts';

const PDF_FIXTURE = fileURLToPath(new URL('../fixtures/quyet-dinh-mau.pdf', import.meta.url));

/** What every typed file (Markdown, text) reports about how it was read. */
const TYPED = expect.objectContaining({ method: 'text', state: 'done', ocrPages: 0 });

const temp = useTempFolder('hoidap-knowledge-');
const fixture = temp.file;
const failure = readFailure;

describe('readKnowledgeFile: markdown and text', () => {
  it('splits the front matter from the body and says where the body starts', async () => {
    const path = await fixture(
      'ha-tinh-4086.md',
      [
        '---',
        'so_hieu: 4086/QĐ-UBND',
        'ngay_ban_hanh: 2012-12-28',
        'tinh: Hà Tĩnh',
        '---',
        '',
        '# Quyết định phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Hà Tĩnh',
        '',
        'Điều 1. Phê duyệt Quy hoạch phát triển CNTT tỉnh Hà Tĩnh đến năm 2020.',
        '',
      ].join('\n'),
    );
    const content = await readKnowledgeFile(path);
    expect(content).toEqual({
      format: 'markdown',
      frontMatter: { so_hieu: '4086/QĐ-UBND', ngay_ban_hanh: '2012-12-28', tinh: 'Hà Tĩnh' },
      text:
        '# Quyết định phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Hà Tĩnh\n\n' +
        'Điều 1. Phê duyệt Quy hoạch phát triển CNTT tỉnh Hà Tĩnh đến năm 2020.',
      bodyStartLine: 7,
      reading: TYPED,
      warnings: [],
    });
  });

  it('reads a markdown file without front matter from line 1', async () => {
    const path = await fixture('ke-hoach.markdown', 'Kế hoạch ứng dụng công nghệ thông tin năm 2024\n');
    expect(await readKnowledgeFile(path)).toEqual({
      format: 'markdown',
      frontMatter: null,
      text: 'Kế hoạch ứng dụng công nghệ thông tin năm 2024',
      bodyStartLine: 1,
      reading: TYPED,
      warnings: [],
    });
  });

  it('points at the line of a YAML error in the file', async () => {
    const path = await fixture(
      'sai-yaml.md',
      // The classic mistake: an unquoted value that itself contains ": ".
      ['---', 'tinh: Bắc Ninh', 'so_hieu: Số: 14/2011/QĐ-UBND', 'loai: Quyết định', '---', 'Nội dung'].join('\n'),
    );
    const error = await failure(readKnowledgeFile(path));
    expect(error.code).toBe('BAD_FRONT_MATTER');
    expect(error.file).toBe(path);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(path)}:3: front matter sai cú pháp YAML: `));
    expect(error.message).toContain('ngoặc kép');
    expect(error.cause).toBeDefined();
  });

  it('points at a duplicated key', async () => {
    const path = await fixture(
      'trung-khoa.md',
      ['---', 'tinh: Hà Tĩnh', 'loai: Quyết định', 'tinh: Nghệ An', '---', 'Nội dung'].join('\n'),
    );
    const error = await failure(readKnowledgeFile(path));
    expect(error.code).toBe('BAD_FRONT_MATTER');
    expect(error.line).toBe(4);
  });

  it('refuses front matter that is a list', async () => {
    const path = await fixture(
      'danh-sach.md',
      ['---', '- so_hieu: 4086/QĐ-UBND', '- tinh: Hà Tĩnh', '---', 'Nội dung'].join('\n'),
    );
    const error = await failure(readKnowledgeFile(path));
    expect(error.code).toBe('BAD_FRONT_MATTER');
    expect(error.line).toBe(2);
    expect(error.message).toContain('phải gồm các dòng "tên_trường: giá trị"');
  });

  it('refuses front matter that is never closed', async () => {
    const path = await fixture('khong-dong.md', ['---', 'so_hieu: 4086/QĐ-UBND', 'Điều 1. Phê duyệt'].join('\n'));
    const error = await failure(readKnowledgeFile(path));
    expect(error.code).toBe('BAD_FRONT_MATTER');
    expect(error.line).toBe(1);
  });

  it('accepts an empty front matter as no keys', async () => {
    const path = await fixture('rong.md', '---\n---\nNội dung');
    expect(await readKnowledgeFile(path)).toMatchObject({ frontMatter: {}, text: 'Nội dung', bodyStartLine: 3 });
  });

  it('reads a .txt file with a BOM, CRLF line ends and front matter', async () => {
    const body =
      '---\r\nso_hieu: 14/2011/QĐ-UBND\r\n---\r\nSố: 14/2011/QĐ-UBND\r\nBắc Ninh, ngày 30 tháng 01 năm 2011\r\n';
    const path = await fixture(
      'bac-ninh.txt',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]),
    );
    expect(await readKnowledgeFile(path)).toEqual({
      format: 'text',
      frontMatter: { so_hieu: '14/2011/QĐ-UBND' },
      text: 'Số: 14/2011/QĐ-UBND\nBắc Ninh, ngày 30 tháng 01 năm 2011',
      bodyStartLine: 4,
      reading: TYPED,
      warnings: [],
    });
  });

  it('normalises NFD text to NFC, front matter included', async () => {
    const nfd = '---\ntinh: Quảng Bình\n---\nỨng dụng công nghệ thông tin tỉnh Quảng Bình'.normalize('NFD');
    const path = await fixture('nfd.md', nfd);
    const content = await readKnowledgeFile(path);
    expect(content.text).toBe('Ứng dụng công nghệ thông tin tỉnh Quảng Bình'.normalize('NFC'));
    expect(content.text).toBe(content.text.normalize('NFC'));
    expect(content.frontMatter).toEqual({ tinh: 'Quảng Bình'.normalize('NFC') });
  });

  it('refuses a binary file with NUL bytes', async () => {
    const path = await fixture(
      'anh.txt',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    expect((await failure(readKnowledgeFile(path))).code).toBe('BINARY');
  });

  it('refuses a UTF-16 file', async () => {
    const utf16 = Buffer.from('\ufeffQuy hoạch phát triển công nghệ thông tin', 'utf16le');
    expect((await failure(readKnowledgeFile(await fixture('utf16.txt', utf16)))).code).toBe('BINARY');
  });

  it('refuses text that is mostly invalid UTF-8 (a legacy Vietnamese encoding)', async () => {
    // "Quy hoạch phát triển" in Windows-1258-like single bytes: every accented letter is an invalid sequence.
    const legacy = Buffer.from([
      ...Buffer.from('Quy ho'),
      0xb9,
      ...Buffer.from('ch ph'),
      0xb8,
      ...Buffer.from('t tri'),
      0xd3,
      ...Buffer.from('n c'),
      0xab,
      ...Buffer.from('ng ngh'),
      0xd6,
      ...Buffer.from(' th'),
      0xab,
      ...Buffer.from('ng tin'),
    ]);
    const error = await failure(readKnowledgeFile(await fixture('tcvn3.txt', legacy)));
    expect(error.code).toBe('BINARY');
    expect(error.message).toContain('lưu lại dưới dạng UTF-8');
  });

  it('tolerates a stray invalid byte in a long UTF-8 file', async () => {
    const long = 'Quy hoạch phát triển công nghệ thông tin tỉnh Hà Tĩnh đến năm 2020. '.repeat(20);
    const bytes = Buffer.concat([Buffer.from(long), Buffer.from([0xff]), Buffer.from('Hết.')]);
    const content = await readKnowledgeFile(await fixture('mot-byte-loi.txt', bytes));
    expect(content.text).toContain('Hết.');
  });

  it.each([
    ['empty file', 'trong.md', ''],
    ['white space only', 'khoang-trang.txt', ' \n\t\r\n  \n'],
    ['front matter only', 'chi-front-matter.md', '---\nso_hieu: 16\n---\n\n'],
  ])('refuses an %s as EMPTY', async (_label, name, content) => {
    const error = await failure(readKnowledgeFile(await fixture(name, content)));
    expect(error.code).toBe('EMPTY');
    expect(error.message).toContain(name);
  });

  it('refuses a file over maxBytes before reading it', async () => {
    const path = await fixture('lon.md', 'Quy hoạch phát triển công nghệ thông tin. '.repeat(10));
    const error = await failure(readKnowledgeFile(path, { maxBytes: 100 }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('100 byte');
  });

  it('gives the size of a large file in megabytes, as KNOWLEDGE_MAX_FILE_MB sets it', async () => {
    const path = await fixture('lon-1mb.txt', 'a'.repeat(1_100_000));
    const error = await failure(readKnowledgeFile(path, { maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('1,05 MB, vượt giới hạn 1 MB');
  });

  it.each([['.gitkeep'], ['bang.xlsx'], ['README']])('refuses %s as UNSUPPORTED_TYPE', async (name) => {
    const error = await failure(readKnowledgeFile(await fixture(name, 'nội dung')));
    expect(error.code).toBe('UNSUPPORTED_TYPE');
    expect(error.message).toContain(name);
  });

  it('reports a .doc that is not a Word file as UNREADABLE, saying how to save it again', async () => {
    const error = await failure(readKnowledgeFile(await fixture('cu.doc', 'nội dung')));
    expect(error.code).toBe('UNREADABLE');
    expect(error.message).toContain('lưu lại thành .docx');
  });

  it('reports a missing file as UNREADABLE with the cause', async () => {
    const error = await failure(readKnowledgeFile(join(temp.path(), 'khong-co.md')));
    expect(error.code).toBe('UNREADABLE');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('accepts upper-case extensions', async () => {
    const content = await readKnowledgeFile(await fixture('VIET-HOA.MD', 'Kế hoạch CNTT'));
    expect(content.format).toBe('markdown');
  });
});

describe('readKnowledgeFile: DOCX', () => {
  it('reads the text of a real DOCX, header and tables included', async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH', bold: true })] }),
            new Paragraph('Số: 14/2011/QĐ-UBND'),
            new Paragraph({ children: [new TextRun({ text: 'Bắc Ninh, ngày 30 tháng 01 năm 2011', italics: true })] }),
            new Paragraph(''),
            new Paragraph({
              children: [
                new TextRun('Phê duyệt '),
                new TextRun({ text: 'Quy hoạch phát triển công nghệ thông tin', bold: true }),
                new TextRun(' tỉnh Bắc Ninh đến năm 2015, định hướng đến năm 2020.'),
              ],
            }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('Chỉ tiêu')] }),
                    new TableCell({ children: [new Paragraph('Năm 2015')] }),
                  ],
                }),
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('Dịch vụ công mức độ 3')] }),
                    new TableCell({ children: [new Paragraph('50%')] }),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const path = await fixture('bac-ninh-14.docx', await Packer.toBuffer(document));
    const content = await readKnowledgeFile(path);
    expect(content.format).toBe('docx');
    expect(content.frontMatter).toBeNull();
    expect(content.bodyStartLine).toBe(1);
    expect(content.text.split('\n\n').slice(0, 4)).toEqual([
      'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      'Số: 14/2011/QĐ-UBND',
      'Bắc Ninh, ngày 30 tháng 01 năm 2011',
      'Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2015, định hướng đến năm 2020.',
    ]);
    expect(content.text).toContain('Dịch vụ công mức độ 3');
    expect(content.text).not.toMatch(/\n{3}/);
    expect(content.text).toBe(content.text.normalize('NFC'));
  });

  it('refuses a DOCX without text as EMPTY', async () => {
    const document = new Document({ sections: [{ children: [new Paragraph('')] }] });
    const error = await failure(readKnowledgeFile(await fixture('trang.docx', await Packer.toBuffer(document))));
    expect(error.code).toBe('EMPTY');
  });

  it('reports a corrupt DOCX as UNREADABLE with the cause', async () => {
    const path = await fixture('hong.docx', 'PK\u0003\u0004 đây không phải là tệp Word');
    const error = await failure(readKnowledgeFile(path));
    expect(error.code).toBe('UNREADABLE');
    expect(error.message).toContain('hong.docx');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('readKnowledgeFile: PDF', () => {
  it('reads the Vietnamese text layer of every page, NFC, pages separated by a blank line', async () => {
    const content = await readKnowledgeFile(PDF_FIXTURE);
    expect(content.format).toBe('pdf');
    expect(content.frontMatter).toBeNull();
    expect(content.text).toBe(content.text.normalize('NFC'));
    const [first, second] = content.text.split('\n\n');
    expect(first!.split('\n')).toEqual([
      'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      'Số: 14/2011/QĐ-UBND',
      'Bắc Ninh, ngày 30 tháng 01 năm 2011',
      'QUYẾT ĐỊNH',
      'Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh',
      'đến năm 2015, định hướng đến năm 2020',
    ]);
    // The fixture writes this line decomposed (NFD): the reader composes it.
    expect(second).toContain('Ứng dụng công nghệ thông tin trong cơ quan nhà nước.');
  });

  it('refuses a PDF without a text layer as EMPTY when OCR is not set up, saying so', async () => {
    const { PDFDocument, rgb } = await import('pdf-lib');
    const pdf = await PDFDocument.create();
    // What a scan looks like to a text extractor: marks on the page, no text.
    pdf.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 200, height: 100, color: rgb(0.2, 0.2, 0.2) });
    const error = await failure(readKnowledgeFile(await fixture('scan.pdf', await pdf.save())));
    expect(error.code).toBe('EMPTY');
    expect(error.message).toMatch(/không có lớp chữ/);
    expect(error.message).toMatch(/OCR/);
  });

  it('reports a corrupt PDF as UNREADABLE with the cause', async () => {
    const path = await fixture('hong.pdf', '%PDF-1.7\nđây không phải là PDF\n%%EOF');
    const error = await failure(readKnowledgeFile(path));
    expect(error.code).toBe('UNREADABLE');
    expect(error.message).toContain('hong.pdf');
    expect(error.cause).toBeDefined();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
