import {
  type FileReading,
  LOW_CONFIDENCE,
  ocrReading,
  pendingOcrReading,
  textReading,
  unreadReading,
} from './file-reading.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import type { ReadLimits } from './limits/read-limits.ts';
import { readImageHeader } from './ocr/image-header.ts';
import type { PageReading, ScanReading } from './ocr/ocr-cache.ts';
import { contentHash, type ScanReader, type ScanStatus } from './ocr/scan-reader.ts';
import type { ContentParser } from './parsing/content-parser.ts';

/** The text of a PDF or an image, how it was read, and what an admin should check about it. */
export interface ScannedFileText {
  text: string;
  reading: FileReading;
  warnings: string[];
}

export interface ScannedFileContext {
  /** Null when OCR is not set up here (a bare library in a test, a tool): scans are then reported, not read. */
  scans: ScanReader | null;
  /** The file as the admin knows it, for logs. */
  source: string;
  /** Reads the PDF's own text layer (pdf.js), within the limits. */
  parser: ContentParser;
  limits: Readonly<ReadLimits>;
  /** SHA-256 of the bytes, when the caller already has it. */
  hash?: string;
}

/** A decoded image above this many pixels (an A4 page at 600 dpi is 35 million) is refused before OCR. */
const MAX_IMAGE_PIXELS = 100_000_000;

function pageList(pages: readonly number[]): string {
  return pages.length > 6 ? `${pages.slice(0, 6).join(', ')}…` : pages.join(', ');
}

/** The text and the report of a finished reading; the same whether it ran now or came from the cache. */
function fromReading(path: string, reading: ScanReading, cached: boolean): ScannedFileText {
  const ocr = reading.pages.filter((page) => page.source === 'ocr');
  const warnings: string[] = [];
  const low = ocr.filter((page) => page.confidence !== null && page.confidence < LOW_CONFIDENCE);
  if (low.length > 0) {
    warnings.push(
      `độ tin cậy OCR thấp ở trang ${low.map((page) => `${page.page} (${Math.round(page.confidence!)}%)`).join(', ')}: ` +
        'chữ nhận dạng có thể sai, hãy kiểm tra số hiệu, ngày và tỉnh ở trên; nếu có bản Word hoặc PDF có chữ, hãy dùng bản đó',
    );
  }
  for (const page of ocr) if (page.error) warnings.push(`trang ${page.page}: ${page.error}, đã bỏ qua trang này`);
  if (reading.unread.length > 0) {
    warnings.push(
      `bản scan có ${reading.unread.length + ocr.length} trang cần OCR, vượt giới hạn ${reading.maxPages} trang ` +
        `(OCR_MAX_PAGES): chỉ nhận dạng ${ocr.length} trang đầu, ${reading.unread.length} trang sau ` +
        `(trang ${pageList(reading.unread)}) chưa được đọc`,
    );
  }
  const text = reading.pages
    .map((page) => page.text)
    .filter((page) => page.trim() !== '')
    .join('\n\n');
  if (text === '') {
    throw new KnowledgeFileError(
      'EMPTY',
      path,
      `không nhận dạng được chữ nào trên ${ocr.length} trang scan (trang trắng, hoặc ảnh quá mờ?)`,
    );
  }
  const confidences = ocr.flatMap((page) => (page.confidence === null ? [] : [page.confidence]));
  return {
    text,
    warnings,
    reading: ocrReading({
      pages: reading.totalPages,
      ocrPages: ocr.length,
      confidence: confidences.length > 0 ? confidences.reduce((a, b) => a + b) / confidences.length : null,
      seconds: ocr.reduce((sum, page) => sum + page.seconds, 0),
      cached,
    }),
  };
}

function unavailableMessage(missing: string): string {
  return `OCR unavailable: install ${missing} (máy chủ chưa cài chương trình nhận dạng chữ, nên chưa đọc được bản scan)`;
}

