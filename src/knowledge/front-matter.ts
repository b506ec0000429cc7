import { type Document, isMap, parseDocument } from 'yaml';
import { collapseWhitespace } from '../text/normalize.ts';
import { canonicalProvince } from '../text/provinces.ts';
import type { DocumentMetadata } from './document.ts';

export interface FrontMatterMetadata {
  /**
   * Only the fields the front matter sets. A field set to null means "the source gives none"
   * and must win over whatever extraction from the text would find.
   */
  metadata: Partial<DocumentMetadata>;
  /** Problems worth showing in `kb check`, each naming the key; the field concerned is left out. */
  warnings: string[];
}

/** The Vietnamese keys written in the knowledge folder's front matter, and the field each sets. */
const FIELDS = {
  so_hieu: 'number',
  ngay_ban_hanh: 'date',
  co_quan_ban_hanh: 'issuer',
  tinh: 'province',
  loai: 'type',
  trich_yeu: 'title',
  thay_the: 'replaces',
  thuc_hien: 'implements',
  nguon: 'origin',
  ngay_dang: 'publishedDate',
} as const satisfies Record<string, keyof DocumentMetadata>;

type FrontMatterKey = keyof typeof FIELDS;

const DATE_FIELDS: ReadonlySet<keyof DocumentMetadata> = new Set(['date', 'publishedDate']);

/** Maps parsed front matter onto document metadata, warning about unknown keys and bad values. */
export function metadataFromFrontMatter(data: Record<string, unknown>): FrontMatterMetadata {
  const metadata: Partial<DocumentMetadata> = {};
  const warnings: string[] = [];
  for (const [key, raw] of Object.entries(data)) {
    if (!isKnownKey(key)) {
      warnings.push(unknownKeyWarning(key));
      continue;
    }
    const field = FIELDS[key];
    const result = fieldValue(field, raw);
    if ('warning' in result) warnings.push(`${key}: ${result.warning}`);
    else metadata[field] = result.value;
  }
  return { metadata, warnings };
}

type FieldResult = { value: string | null } | { warning: string };

function fieldValue(field: keyof DocumentMetadata, raw: unknown): FieldResult {
  if (raw === null || raw === undefined) return { value: null };
  if (DATE_FIELDS.has(field)) return dateValue(raw);
  // YAML reads `so_hieu: 16` as a number; the document number is text all the same.
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof text !== 'string') return { warning: `cần ghi dạng chữ, nhưng ở đây là ${describe(raw)}` };
  const value = collapseWhitespace(text.normalize('NFC'));
  if (value === '') return { value: null };
  if (field !== 'province') return { value };
  const province = canonicalProvince(value);
  return province === null ? { warning: `không nhận ra tên tỉnh "${value}"` } : { value: province };
}

const DATE_FORMATS = 'YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2012-12-28 hoặc 28/12/2012';
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VIETNAMESE_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const SPELLED_DATE = /^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/iu;

/** A date as YYYY-MM-DD, from `2012-12-28`, `28/12/2012`, "ngày 28 tháng 12 năm 2012" or a YAML timestamp. */
function dateValue(raw: unknown): FieldResult {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { warning: 'ngày không hợp lệ' };
    // YAML timestamps without a time are midnight UTC: the UTC calendar day is the one written.
    return { value: raw.toISOString().slice(0, 10) };
  }
  if (typeof raw !== 'string') {
    return { warning: `cần ghi ngày theo dạng ${DATE_FORMATS}, nhưng ở đây là ${describe(raw)}` };
  }
  const text = collapseWhitespace(raw.normalize('NFC'));
  if (text === '') return { value: null };
  const iso = ISO_DATE.exec(text);
  const local = iso ? null : (VIETNAMESE_DATE.exec(text) ?? SPELLED_DATE.exec(text));
  const parts = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : null;
  const date = parts ? isoDate(Number(parts[0]), Number(parts[1]), Number(parts[2])) : null;
  return date === null
    ? { warning: `ngày "${text}" không hợp lệ (cần ghi theo dạng ${DATE_FORMATS})` }
    : { value: date };
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isKnownKey(key: string): key is FrontMatterKey {
  return Object.hasOwn(FIELDS, key);
}

