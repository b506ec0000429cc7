import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../../src/knowledge/extract-metadata.ts';
import type { LegacyWordConverter } from '../../src/knowledge/formats/legacy-word.ts';
import { loadKnowledgeFolder } from '../../src/knowledge/load-knowledge-folder.ts';
import { MemoryOcrCache } from '../../src/knowledge/ocr/ocr-cache.ts';
import type { OcrEngine } from '../../src/knowledge/ocr/ocr-engine.ts';
import { BackgroundScanReader } from '../../src/knowledge/ocr/scan-reader.ts';
import { readKnowledgeFile } from '../../src/knowledge/read-knowledge-file.ts';
import { ToolError } from '../../src/knowledge/tools/tool-error.ts';
import { encodeGreyPng } from '../fixtures/scanned-decision.ts';
import { readFailure, useTempFolder } from '../helpers/temp-folder.ts';

/** Legacy Word, OpenDocument, RTF, web pages and mixed PDFs, read through readKnowledgeFile. */

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const BAC_NINH = {
  number: '14/2011/QĐ-UBND',
  date: '2011-01-30',
  issuer: 'UBND tỉnh Bắc Ninh',
  province: 'Bắc Ninh',
  type: 'Quyết định',
};

const temp = useTempFolder('hoidap-formats-');
const file = temp.file;
const failure = readFailure;

describe('readKnowledgeFile: word-processor files and web pages', () => {
  it('reads a Word 97–2003 .doc with antiword, header table included', async () => {
    const content = await readKnowledgeFile(fixture('quyet-dinh-bac-ninh.doc'));
    expect(content.format).toBe('doc');
    expect(content.reading).toMatchObject({ method: 'converted', summary: 'chuyển sang chữ bằng antiword' });
    expect(content.text).toContain('Số: 14/2011/QĐ-UBND | Bắc Ninh, ngày 30 tháng 01 năm 2011');
    expect(extractMetadata(content.text).metadata).toMatchObject(BAC_NINH);
  });

  it('reads an OpenDocument .odt with odt2txt', async () => {
    const content = await readKnowledgeFile(fixture('quyet-dinh-bac-ninh.odt'));
    expect(content.reading.method).toBe('converted');
    expect(extractMetadata(content.text).metadata).toMatchObject(BAC_NINH);
  });

  it('reads a ".doc" that is really RTF, as portals often serve, without antiword', async () => {
    const rtf =
      '{\\rtf1\\ansi\\uc1 S\\u7889?: 14/2011/Q\\u272?-UBND\\par B\\u7855?c Ninh, ng\\u224?y 30 th\\u225?ng 01 n\\u259?m 2011\\par}';
    const content = await readKnowledgeFile(await file('rtf-doi-ten.doc', rtf), { readers: { word: missingPrograms } });
    expect(content.text).toBe('Số: 14/2011/QĐ-UBND\nBắc Ninh, ngày 30 tháng 01 năm 2011');
    expect(content.reading.method).toBe('text');
  });

  it('reads the main text of a saved portal page in its declared charset', async () => {
    const page = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1258"></head><body><nav>Trang chủ</nav><div class="content">'),
      // "Quyết định" in Windows-1258, with combining tone marks.
      Buffer.from([0x51, 0x75, 0x79, 0xea, 0xec, 0x74, 0x20, 0xf0, 0x69, 0xf2, 0x6e, 0x68]),
      // " số 14/2011/QĐ-UBND": ô (F4) with a combining acute (EC), Đ (D0).
      Buffer.from([0x20, 0x73, 0xf4, 0xec]),
      Buffer.from(' 14/2011/Q\xd0-UBND</div><footer>Trang ch\xfa</footer></body></html>', 'latin1'),
    ]);
    const content = await readKnowledgeFile(await file('trang.htm', page));
    expect(content.format).toBe('html');
    expect(content.text).toBe('Quyết định số 14/2011/QĐ-UBND');
  });

  it('says what to install when antiword is missing', async () => {
    const error = await failure(
      readKnowledgeFile(fixture('quyet-dinh-bac-ninh.doc'), { readers: { word: missingPrograms } }),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('.doc unavailable: install antiword');
    expect(error.reading).toMatchObject({ state: 'unavailable' });
  });
});

const missingPrograms: LegacyWordConverter = {
  docText: () => Promise.reject(new ToolError('MISSING', 'antiword', 'antiword is not installed')),
  odtText: () => Promise.reject(new ToolError('MISSING', 'odt2txt', 'odt2txt is not installed')),
};

