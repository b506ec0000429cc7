import mammoth from 'mammoth';
import type { DocumentFormat } from './document.ts';
import { tidyExtractedText } from './extracted-text.ts';
import { convertedReading, type FileReading, textReading, unreadReading } from './file-reading.ts';
import { htmlCharset, htmlText } from './formats/html-text.ts';
import type { LegacyWordConverter } from './formats/legacy-word.ts';
import { rtfText } from './formats/rtf-text.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import { ToolError } from './tools/tool-error.ts';

/**
 * Word-processor files (DOCX, Word 97–2003, OpenDocument, RTF) and saved web pages: one text each, no pages,
 * no front matter. Throws KnowledgeFileError, naming the program to install when one is missing.
 */
export async function readFormattedFile(
  path: string,
  format: DocumentFormat,
  bytes: Buffer,
  word: LegacyWordConverter,
): Promise<{ text: string; reading: FileReading }> {
  const direct = (text: string) => ({ text, reading: textReading() });
  switch (format) {
    case 'docx':
      return direct(await docxText(path, bytes));
    case 'rtf':
      return direct(nonEmpty(path, rtfText(bytes.toString('latin1')), 'tệp RTF không có chữ nào'));
    case 'html':
      return direct(nonEmpty(path, pageText(bytes), 'trang web không có nội dung văn bản'));
    case 'odt':
      return { text: await converted(path, 'odt2txt', () => word.odtText(path)), reading: convertedReading('odt2txt') };
    case 'doc':
      return legacyDocText(path, bytes, word);
    default:
      throw new KnowledgeFileError('UNSUPPORTED_TYPE', path, `không đọc được loại tệp "${format}" ở đây`);
  }
}

function pageText(bytes: Buffer): string {
  return htmlText(new TextDecoder(htmlCharset(bytes)).decode(bytes));
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * A ".doc" is often not a Word 97–2003 file at all: portals serve RTF, HTML and renamed DOCX under that name.
 * The bytes decide which reader runs; only a real Word binary file needs antiword.
 */
async function legacyDocText(
  path: string,
  bytes: Buffer,
  word: LegacyWordConverter,
): Promise<{ text: string; reading: FileReading }> {
  const head = bytes
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('{\\rtf')) {
    return { text: nonEmpty(path, rtfText(bytes.toString('latin1')), 'tệp không có chữ nào'), reading: textReading() };
  }
  if (head.startsWith('PK')) return { text: await docxText(path, bytes), reading: textReading() };
  if (/^<(?:!doctype|html|\?xml|head|body|meta)/i.test(head)) {
    return { text: nonEmpty(path, pageText(bytes), 'tệp không có chữ nào'), reading: textReading() };
  }
  if (!bytes.subarray(0, 8).equals(OLE_SIGNATURE)) {
    throw new KnowledgeFileError(
      'UNREADABLE',
      path,
      'không phải tệp Word 97–2003 (.doc) hợp lệ: tệp có thể bị hỏng; hãy mở bằng Word rồi lưu lại thành .docx',
    );
  }
  return { text: await converted(path, 'antiword', () => word.docText(path)), reading: convertedReading('antiword') };
}

/** Runs a converter, turning a missing program or a failed run into a message for the admin. */
async function converted(path: string, tool: string, convert: () => Promise<string>): Promise<string> {
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
  return nonEmpty(path, text, 'tệp không có chữ nào');
}

async function docxText(path: string, bytes: Buffer): Promise<string> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    const detail = `không đọc được tệp DOCX (${messageOf(error)}): tệp có thể bị hỏng; hãy thử mở bằng Word rồi lưu lại`;
    throw new KnowledgeFileError('UNREADABLE', path, detail, { cause: error });
  }
  return nonEmpty(path, tidyExtractedText(raw.replace(/\r\n?/g, '\n').normalize('NFC')), 'tệp DOCX không có chữ nào');
}

function nonEmpty(path: string, text: string, message: string): string {
  if (text.trim() === '') throw new KnowledgeFileError('EMPTY', path, message);
  return text;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
