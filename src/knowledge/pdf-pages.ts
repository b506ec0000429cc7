import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { repairPdfText } from './extracted-text.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import { checkPdfStreams } from './limits/pdf-streams.ts';
import { checkTextChars, DEFAULT_READ_LIMITS, overLimit, type ReadLimits } from './limits/read-limits.ts';

/** One page's own text layer, and whether it looks like a scan that OCR should read. */
export interface PdfPage {
  /** 1-based. */
  page: number;
  /** The text layer, repaired (NFC, tidied); '' when there is none. */
  text: string;
  needsOcr: boolean;
}

/**
 * Below this many letters a page has no real text layer. Signed scans often carry a few words of it (the
 * digital signature's "Ký bởi: … Thời gian ký: …"), which must not pass for the page's text.
 */
const MIN_TEXT_LETTERS = 40;
/** A page that paints an image and has fewer letters than this is a scan with a stamp or a caption on it. */
const MIN_TEXT_LETTERS_OVER_IMAGE = 300;

function letters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Object && 'name' in error && error.name === 'PasswordException';
}

/**
 * The text layer of every page and which pages need OCR. Streams are checked before pdf.js inflates them, the
 * page count before any page is read, the characters as pages are read. Throws KnowledgeFileError, worded for
 * the admin (a corrupt or password-protected file, a cap exceeded).
 */
export async function readPdfPages(
  path: string,
  bytes: Uint8Array,
  limits: Readonly<ReadLimits> = DEFAULT_READ_LIMITS,
): Promise<PdfPage[]> {
  checkPdfStreams(path, bytes, limits);
  try {
    return await pdfPages(path, bytes, limits);
  } catch (error) {
    if (error instanceof KnowledgeFileError) throw error;
    const detail = isPasswordError(error)
      ? 'PDF có đặt mật khẩu: hãy lưu một bản không có mật khẩu'
      : `không đọc được tệp PDF (${error instanceof Error ? error.message : String(error)}): tệp có thể bị hỏng`;
    throw new KnowledgeFileError('UNREADABLE', path, detail, { cause: error });
  }
}

async function pdfPages(path: string, bytes: Uint8Array, limits: Readonly<ReadLimits>): Promise<PdfPage[]> {
  // A copy: pdf.js may transfer (detach) the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    if (pdf.numPages > limits.maxPages) {
      throw overLimit(
        path,
        `PDF có ${pdf.numPages} trang, vượt giới hạn ${limits.maxPages} trang (KNOWLEDGE_MAX_PAGES): ` +
          'hãy tách thành các tệp nhỏ hơn',
      );
    }
    const { OPS } = await getResolvedPDFJS();
    const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
    const pages: PdfPage[] = [];
    let chars = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const raw = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      const text = repairPdfText(raw);
      chars += text.length;
      checkTextChars(path, chars, limits);
      const count = letters(text);
      let needsOcr = count < MIN_TEXT_LETTERS;
      if (!needsOcr && count < MIN_TEXT_LETTERS_OVER_IMAGE) {
        const operators = await page.getOperatorList();
        needsOcr = operators.fnArray.some((op) => imageOps.has(op));
      }
      pages.push({ page: number, text, needsOcr });
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}