/** Recognises every image as the same line, and counts the pages it was given. */
function fakeEngine(): OcrEngine & { pages: number[] } {
  const pages: number[] = [];
  return {
    pages,
    availability: async () => ({ images: true, pdf: true, missing: null }),
    rasterize: async (_pdf, page, outBase) => {
      pages.push(page);
      return { path: `${outBase}.pgm`, dpi: 300 };
    },
    recognize: async () => ({ text: 'Điều 2. Mục tiêu: 80% văn bản được trao đổi dưới dạng điện tử.', confidence: 88 }),
  };
}

describe('readKnowledgeFile: a mixed PDF, page by page', () => {
  it('keeps the text layer of page 1 and recognises only the scanned page 2', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([595, 842]).drawText('Decision 14/2011/QD-UBND of the People Committee of Bac Ninh province', {
      x: 40,
      y: 780,
      size: 11,
      font,
    });
    const blank = encodeGreyPng({ width: 40, height: 60, pixels: new Uint8Array(40 * 60).fill(255) });
    pdf.addPage([595, 842]).drawImage(await pdf.embedPng(blank), { x: 0, y: 0, width: 595, height: 842 });
    const path = await file('hon-hop.pdf', await pdf.save());

    const engine = fakeEngine();
    const scans = new BackgroundScanReader({
      engine,
      cache: new MemoryOcrCache(),
      logger: pino({ level: 'silent' }),
      concurrency: 1,
      pageTimeoutMs: 5000,
      maxPages: 50,
      workDir: temp.path(),
    });
    const pending = await failure(readKnowledgeFile(path, { readers: { scans } }));
    expect(pending.code).toBe('OCR_PENDING');
    await scans.idle();

    const content = await readKnowledgeFile(path, { readers: { scans } });
    expect(engine.pages).toEqual([2]);
    expect(content.text).toBe(
      'Decision 14/2011/QD-UBND of the People Committee of Bac Ninh province\n\n' +
        'Điều 2. Mục tiêu: 80% văn bản được trao đổi dưới dạng điện tử.',
    );
    expect(content.reading).toMatchObject({ method: 'ocr', pages: 2, ocrPages: 1, confidence: 88 });
    expect(content.reading.summary).toContain('OCR 1 trang (1 trang có sẵn lớp chữ)');
  });

  it('keeps the text pages and names the scanned ones when OCR is not set up', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([595, 842]).drawText('Decision 14/2011/QD-UBND of the People Committee of Bac Ninh province', {
      x: 40,
      y: 780,
      size: 11,
      font,
    });
    pdf.addPage([595, 842]);
    const content = await readKnowledgeFile(await file('hon-hop-khong-ocr.pdf', await pdf.save()));
    expect(content.text).toContain('14/2011/QD-UBND');
    expect(content.warnings).toEqual(['1 trang không có lớp chữ (bản scan) chưa được đọc: OCR chưa được bật ở đây']);
  });
});

describe('loadKnowledgeFolder on a machine without the OCR programs', () => {
  it('loads the rest and reports each scan with what to install', async () => {
    const folder = join(temp.path(), 'khong-co-tesseract');
    await mkdir(folder);
    await writeFile(join(folder, 'ke-hoach.txt'), 'Kế hoạch số 328/KH-UBND của UBND tỉnh Quảng Ninh về ứng dụng CNTT.');
    const pdf = await PDFDocument.create();
    const blank = encodeGreyPng({ width: 40, height: 60, pixels: new Uint8Array(40 * 60).fill(255) });
    pdf.addPage([595, 842]).drawImage(await pdf.embedPng(blank), { x: 0, y: 0, width: 595, height: 842 });
    await writeFile(join(folder, 'scan.pdf'), await pdf.save());
    const scans = new BackgroundScanReader({
      engine: {
        ...fakeEngine(),
        availability: async () => ({ images: false, pdf: false, missing: 'tesseract-ocr-vie' }),
      },
      cache: new MemoryOcrCache(),
      logger: pino({ level: 'silent' }),
      concurrency: 1,
      pageTimeoutMs: 5000,
      maxPages: 50,
    });

    const { documents, reports } = await loadKnowledgeFolder(folder, { readers: { scans } });
    expect(documents.map((document) => document.source)).toEqual(['ke-hoach.txt']);
    const scan = reports.find((report) => report.source === 'scan.pdf')!;
    expect(scan.errors).toEqual([
      { message: expect.stringContaining('scan.pdf: OCR unavailable: install tesseract-ocr-vie') },
    ]);
    expect(scan.reading).toMatchObject({ method: 'ocr', state: 'unavailable' });
  });
});
