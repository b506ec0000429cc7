import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { repairPdfText } from './extracted-text.ts';

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

/**
 * The text layer of every page and which pages need OCR. Throws what pdf.js throws for a corrupt or
 * password-protected file; the caller words it for the admin.
 */
export async function readPdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  // A copy: pdf.js may transfer (detach) the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { OPS } = await getResolvedPDFJS();
    const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
    const pages: PdfPage[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const raw = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      const text = repairPdfText(raw);
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