/** What a reader's answer means for this file: text, or an error that says why not (yet). */
function fromStatus(path: string, status: ScanStatus, textPages: readonly PageReading[], total: number) {
  switch (status.state) {
    case 'done':
      return fromReading(path, status.reading, status.cached);
    case 'pending': {
      const queue = status.ahead > 0 ? `, sau ${status.ahead} tệp đang chờ` : '';
      const message = `đang nhận dạng chữ (OCR) ${status.pages} trang${queue}: văn bản sẽ trả lời được khi xong`;
      throw new KnowledgeFileError('OCR_PENDING', path, message, {
        reading: pendingOcrReading(total, status.pages, message),
      });
    }
    case 'failed':
      throw new KnowledgeFileError('UNREADABLE', path, status.message, {
        reading: unreadReading('failed', 'ocr', status.message),
      });
    case 'unavailable': {
      const message = unavailableMessage(status.missing);
      // A mixed PDF still gives its text pages; the scanned ones are named in a warning.
      if (textPages.length > 0) {
        return {
          text: textPages.map((page) => page.text).join('\n\n'),
          reading: textReading(total),
          warnings: [`${total - textPages.length} trang scan chưa được đọc: ${message}`],
        };
      }
      throw new KnowledgeFileError('UNAVAILABLE', path, message, {
        reading: unreadReading('unavailable', 'ocr', message),
      });
    }
  }
}

/**
 * A PDF: pages with a text layer keep it, pages without one go to OCR (page by page, so a mixed PDF is read
 * whole). A PDF read before is answered from the reader's cache without opening it.
 */
export async function readPdfFile(path: string, bytes: Buffer, context: ScannedFileContext): Promise<ScannedFileText> {
  const { scans } = context;
  const hash = scans ? (context.hash ?? contentHash(bytes)) : '';
  if (scans) {
    const found = await scans.lookup(hash, context.source);
    if (found) return fromReading(path, found.reading, found.cached);
  }
  const pages = await context.parser.pdfPages(path, bytes, context.limits);
  const textPages: PageReading[] = pages
    .filter((page) => !page.needsOcr)
    .map((page) => ({ page: page.page, source: 'text', text: page.text, confidence: null, seconds: 0 }));
  const ocrPages = pages.filter((page) => page.needsOcr).map((page) => page.page);
  if (ocrPages.length === 0) {
    const text = textPages.map((page) => page.text).join('\n\n');
    if (text.trim() === '') throw new KnowledgeFileError('EMPTY', path, 'PDF không có trang nào');
    return { text, reading: textReading(pages.length), warnings: [] };
  }
  if (!scans) {
    const message = 'PDF không có lớp chữ (bản scan?): OCR chưa được bật ở đây nên chưa đọc được';
    if (textPages.length === 0) throw new KnowledgeFileError('EMPTY', path, message);
    return {
      text: textPages.map((page) => page.text).join('\n\n'),
      reading: textReading(pages.length),
      warnings: [`${ocrPages.length} trang không có lớp chữ (bản scan) chưa được đọc: OCR chưa được bật ở đây`],
    };
  }
  const status = await scans.read({
    path,
    source: context.source,
    hash,
    kind: 'pdf',
    totalPages: pages.length,
    ocrPages,
    textPages,
  });
  return fromStatus(path, status, textPages, pages.length);
}

/** A scanned page saved as an image (PNG, JPEG, TIFF): checked from its header, then read by OCR. */
export async function readImageFile(
  path: string,
  bytes: Buffer,
  context: ScannedFileContext,
): Promise<ScannedFileText> {
  const header = readImageHeader(bytes);
  if (!header) {
    throw new KnowledgeFileError(
      'UNREADABLE',
      path,
      'không phải ảnh PNG, JPEG hoặc TIFF hợp lệ: tệp có thể bị hỏng hoặc bị đặt sai phần mở rộng',
    );
  }
  if (header.width !== null && header.height !== null && header.width * header.height > MAX_IMAGE_PIXELS) {
    throw new KnowledgeFileError(
      'TOO_LARGE',
      path,
      `ảnh quá lớn (${header.width}×${header.height} điểm ảnh): hãy quét lại ở 300 dpi`,
    );
  }
  const { scans } = context;
  if (!scans) throw new KnowledgeFileError('EMPTY', path, 'ảnh scan cần OCR, nhưng OCR chưa được bật ở đây');
  const status = await scans.read({
    path,
    source: context.source,
    hash: context.hash ?? contentHash(bytes),
    kind: 'image',
    totalPages: 1,
    ocrPages: [1],
    textPages: [],
  });
  return fromStatus(path, status, [], 1);
}
