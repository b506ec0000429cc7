import { readFile } from 'node:fs/promises';
import { repairPdfText } from '../extracted-text.ts';
import { runTool, toolRuns } from '../tools/run-tool.ts';
import type { OcrAvailability, OcrEngine, RasterizedPage, RecognizedText } from './ocr-engine.ts';
import { wordConfidence } from './tesseract-confidence.ts';

export interface TesseractEngineOptions {
  /** Resolution PDF pages are rendered at. Default 300, what Tesseract is trained for. */
  dpi?: number;
  /** Tesseract language(s). Default "vie". */
  language?: string;
}

/**
 * Tesseract and pdftoppm as child processes. `--psm 1` asks Tesseract for automatic page segmentation with
 * orientation and script detection, so a page scanned sideways or upside down is turned first; the small skew
 * of a hand-fed scanner is absorbed by its line finder. OMP_THREAD_LIMIT=1 keeps one page on one core: the
 * other core keeps answering questions, and OCR_CONCURRENCY decides how many pages run at once.
 */
export function tesseractEngine(options: TesseractEngineOptions = {}): OcrEngine {
  const dpi = options.dpi ?? 300;
  const language = options.language ?? 'vie';
  let probed: Promise<OcrAvailability> | null = null;

  const probe = async (): Promise<OcrAvailability> => {
    const [languages, pdftoppm] = await Promise.all([
      runTool('tesseract', ['--list-langs'], { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 }).then(
        (out) => out.toString('utf8').split(/\s+/),
        () => null,
      ),
      toolRuns('pdftoppm', ['-v']),
    ]);
    const images = languages !== null && language.split('+').every((name) => languages.includes(name));
    const missing = [
      ...(languages === null ? ['tesseract-ocr'] : []),
      ...(images ? [] : [`tesseract-ocr-${language.split('+')[0]}`]),
      ...(pdftoppm ? [] : ['poppler-utils']),
    ];
    return { images, pdf: images && pdftoppm, missing: missing.length > 0 ? missing.join(' ') : null };
  };

  return {
    availability() {
      probed ??= probe();
      return probed;
    },

    async rasterize(pdfPath, page, outBase, timeoutMs): Promise<RasterizedPage> {
      // Uncompressed greyscale (PGM): 0.2 s a page where PNG takes 1.7 s to compress, and Tesseract reads it
      // faster too; the 9 MB file lives only until the page is recognised.
      const args = ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile'];
      await runTool('pdftoppm', [...args, pdfPath, outBase], { timeoutMs, maxOutputBytes: 1024 * 1024 });
      return { path: `${outBase}.pgm`, dpi };
    },

    async recognize(imagePath, outBase, timeoutMs, pageDpi): Promise<RecognizedText> {
      // One recognition, two renderers: the text as Tesseract lays it out, and the TSV with word confidences.
      // An image file's own resolution is used (Tesseract estimates it when the file has none).
      const resolution = pageDpi === undefined ? [] : ['--dpi', String(pageDpi)];
      await runTool('tesseract', [imagePath, outBase, '-l', language, '--psm', '1', ...resolution, 'txt', 'tsv'], {
        timeoutMs,
        maxOutputBytes: 1024 * 1024,
        env: { OMP_THREAD_LIMIT: '1' },
      });
      const [text, tsv] = await Promise.all([readFile(`${outBase}.txt`, 'utf8'), readFile(`${outBase}.tsv`, 'utf8')]);
      return { text: repairPdfText(text.replace(/\f/g, '\n\n')), confidence: wordConfidence(tsv).mean };
    },
  };
}
