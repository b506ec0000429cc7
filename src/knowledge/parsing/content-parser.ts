import mammoth from 'mammoth';
import type { DocumentFormat } from '../document.ts';
import { tidyExtractedText } from '../extracted-text.ts';
import { htmlCharset, htmlText } from '../formats/html-text.ts';
import { rtfText } from '../formats/rtf-text.ts';
import { KnowledgeFileError } from '../knowledge-file-error.ts';
import { checkTextChars, type ReadLimits } from '../limits/read-limits.ts';
import { checkZipDirectory, checkZipInflation } from '../limits/zip-entries.ts';
import { type PdfPage, readPdfPages } from '../pdf-pages.ts';
import { type KnowledgeFileContent, readTextFile } from '../read-text-file.ts';

/** Formats whose text is taken from the bytes by a library of ours (no outside program, no OCR). */
export type FormattedFormat = 'docx' | 'rtf' | 'html';

/**
 * Turns the bytes of one file into text: the part of reading where a hostile file can cost memory and time
 * (YAML, pdf.js, mammoth). Each call stays within the limits it is given and throws KnowledgeFileError.
 * Implementations: in this process (tests, trusted tools), or in child processes that may die without
 * taking the bot with them (`ChildProcessParser`).
 */
export interface ContentParser {
  textFile(
    path: string,
    format: 'markdown' | 'text',
    bytes: Uint8Array,
    limits: Readonly<ReadLimits>,
  ): Promise<KnowledgeFileContent>;
  pdfPages(path: string, bytes: Uint8Array, limits: Readonly<ReadLimits>): Promise<PdfPage[]>;
  /** The text, tidied; may be empty (the caller words an empty file for its format). */
  formattedText(
    path: string,
    format: FormattedFormat,
    bytes: Uint8Array,
    limits: Readonly<ReadLimits>,
  ): Promise<string>;
}

export type ParseOperation = keyof ContentParser;

export function isFormattedFormat(format: DocumentFormat): format is FormattedFormat {
  return format === 'docx' || format === 'rtf' || format === 'html';
}

async function docxText(path: string, bytes: Uint8Array, limits: Readonly<ReadLimits>): Promise<string> {
  checkZipDirectory(path, bytes, limits);
  checkZipInflation(path, bytes, limits);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }))
      .value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const detail = `không đọc được tệp DOCX (${message}): tệp có thể bị hỏng; hãy thử mở bằng Word rồi lưu lại`;
    throw new KnowledgeFileError('UNREADABLE', path, detail, { cause: error });
  }
  return tidyExtractedText(raw.replace(/\r\n?/g, '\n').normalize('NFC'));
}

function formatted(path: string, format: FormattedFormat, bytes: Uint8Array, limits: Readonly<ReadLimits>) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 'docx':
      return docxText(path, bytes, limits);
    case 'rtf':
      return Promise.resolve(rtfText(buffer.toString('latin1')));
    case 'html':
      return Promise.resolve(htmlText(new TextDecoder(htmlCharset(buffer)).decode(buffer)));
  }
}

/** Parses in the calling process: no isolation, the same limits. */
export const inProcessParser: ContentParser = {
  textFile: async (path, format, bytes, limits) => readTextFile(path, format, bytes, limits),
  pdfPages: (path, bytes, limits) => readPdfPages(path, bytes, limits),
  async formattedText(path, format, bytes, limits) {
    const text = await formatted(path, format, bytes, limits);
    checkTextChars(path, text.length, limits);
    return text;
  },
};