function unknownKeyWarning(key: string): string {
  const suggestion = closestKey(key);
  const hint = suggestion ? ` (có phải là "${suggestion}" không?)` : '';
  return `không nhận ra trường "${key}"${hint}; các trường dùng được: ${Object.keys(FIELDS).join(', ')}`;
}

/** The known key a typo most likely meant, if it is close enough to be a typo. */
function closestKey(key: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of Object.keys(FIELDS)) {
    const distance = editDistance(key.toLowerCase(), known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** What YAML made of a value, in the admin's words ("một danh sách", "con số 2012", "giá trị đúng/sai (true)"). */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'một danh sách';
  if (value instanceof Date) return 'một mốc thời gian';
  if (typeof value === 'object') return 'một nhóm "tên_trường: giá trị"';
  if (typeof value === 'number') return `con số ${String(value)}`;
  if (typeof value === 'boolean') return `giá trị đúng/sai (${String(value)})`;
  return `${typeof value} ${String(value)}`;
}

/** The front matter key that sets each field: what an admin's correction is written under. */
export const FRONT_MATTER_KEY = Object.fromEntries(
  Object.entries(FIELDS).map(([key, field]) => [field, key]),
) as Readonly<Record<keyof DocumentMetadata, FrontMatterKey>>;

/**
 * A binary document (PDF, DOCX, scan) cannot hold front matter, so its corrections live beside it:
 * `quyet-dinh.pdf` → `quyet-dinh.pdf.meta.yaml`, the same keys as front matter, merged over what was read.
 */
export const SIDECAR_SUFFIX = '.meta.yaml';

/** Sidecars are a few lines; a bigger one is refused before parsing (the YAML parser is slow on huge maps). */
export const MAX_SIDECAR_BYTES = 64 * 1024;

export type MetadataValues = Partial<Record<keyof DocumentMetadata, string | null>>;

/** The YAML could not be understood; `line` is 1-based within the YAML text. */
export class MetadataYamlError extends Error {
  override readonly name = 'MetadataYamlError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses front matter or sidecar YAML (core schema: dates stay text) into a plain object; throws MetadataYamlError. */
export function parseMetadataYaml(source: string): Record<string, unknown> {
  const document = parseMetadataDocument(source);
  const data: unknown = document.toJS();
  return data === null || data === undefined ? {} : (data as Record<string, unknown>);
}

/**
 * Sets fields in front matter or sidecar YAML, keeping every other key, the order and the comments; a null
 * value is written as `null` ("the source gives none"). Throws MetadataYamlError when the YAML is broken.
 */
export function setMetadataYaml(source: string, values: MetadataValues): string {
  const document = parseMetadataDocument(source);
  for (const [field, value] of Object.entries(values)) {
    document.set(FRONT_MATTER_KEY[field as keyof DocumentMetadata], value);
  }
  return document.toString({ lineWidth: 0 });
}

/**
 * A Markdown or text document with the fields set in its front matter; a block is added when it has none.
 * Keeps the file's line ends (CRLF stays CRLF) and drops a byte order mark.
 */
export function withFrontMatter(fileText: string, values: MetadataValues): string {
  const text = fileText.replace(/^\uFEFF/, '');
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const opens = lines[0]?.trimEnd() === '---';
  const end = opens
    ? lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'))
    : -1;
  if (opens && end < 0)
    throw new MetadataYamlError('front matter mở bằng dòng --- nhưng thiếu dòng --- để đóng lại', 1);
  const yaml = end > 0 ? lines.slice(1, end).join('\n') : '';
  const body = end > 0 ? lines.slice(end + 1) : ['', ...lines];
  const updated = setMetadataYaml(yaml, values).trimEnd().split('\n');
  return ['---', ...updated, '---', ...body].join(newline);
}

function parseMetadataDocument(source: string): Document {
  const document = parseDocument(source, { schema: 'core', prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const line = 1 + (source.slice(0, error.pos[0]).match(/\n/g)?.length ?? 0);
    throw new MetadataYamlError(`sai cú pháp YAML: ${error.message.split('\n', 1)[0]}`, line);
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    throw new MetadataYamlError('cần các dòng "tên_trường: giá trị"', 1);
  }
  return document;
}
