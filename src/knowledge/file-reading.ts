/**
 * How the text of one file was obtained, for the people who check the knowledge folder (`kb check`,
 * `/admin`): typed text, a converted Word file, or OCR of scanned pages, with what OCR cost and how sure it was.
 */
export interface FileReading {
  /** text: the file holds text (Markdown, DOCX, a PDF's text layer…); converted: an outside program turned it
   * into text (antiword); ocr: some or all pages were recognised from images. */
  method: 'text' | 'converted' | 'ocr';
  /** pending: OCR is running or queued; the file becomes a document when it finishes. */
  state: 'done' | 'pending' | 'failed' | 'unavailable';
  /** Pages of a PDF or a scan; null for formats without pages. */
  pages: number | null;
  /** Pages read by OCR. */
  ocrPages: number;
  /** Mean OCR confidence over the recognised words, 0–100; null without OCR. */
  confidence: number | null;
  /** Seconds OCR took when it ran (a cache hit reports the seconds of the run that filled the cache). */
  seconds: number | null;
  /** True when the OCR text came from the cache rather than from running OCR now. */
  cached: boolean;
  /** One Vietnamese line: "OCR 5 trang, độ tin cậy trung bình 91%, 12,4 giây (đã lưu sẵn)". */
  summary: string;
}

/** Below this mean word confidence (0–100), a page's OCR text is flagged for an admin to check. */
export const LOW_CONFIDENCE = 70;

function decimal(value: number, digits = 1): string {
  return value.toFixed(digits).replace(/\.0+$/, '').replace('.', ',');
}

export function textReading(pages: number | null = null): FileReading {
  return {
    method: 'text',
    state: 'done',
    pages,
    ocrPages: 0,
    confidence: null,
    seconds: null,
    cached: false,
    summary: pages === null ? 'đọc chữ trực tiếp' : `đọc lớp chữ của ${pages} trang`,
  };
}

export function convertedReading(tool: string): FileReading {
  return { ...textReading(), method: 'converted', summary: `chuyển sang chữ bằng ${tool}` };
}

export function ocrReading(fields: {
  pages: number;
  ocrPages: number;
  confidence: number | null;
  seconds: number;
  cached: boolean;
}): FileReading {
  const textPages = fields.pages - fields.ocrPages;
  const parts = [
    `OCR ${fields.ocrPages} trang${textPages > 0 ? ` (${textPages} trang có sẵn lớp chữ)` : ''}`,
    fields.confidence === null ? 'không nhận ra chữ nào' : `độ tin cậy trung bình ${Math.round(fields.confidence)}%`,
    `${decimal(fields.seconds)} giây${fields.cached ? ' (kết quả đã lưu, không OCR lại)' : ''}`,
  ];
  return { method: 'ocr', state: 'done', ...fields, summary: parts.join(', ') };
}

export function pendingOcrReading(pages: number | null, ocrPages: number, summary: string): FileReading {
  return { method: 'ocr', state: 'pending', pages, ocrPages, confidence: null, seconds: null, cached: false, summary };
}

export function unreadReading(
  state: 'failed' | 'unavailable',
  method: FileReading['method'],
  summary: string,
): FileReading {
  return { method, state, pages: null, ocrPages: 0, confidence: null, seconds: null, cached: false, summary };
}
