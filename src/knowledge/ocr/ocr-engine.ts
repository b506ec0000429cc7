/**
 * The programs that turn a scanned page into text. The default is Tesseract with the Vietnamese model and
 * pdftoppm (poppler-utils) to rasterise PDF pages; a test or a bench may pass another implementation.
 */
export interface OcrEngine {
  /** What the machine can do; probed once, the result remembered. */
  availability(): Promise<OcrAvailability>;
  /** Renders one page (1-based) of a PDF to an image file next to `outBase`. */
  rasterize(pdfPath: string, page: number, outBase: string, timeoutMs: number): Promise<RasterizedPage>;
  /**
   * Recognises the text of an image file (every page of a multi-page TIFF). `dpi` is given for rendered
   * pages, whose resolution is known; without it the image's own (or an estimate) is used.
   */
  recognize(imagePath: string, outBase: string, timeoutMs: number, dpi?: number): Promise<RecognizedText>;
}

export interface RasterizedPage {
  path: string;
  dpi: number;
}

export interface OcrAvailability {
  /** Images can be recognised (tesseract with its Vietnamese model). */
  images: boolean;
  /** PDF pages can be rasterised too (pdftoppm). */
  pdf: boolean;
  /** What to install, for the log and the file reports; null when everything is there. */
  missing: string | null;
}

export interface RecognizedText {
  /** NFC, tidied, pages of a multi-page image separated by a blank line. */
  text: string;
  /** Mean word confidence 0–100; null when no word was recognised. */
  confidence: number | null;
}
