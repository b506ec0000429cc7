import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { DocumentFormat } from './document.ts';
import { type FileReading, textReading } from './file-reading.ts';
import { commandLineWordConverter } from './formats/legacy-word.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import type { KnowledgeReaders } from './knowledge-readers.ts';
import { readFormattedFile } from './read-formatted-file.ts';
import { readImageFile, readPdfFile } from './read-scanned-file.ts';

/** What one file of the knowledge folder says, before any metadata is extracted from it. */
export interface KnowledgeFileContent {
  format: DocumentFormat;
  /** Body text: NFC, `\n` line ends, front matter and leading blank lines removed, trailing white space trimmed. */
  text: string;
  /** The YAML front matter as a plain object, or null when the file has none (always null for DOCX and PDF). */
  frontMatter: Record<string, unknown> | null;
  /** 1-based line of the file where `text` starts, so that later errors can point at lines. */
  bodyStartLine: number;
  /** How the text was obtained: typed, converted, or OCR (pages, confidence, seconds). */
  reading: FileReading;
  /** What an admin should check about the reading (low OCR confidence, pages left unread…), in Vietnamese. */
  warnings: string[];
}

export interface ReadKnowledgeFileOptions {
  /** Files larger than this are refused before being read. Default 10 MiB. */
  maxBytes?: number;
  /** OCR and converters; without them scans are reported as needing OCR and `.doc` uses antiword directly. */
  readers?: Partial<KnowledgeReaders>;
  /** The file as the admin knows it (relative to the knowledge folder), for logs. Default: the path. */
  source?: string;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.doc': 'doc',
  '.odt': 'odt',
  '.rtf': 'rtf',
  '.html': 'html',
  '.htm': 'html',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
};

const ACCEPTED =
  'chỉ nhận tệp .md, .markdown, .txt, .docx, .doc, .odt, .rtf, .pdf (kể cả bản scan), .html, .htm, ' +
  'và ảnh scan .png, .jpg, .jpeg, .tif, .tiff';

function unsupportedType(extension: string): string {
  if (extension === '') return `chưa hỗ trợ tệp không có phần mở rộng; ${ACCEPTED}`;
  return `chưa hỗ trợ loại tệp "${extension}"; ${ACCEPTED}`;
}

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
  if (format === undefined) throw new KnowledgeFileError('UNSUPPORTED_TYPE', path, unsupportedType(extension));
  const bytes = await readBytes(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const scanned = { scans: options.readers?.scans ?? null, source: options.source ?? path };
  switch (format) {
    case 'markdown':
    case 'text':
      return readTextFile(path, format, bytes);
    case 'pdf':
      return { format, frontMatter: null, bodyStartLine: 1, ...(await readPdfFile(path, bytes, scanned)) };
    case 'image':
      return { format, frontMatter: null, bodyStartLine: 1, ...(await readImageFile(path, bytes, scanned)) };
    default:
      return {
        format,
        frontMatter: null,
        bodyStartLine: 1,
        warnings: [],
        ...(await readFormattedFile(path, format, bytes, options.readers?.word ?? commandLineWordConverter())),
      };
  }
}

async function readBytes(path: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new KnowledgeFileError('UNREADABLE', path, 'không phải là một tệp thông thường');
    size = info.size;
  } catch (error) {
    if (error instanceof KnowledgeFileError) throw error;
    throw new KnowledgeFileError('UNREADABLE', path, `không đọc được tệp: ${messageOf(error)}`, { cause: error });
  }
  // Checked before reading so that a stray video in the folder does not get loaded into memory.
  if (size > maxBytes) throw tooLarge(path, size, maxBytes);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new KnowledgeFileError('UNREADABLE', path, `không đọc được tệp: ${messageOf(error)}`, { cause: error });
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw tooLarge(path, bytes.length, maxBytes);
  return bytes;
}

function tooLarge(path: string, size: number, maxBytes: number): KnowledgeFileError {
  return new KnowledgeFileError(
    'TOO_LARGE',
    path,
    `tệp quá lớn: ${formatSize(size)}, vượt giới hạn ${formatSize(maxBytes)} (giới hạn đặt bằng KNOWLEDGE_MAX_FILE_MB)`,
  );
}

/**
 * "10,01 MB" from a megabyte up, as KNOWLEDGE_MAX_FILE_MB is set in megabytes; exact bytes ("1.024 byte") below.
 * Rounded up, so that a file just over a 10 MB limit never reads "10 MB, vượt giới hạn 10 MB".
 */
