import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { parseDocument } from 'yaml';
import type { DocumentFormat } from './document.ts';
import { repairPdfText, tidyExtractedText } from './extracted-text.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/** What one file of the knowledge folder says, before any metadata is extracted from it. */
export interface KnowledgeFileContent {
  format: DocumentFormat;
  /** Body text: NFC, `\n` line ends, front matter and leading blank lines removed, trailing white space trimmed. */
  text: string;
  /** The YAML front matter as a plain object, or null when the file has none (always null for DOCX and PDF). */
  frontMatter: Record<string, unknown> | null;
  /** 1-based line of the file where `text` starts, so that later errors can point at lines. */
  bodyStartLine: number;
}

export interface ReadKnowledgeFileOptions {
  /** Files larger than this are refused before being read. Default 10 MiB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

/**
 * Share of undecodable bytes above which a "text" file is taken for binary or for a legacy
 * encoding (TCVN3, VNI, Windows-1258): a stray bad byte in a long UTF-8 file is tolerated,
 * a file that is mostly replacement characters is not.
 */
const MAX_INVALID_UTF8_RATIO = 0.01;
const MIN_INVALID_UTF8_TO_REFUSE = 4;

/**
 * Reads one file of the knowledge folder as text. Throws KnowledgeFileError for anything that
 * cannot become a document; the caller decides whether that is worth reporting (e.g. `.gitkeep`).
 */
export async function readKnowledgeFile(
  path: string,
  options: ReadKnowledgeFileOptions = {},
): Promise<KnowledgeFileContent> {
  const extension = extname(path).toLowerCase();
  const format = FORMATS[extension];
  if (format === undefined) {
    throw new KnowledgeFileError(
      'UNSUPPORTED_TYPE',
      path,
      `unsupported file type "${extension || '(no extension)'}"; expected .md, .markdown, .txt, .docx or .pdf`,
    );
  }
  const bytes = await readBytes(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  switch (format) {
    case 'markdown':
    case 'text':
      return readTextFile(path, format, bytes);
    case 'docx':
      return { format, text: await docxText(path, bytes), frontMatter: null, bodyStartLine: 1 };
    case 'pdf':
      return { format, text: await pdfText(path, bytes), frontMatter: null, bodyStartLine: 1 };
  }
}

async function readBytes(path: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new KnowledgeFileError('UNREADABLE', path, 'not a regular file');
    size = info.size;
  } catch (error) {
    if (error instanceof KnowledgeFileError) throw error;
    throw new KnowledgeFileError('UNREADABLE', path, `cannot read file: ${messageOf(error)}`, { cause: error });
  }
  // Checked before reading so that a stray video in the folder does not get loaded into memory.
  if (size > maxBytes) throw tooLarge(path, size, maxBytes);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new KnowledgeFileError('UNREADABLE', path, `cannot read file: ${messageOf(error)}`, { cause: error });
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw tooLarge(path, bytes.length, maxBytes);
  return bytes;
}

function tooLarge(path: string, size: number, maxBytes: number): KnowledgeFileError {
  return new KnowledgeFileError('TOO_LARGE', path, `file is ${size} bytes, more than the limit of ${maxBytes} bytes`);
}

function readTextFile(path: string, format: DocumentFormat, bytes: Buffer): KnowledgeFileContent {
  const text = normalizeLines(decodeUtf8(path, bytes));
  const lines = text.split('\n');
  const block = frontMatterBlock(path, lines);
  let start = block ? block.end + 1 : 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  const body = lines.slice(start).join('\n').trimEnd();
  const emptyMessage = block ? 'no text after the front matter' : 'file is empty';
  return {
    format,
    text: nonEmpty(path, body, emptyMessage),
    frontMatter: block ? block.data : null,
    bodyStartLine: start + 1,
  };
}

function decodeUtf8(path: string, bytes: Buffer): string {
  // UTF-16 files (as Notepad used to save them) land here too: half their bytes are NUL.
  if (bytes.includes(0)) {
    throw new KnowledgeFileError('BINARY', path, 'contains NUL bytes: not a UTF-8 text file');
  }
  // The decoder drops a leading BOM itself (ignoreBOM is false by default).
  const text = new TextDecoder('utf-8').decode(bytes);
  let invalid = 0;
  for (const ch of text) if (ch === '\uFFFD') invalid++;
  if (invalid >= MIN_INVALID_UTF8_TO_REFUSE && invalid > text.length * MAX_INVALID_UTF8_RATIO) {
    throw new KnowledgeFileError(
      'BINARY',
      path,
      `${invalid} byte sequences are not valid UTF-8: binary file, or text in a legacy encoding (save it as UTF-8)`,
    );
  }
  return text;
}

/** CRLF and lone CR become `\n`; NFC so that every later comparison sees one form of each letter. */
function normalizeLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

interface FrontMatterBlock {
  data: Record<string, unknown>;
  /** Index (0-based) of the closing `---` line. */
  end: number;
}

/** The YAML between a `---` first line and the next `---` (or `...`) line, parsed; null when absent. */
function frontMatterBlock(path: string, lines: string[]): FrontMatterBlock | null {
  if (lines[0]?.trimEnd() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (end < 0) throw badFrontMatter(path, 1, 'opened with --- on line 1 but never closed');
  const source = lines.slice(1, end).join('\n');
  // The core schema keeps 2012-12-28 a string: dates are validated by the metadata mapper, not guessed here.
  const document = parseDocument(source, { schema: 'core', prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    // The YAML starts on line 2 of the file; the parser's positions are offsets into the YAML alone.
    const line = 2 + countNewlines(source.slice(0, error.pos[0]));
    throw badFrontMatter(path, line, firstLine(error.message), error);
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (cause) {
    throw badFrontMatter(path, 2, messageOf(cause), cause);
  }
  if (data === null || data === undefined) return { data: {}, end };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    throw badFrontMatter(path, 2, `must be a mapping of keys to values (key: value), got ${got}`);
  }
  return { data: data as Record<string, unknown>, end };
}

function badFrontMatter(path: string, line: number, detail: string, cause?: unknown): KnowledgeFileError {
  return new KnowledgeFileError('BAD_FRONT_MATTER', path, `bad front matter: ${detail}`, { line, cause });
}

async function docxText(path: string, bytes: Buffer): Promise<string> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    throw new KnowledgeFileError('UNREADABLE', path, `cannot read DOCX: ${messageOf(error)}`, { cause: error });
  }
  return nonEmpty(path, tidyExtractedText(normalizeLines(raw)), 'DOCX has no text');
}

async function pdfText(path: string, bytes: Buffer): Promise<string> {
  let pages: string[];
  try {
    // A copy: pdf.js may transfer (detach) the buffer it is given.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      pages = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const detail = isPasswordError(error) ? 'PDF is password-protected' : `cannot read PDF: ${messageOf(error)}`;
    throw new KnowledgeFileError('UNREADABLE', path, detail, { cause: error });
  }
  const text = pages
    .map(repairPdfText)
    .filter((page) => page !== '')
    .join('\n\n');
  return nonEmpty(path, text, 'PDF has no text layer (a scanned document?); OCR is not supported');
}

function nonEmpty(path: string, text: string, message: string): string {
  if (text.trim() === '') throw new KnowledgeFileError('EMPTY', path, message);
  return text;
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Object && 'name' in error && error.name === 'PasswordException';
}

function countNewlines(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '\n') count++;
  return count;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
