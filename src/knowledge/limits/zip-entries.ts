import { constants, inflateRawSync } from 'node:zlib';
import type { KnowledgeFileError } from '../knowledge-file-error.ts';
import { megabytes, overLimit, type ReadLimits } from './read-limits.ts';

/** One file inside a zip (DOCX, ODT), as its central directory declares it. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** A DOCX holds a few dozen parts; thousands of entries are a way to make the reader work, not a document. */
const MAX_ENTRIES = 10_000;
/**
 * Inflated-to-compressed ratio above which a large entry is taken for a zip bomb. Word's XML compresses 5–30
 * times and the images in a DOCX not at all; a run of zeros compresses about 1,000 times.
 */
const MAX_RATIO = 200;
const RATIO_CHECKED_FROM = 1024 * 1024;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function bomb(path: string, detail: string): KnowledgeFileError {
  return overLimit(path, `${detail}: có thể là "bom nén", tệp bị từ chối`);
}

/** The central directory, or null when the bytes are not a zip (the format's reader then says so). */
function zipEntries(path: string, bytes: Uint8Array): ZipEntry[] | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, view.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = view.length - 22; at >= lowest; at--) {
    if (view.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.readUInt16LE(eocd + 10);
  const directoryOffset = view.readUInt32LE(eocd + 16);
  // ZIP64 is for archives over 4 GB or 65,535 entries: never a document under the size limit.
  if (count === 0xffff || directoryOffset === 0xffffffff) throw bomb(path, 'tệp nén dùng định dạng ZIP64');
  if (count > MAX_ENTRIES) throw bomb(path, `tệp nén có ${count} thành phần (quá ${MAX_ENTRIES})`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.length || view.readUInt32LE(at) !== CENTRAL_SIGNATURE) return entries;
    const nameLength = view.readUInt16LE(at + 28);
    entries.push({
      method: view.readUInt16LE(at + 10),
      compressedSize: view.readUInt32LE(at + 20),
      uncompressedSize: view.readUInt32LE(at + 24),
      localHeaderOffset: view.readUInt32LE(at + 42),
      name: view.toString('utf8', at + 46, Math.min(view.length, at + 46 + nameLength)),
    });
    at += 46 + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Refuses a zip whose central directory declares more inflated bytes than the cap, or an entry inflating
 * far more than documents do. Reads only the directory: milliseconds, whatever the zip would inflate to.
 */
export function checkZipDirectory(path: string, bytes: Uint8Array, limits: Readonly<ReadLimits>): void {
  const entries = zipEntries(path, bytes);
  if (!entries) return;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize >= RATIO_CHECKED_FROM && ratio > MAX_RATIO) {
      throw bomb(
        path,
        `thành phần "${entry.name}" nén ${megabytes(entry.compressedSize)} nhưng giải nén ra ${megabytes(entry.uncompressedSize)} ` +
          `(gấp ${Math.round(ratio)} lần, văn bản thật không quá ${MAX_RATIO} lần)`,
      );
    }
  }
  if (total > limits.maxInflatedBytes) {
    throw bomb(
      path,
      `tệp nén giải nén ra ${megabytes(total)}, vượt giới hạn ${megabytes(limits.maxInflatedBytes)} (KNOWLEDGE_MAX_INFLATED_MB)`,
    );
  }
}

/**
 * Inflates every entry with a cap of the size it declares, so a directory that lies about its sizes is caught
 * while inflating rather than by the reader running out of memory.
 */
export function checkZipInflation(path: string, bytes: Uint8Array, limits: Readonly<ReadLimits>): void {
  const entries = zipEntries(path, bytes);
  if (!entries) return;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget = limits.maxInflatedBytes;
  for (const entry of entries) {
    if (entry.method !== 8) continue;
    const local = entry.localHeaderOffset;
    if (local + 30 > view.length || view.readUInt32LE(local) !== LOCAL_SIGNATURE) continue;
    const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    const data = view.subarray(start, start + entry.compressedSize);
    const cap = Math.min(entry.uncompressedSize, budget) + 1;
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw bomb(path, `thành phần "${entry.name}" giải nén ra nhiều hơn kích thước nó khai báo`);
      }
      // A damaged entry is the reader's to report.
      continue;
    }
    if (inflated.length > entry.uncompressedSize) {
      throw bomb(path, `thành phần "${entry.name}" giải nén ra nhiều hơn kích thước nó khai báo`);
    }
    budget -= inflated.length;
  }
}
