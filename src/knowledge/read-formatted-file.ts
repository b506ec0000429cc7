import type { DocumentFormat } from './document.ts';
import { convertedReading, type FileReading, textReading, unreadReading } from './file-reading.ts';
import type { LegacyWordConverter } from './formats/legacy-word.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import { checkTextChars, type ReadLimits } from './limits/read-limits.ts';
import { checkZipDirectory } from './limits/zip-entries.ts';
import type { ContentParser } from './parsing/content-parser.ts';
import { ToolError } from './tools/tool-error.ts';

/** What reading a word-processor file needs: the converters for legacy formats, the parser, the limits. */
export interface FormattedFileContext {
  word: LegacyWordConverter;
  parser: ContentParser;
  limits: Readonly<ReadLimits>;
}

/**
 * Word-processor files (DOCX, Word 97–2003, OpenDocument, RTF) and saved web pages: one text each, no pages,
 * no front matter. Throws KnowledgeFileError, naming the program to install when one is missing.
 */
export async function readFormattedFile(
  path: string,
  format: DocumentFormat,
  bytes: Buffer,
  context: FormattedFileContext,
): Promise<{ text: string; reading: FileReading }> {
  const { parser, limits } = context;
  const direct = (text: string) => ({ text, reading: textReading() });
  switch (format) {
    case 'docx':
      return direct(await docxText(path, bytes, context));
    case 'rtf':
      return direct(nonEmpty(path, await parser.formattedText(path, 'rtf', bytes, limits), 'tệp RTF không có chữ nào'));
    case 'html': {
      const text = await parser.formattedText(path, 'html', bytes, limits);
      return direct(nonEmpty(path, text, 'trang web không có nội dung văn bản'));
    }
    case 'odt': {
      // odt2txt inflates the zip itself: its directory is checked here first.
      checkZipDirectory(path, bytes, limits);
      const text = await converted(path, 'odt2txt', () => context.word.odtText(path), limits);
      return { text, reading: convertedReading('odt2txt') };
    }
    case 'doc':
      return legacyDocText(path, bytes, context);
    default:
      throw new KnowledgeFileError('UNSUPPORTED_TYPE', path, `không đọc được loại tệp "${format}" ở đây`);
  }
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * A ".doc" is often not a Word 97–2003 file at all: portals serve RTF, HTML and renamed DOCX under that name.
 * The bytes decide which reader runs; only a real Word binary file needs antiword.
 */
async function legacyDocText(
  path: string,
  bytes: Buffer,
  context: FormattedFileContext,
): Promise<{ text: string; reading: FileReading }> {
  const { parser, limits } = context;
  const head = bytes
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('{\\rtf')) {
    const text = await parser.formattedText(path, 'rtf', bytes, limits);
    return { text: nonEmpty(path, text, 'tệp không có chữ nào'), reading: textReading() };
  }
  if (head.startsWith('PK')) return { text: await docxText(path, bytes, context), reading: textReading() };
  if (/^<(?:!doctype|html|\?xml|head|body|meta)/i.test(head)) {
    const text = await parser.formattedText(path, 'html', bytes, limits);
    return { text: nonEmpty(path, text, 'tệp không có chữ nào'), reading: textReading() };
  }
  if (!bytes.subarray(0, 8).equals(OLE_SIGNATURE)) {
    throw new KnowledgeFileError(
      'UNREADABLE',
      path,
      'không phải tệp Word 97–2003 (.doc) hợp lệ: tệp có thể bị hỏng; hãy mở bằng Word rồi lưu lại thành .docx',
    );
  }
  const text = await converted(path, 'antiword', () => context.word.docText(path), limits);
  return { text, reading: convertedReading('antiword') };
}

/** Runs a converter, turning a missing program or a failed run into a message for the admin. */
async function converted(
  path: string,
  tool: string,
  convert: () => Promise<string>,
  limits: Readonly<ReadLimits>,
): Promise<string> {
  let text: string;
  try {
    text = await convert();
  } catch (error) {
    if (error instanceof ToolError && error.code === 'MISSING') {
      const kind = tool === 'antiword' ? '.doc' : '.odt';
      const message = `${kind} unavailable: install ${tool} (máy chủ chưa cài ${tool} nên chưa đọc được tệp ${kind}; hoặc lưu lại thành .docx)`;
      throw new KnowledgeFileError('UNAVAILABLE', path, message, {
        cause: error,
        reading: unreadReading('unavailable', 'converted', message),
      });
    }
    const reason =
      error instanceof ToolError ? error.stderr.trim().split('\n').at(-1) || error.message : messageOf(error);
    throw new KnowledgeFileError(
      'UNREADABLE',
      path,
      `không đọc được tệp (${reason.replaceAll(path, '').trim()}): tệp có thể bị hỏng; hãy mở bằng Word rồi lưu lại thành .docx`,
      { cause: error },
    );
  }
  checkTextChars(path, text.length, limits);
  return nonEmpty(path, text, 'tệp không có chữ nào');
}

/** The zip's directory is checked here, in milliseconds, before the bytes go to a parser at all. */
async function docxText(path: string, bytes: Buffer, { parser, limits }: FormattedFileContext): Promise<string> {
  checkZipDirectory(path, bytes, limits);
  return nonEmpty(path, await parser.formattedText(path, 'docx', bytes, limits), 'tệp DOCX không có chữ nào');
}

function nonEmpty(path: string, text: string, message: string): string {
  if (text.trim() === '') throw new KnowledgeFileError('EMPTY', path, message);
  return text;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
