import { constants, inflateSync } from 'node:zlib';
import { megabytes, overLimit, type ReadLimits } from './read-limits.ts';

/** A stream's dictionary ends within this many bytes before its `stream` keyword. */
const DICTIONARY_WINDOW = 2048;

/**
 * Inflates every Flate-compressed stream of a PDF with a cap, before pdf.js sees the file: pdf.js inflates a
 * stream whole, and one 300 MB stream (306 KB on disk) ends the process with a fatal V8 error. Streams can
 * never sit inside object streams, so scanning the raw bytes for `stream` finds all of them. A stream that is
 * damaged is left for pdf.js to report; only size is judged here.
 */
export function checkPdfStreams(path: string, bytes: Uint8Array, limits: Readonly<ReadLimits>): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('latin1');
  const keyword = /(?<!end)stream(?:\r\n|\n|\r)/g;
  let stream = 0;
  for (let match = keyword.exec(text); match !== null; match = keyword.exec(text)) {
    stream++;
    const start = match.index + match[0].length;
    const head = text.slice(Math.max(0, match.index - DICTIONARY_WINDOW), match.index);
    const dictionary = head.slice(head.lastIndexOf('obj') + 1);
    if (!/\/(?:FlateDecode|Fl)\b/.test(dictionary)) continue;
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    let end = declared ? start + Number(declared[1]) : -1;
    if (end < start || end > text.length) end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    try {
      inflateSync(buffer.subarray(start, end), {
        maxOutputLength: limits.maxInflatedBytes,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue;
      throw overLimit(
        path,
        `luồng dữ liệu thứ ${stream} của PDF (${megabytes(end - start)} khi nén) giải nén ra hơn ` +
          `${megabytes(limits.maxInflatedBytes)}, vượt giới hạn KNOWLEDGE_MAX_INFLATED_MB: có thể là "bom nén", tệp bị từ chối`,
      );
    }
    keyword.lastIndex = Math.max(keyword.lastIndex, end);
  }
}
