import { isMap, isScalar, parseDocument } from 'yaml';
import type { DocumentFormat } from './document.ts';
import { type FileReading, textReading } from './file-reading.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import { checkTextChars, overLimit, type ReadLimits } from './limits/read-limits.ts';

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

/**
 * Share of undecodable bytes above which a "text" file is taken for binary or for a legacy
 * encoding (TCVN3, VNI, Windows-1258): a stray bad byte in a long UTF-8 file is tolerated,
 * a file that is mostly replacement characters is not.
 */
const MAX_INVALID_UTF8_RATIO = 0.01;
const MIN_INVALID_UTF8_TO_REFUSE = 4;
/** A Markdown or plain text file: UTF-8 checked, front matter bounded then parsed, body kept. */
export function readTextFile(
  path: string,
  format: DocumentFormat,
  bytes: Uint8Array,
  limits: Readonly<ReadLimits>,
): KnowledgeFileContent {
  const text = normalizeLines(decodeUtf8(path, bytes));
  const lines = text.split('\n');
  const block = frontMatterBlock(path, lines, limits);
  let start = block ? block.end + 1 : 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  const body = lines.slice(start).join('\n').trimEnd();
  checkTextChars(path, body.length, limits);
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

function decodeUtf8(path: string, bytes: Uint8Array): string {
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
function frontMatterBlock(path: string, lines: string[], limits: Readonly<ReadLimits>): FrontMatterBlock | null {
  if (lines[0]?.trimEnd() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (end < 0) {
    throw badFrontMatter(path, 1, 'front matter mở bằng dòng --- ở dòng 1 nhưng thiếu dòng --- để đóng lại');
  }
  const source = lines.slice(1, end).join('\n');
  checkFrontMatterSize(path, source, limits);
  // The core schema keeps 2012-12-28 a string: dates are validated by the metadata mapper, not guessed here.
  // The parser's own duplicate check compares every key with every other (85 s for 50,000 keys); ours is a Set.
  const document = parseDocument(source, { schema: 'core', prettyErrors: false, uniqueKeys: false });
  const [error] = document.errors;
  if (error) {
    // The YAML starts on line 2 of the file; the parser's positions are offsets into the YAML alone.
    const line = 2 + countNewlines(source.slice(0, error.pos[0]));
    const hint = YAML_HINTS[error.code];
    throw badFrontMatter(path, line, `${INVALID_YAML}: ${firstLine(error.message)}${hint ? ` (${hint})` : ''}`, error);
  }
  if (isMap(document.contents)) {
    const items = document.contents.items;
    if (items.length > limits.maxFrontMatterKeys) throw tooManyKeys(path, items.length, limits);
    const seen = new Set<unknown>();
    for (const item of items) {
      const key = isScalar(item.key) ? item.key.value : item.key;
      if (seen.has(key)) {
        const at = isScalar(item.key) ? (item.key.range?.[0] ?? 0) : 0;
        const message = `${INVALID_YAML}: Map keys must be unique (${YAML_HINTS.DUPLICATE_KEY})`;
        throw badFrontMatter(path, 2 + countNewlines(source.slice(0, at)), message);
      }
      seen.add(key);
    }
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
 * Refuses front matter too big to be metadata before the YAML parser sees it. Keys are counted from the
 * text (every `:` followed by a space or a line end could start one), so 50,000 keys cost a scan, not a parse.
 */
function checkFrontMatterSize(path: string, source: string, limits: Readonly<ReadLimits>): void {
  const bytes = Buffer.byteLength(source);
  if (bytes > limits.maxFrontMatterBytes) {
    throw overLimit(
      path,
      `front matter quá lớn (${Math.ceil(bytes / 1024)} KB, giới hạn ${Math.floor(limits.maxFrontMatterBytes / 1024)} KB, ` +
        'KNOWLEDGE_MAX_FRONT_MATTER_KB): front matter chỉ dành cho vài trường như so_hieu, ngay_ban_hanh, tinh',
      1,
    );
  }
  const colons = source.match(/:(?=[ \t\n,}]|$)/g)?.length ?? 0;
  // A value may hold a colon of its own ("10:30", "Số: 14/QĐ"), hence the margin before parsing anyway.
  if (colons > limits.maxFrontMatterKeys * 2) throw tooManyKeys(path, colons, limits);
}

function tooManyKeys(path: string, keys: number, limits: Readonly<ReadLimits>): KnowledgeFileError {
  return overLimit(
    path,
    `front matter có khoảng ${keys} trường, vượt giới hạn ${limits.maxFrontMatterKeys} trường ` +
      '(KNOWLEDGE_MAX_FRONT_MATTER_KEYS): front matter chỉ dành cho vài trường như so_hieu, ngay_ban_hanh, tinh',
    1,
  );
}

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
