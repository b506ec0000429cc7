import { extname } from 'node:path';
import { SIDECAR_SUFFIX } from '../knowledge/front-matter.ts';

/**
 * What an admin may upload: every format a reader exists or is being added for. A format the running
 * readers do not know yet is still stored, and the admin page says why it was not read.
 */
export const UPLOAD_EXTENSIONS: readonly string[] = [
  '.md',
  '.markdown',
  '.txt',
  '.docx',
  '.pdf',
  '.doc',
  '.odt',
  '.rtf',
  '.html',
  '.htm',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
];

/** Room for `.meta.yaml` and a temporary suffix under the usual 255-byte limit of a file name. */
const MAX_NAME_BYTES = 200;

/**
 * Why `name` cannot be stored at the top of the knowledge folder, in the admin's words, or null when it can.
 * Refused: separators and `..` (leaving the folder), `%` (links to it would be decoded twice), control and
 * invisible characters, names the loader ignores (`.x`, `_x`, README) and unknown extensions.
 */
export function uploadNameProblem(name: string): string | null {
  if (name !== name.normalize('NFC')) return 'tên tệp phải ở dạng Unicode dựng sẵn (NFC)';
  if (name.trim() !== name || name === '') return 'tên tệp rỗng hoặc có khoảng trắng ở đầu, cuối';
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `tên tệp quá dài (tối đa ${MAX_NAME_BYTES} byte)`;
  if (/[/\\]/.test(name) || name === '..') return 'tên tệp không được chứa dấu / hoặc \\';
  if (/[%:*?"<>|]/.test(name)) return 'tên tệp không được chứa các ký tự % : * ? " < > |';
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return 'tên tệp có ký tự điều khiển hoặc ký tự vô hình';
  if (name.startsWith('.') || name.startsWith('_') || /^readme(?:\.\w+)?$/i.test(name)) {
    return 'tên tệp bắt đầu bằng "." hoặc "_", hoặc tên README, sẽ bị bỏ qua khi nạp';
  }
  if (name.toLowerCase().endsWith(SIDECAR_SUFFIX)) return 'tệp .meta.yaml được ghi qua biểu mẫu sửa thông tin';
  const extension = extname(name).toLowerCase();
  if (!UPLOAD_EXTENSIONS.includes(extension)) {
    return `chưa nhận loại tệp "${extension || 'không có phần mở rộng'}"; nhận: ${UPLOAD_EXTENSIONS.join(' ')}`;
  }
  return null;
}