function formatSize(bytes: number): string {
  const MEGABYTE = 1024 * 1024;
  if (bytes < MEGABYTE) return `${String(bytes).replace(/\B(?=(\d{3})+$)/g, '.')} byte`;
  const megabytes = Math.ceil((bytes / MEGABYTE) * 100) / 100;
  return `${String(megabytes).replace('.', ',')} MB`;
}

function readTextFile(path: string, format: DocumentFormat, bytes: Buffer): KnowledgeFileContent {
  const text = normalizeLines(decodeUtf8(path, bytes));
  const lines = text.split('\n');
  const block = frontMatterBlock(path, lines);
  let start = block ? block.end + 1 : 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  const body = lines.slice(start).join('\n').trimEnd();
  const emptyMessage = block ? 'sau front matter không có nội dung văn bản' : 'tệp trống';
  return {
    format,
    text: nonEmpty(path, body, emptyMessage),
    frontMatter: block ? block.data : null,
    bodyStartLine: start + 1,
    reading: textReading(),
    warnings: [],
  };
}

function decodeUtf8(path: string, bytes: Buffer): string {
  // UTF-16 files (as Notepad used to save them) land here too: half their bytes are NUL.
  if (bytes.includes(0)) {
    throw new KnowledgeFileError(
      'BINARY',
      path,
      'không phải tệp văn bản UTF-8 (tệp nhị phân, hoặc văn bản lưu kiểu Unicode/UTF-16): nếu là văn bản, hãy lưu lại dưới dạng UTF-8',
    );
  }
  // The decoder drops a leading BOM itself (ignoreBOM is false by default).
  const text = new TextDecoder('utf-8').decode(bytes);
  let invalid = 0;
  for (const ch of text) if (ch === '\uFFFD') invalid++;
  if (invalid >= MIN_INVALID_UTF8_TO_REFUSE && invalid > text.length * MAX_INVALID_UTF8_RATIO) {
    throw new KnowledgeFileError(
      'BINARY',
      path,
      `có ${invalid} chuỗi byte không hợp lệ theo UTF-8: đây là tệp nhị phân, hoặc văn bản gõ bằng bảng mã cũ (TCVN3, VNI…); ` +
        'nếu là văn bản, hãy chuyển sang Unicode và lưu lại dưới dạng UTF-8',
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
  if (end < 0) {
    throw badFrontMatter(path, 1, 'front matter mở bằng dòng --- ở dòng 1 nhưng thiếu dòng --- để đóng lại');
  }
  const source = lines.slice(1, end).join('\n');
  // The core schema keeps 2012-12-28 a string: dates are validated by the metadata mapper, not guessed here.
  const document = parseDocument(source, { schema: 'core', prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    // The YAML starts on line 2 of the file; the parser's positions are offsets into the YAML alone.
    const line = 2 + countNewlines(source.slice(0, error.pos[0]));
    const hint = YAML_HINTS[error.code];
    throw badFrontMatter(path, line, `${INVALID_YAML}: ${firstLine(error.message)}${hint ? ` (${hint})` : ''}`, error);
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (cause) {
    throw badFrontMatter(path, 2, `${INVALID_YAML}: ${messageOf(cause)}`, cause);
  }
  if (data === null || data === undefined) return { data: {}, end };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'một danh sách' : (SCALAR_NAMES[typeof data] ?? typeof data);
    throw badFrontMatter(path, 2, `front matter phải gồm các dòng "tên_trường: giá trị", nhưng ở đây là ${got}`);
  }
  return { data: data as Record<string, unknown>, end };
}

const INVALID_YAML = 'front matter sai cú pháp YAML';

/**
 * The parser's own message is kept (it is what a search finds help for); these say in Vietnamese what usually
 * causes it. The classic case is an unquoted value that itself contains ": " (`so_hieu: Số: 14/2011/QĐ-UBND`).
 */
const YAML_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép "…"',
  DUPLICATE_KEY: 'có một trường được khai báo hai lần',
};

const SCALAR_NAMES: Partial<Record<string, string>> = {
  string: 'một dòng chữ',
  number: 'một con số',
  boolean: 'một giá trị đúng/sai',
};

function badFrontMatter(path: string, line: number, detail: string, cause?: unknown): KnowledgeFileError {
  return new KnowledgeFileError('BAD_FRONT_MATTER', path, detail, { line, cause });
}

function nonEmpty(path: string, text: string, message: string): string {
  if (text.trim() === '') throw new KnowledgeFileError('EMPTY', path, message);
  return text;
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
