import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DocumentFormat } from './document.ts';
import { commandLineWordConverter } from './formats/legacy-word.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import type { KnowledgeReaders } from './knowledge-readers.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits/read-limits.ts';
import { contentHash } from './ocr/scan-reader.ts';
import { type ContentParser, inProcessParser } from './parsing/content-parser.ts';
import { readFormattedFile } from './read-formatted-file.ts';
import { readImageFile, readPdfFile } from './read-scanned-file.ts';
import type { KnowledgeFileContent } from './read-text-file.ts';
import type { RefusedFiles } from './refused-files.ts';

export type { KnowledgeFileContent } from './read-text-file.ts';

export interface ReadKnowledgeFileOptions {
  /** Files larger than this are refused before being read. Default 10 MiB. */
  maxBytes?: number;
  /** OCR and converters; without them scans are reported as needing OCR and `.doc` uses antiword directly. */
  readers?: Partial<KnowledgeReaders>;
  /** The file as the admin knows it (relative to the knowledge folder), for logs. Default: the path. */
  source?: string;
  /** Caps on inflated bytes, pages, characters and front matter. Default DEFAULT_READ_LIMITS. */
  limits?: Readonly<ReadLimits>;
  /** Where the bytes are parsed. Default: in this process; the bot uses child processes (ChildProcessParser). */
  parser?: ContentParser;
  /** Files refused for a cap, by content hash: such a file is not parsed again. Default: none remembered. */
  refused?: RefusedFiles | null;
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
  const refused = options.refused ?? null;
  const hash = refused || options.readers?.scans ? contentHash(bytes) : undefined;
  const known = refused && hash ? await refused.lookup(hash) : null;
  if (known) {
    throw new KnowledgeFileError(
      'OVER_LIMIT',
      path,
      `${known.detail} (đã từ chối lần trước theo nội dung tệp nên không đọc lại; sửa tệp hoặc nâng giới hạn để đọc lại)`,
      known.line === undefined ? {} : { line: known.line },
    );
  }
  try {
    return await readByFormat(path, format, bytes, options, hash);
  } catch (error) {
    if (refused && hash && error instanceof KnowledgeFileError && error.code === 'OVER_LIMIT') {
      await refused.remember(hash, {
        detail: error.detail,
        ...(error.line === undefined ? {} : { line: error.line }),
        source: options.source ?? path,
        at: new Date().toISOString(),
      });
    }
    throw error;
  }
}

async function readByFormat(
  path: string,
  format: DocumentFormat,
  bytes: Buffer,
  options: ReadKnowledgeFileOptions,
  hash: string | undefined,
): Promise<KnowledgeFileContent> {
  const parser = options.parser ?? inProcessParser;
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const scanned = {
    scans: options.readers?.scans ?? null,
    source: options.source ?? path,
    parser,
    limits,
    ...(hash === undefined ? {} : { hash }),
  };
  switch (format) {
    case 'markdown':
    case 'text':
      return parser.textFile(path, format, bytes, limits);
    case 'pdf':
      return { format, frontMatter: null, bodyStartLine: 1, ...(await readPdfFile(path, bytes, scanned)) };
    case 'image':
      return { format, frontMatter: null, bodyStartLine: 1, ...(await readImageFile(path, bytes, scanned)) };
    default: {
      const word = options.readers?.word ?? commandLineWordConverter();
      return {
        format,
        frontMatter: null,
        bodyStartLine: 1,
        warnings: [],
        ...(await readFormattedFile(path, format, bytes, { word, parser, limits })),
      };
    }
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
