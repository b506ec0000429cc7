import type { DocumentMetadata } from '../../knowledge/document.ts';
import { FRONT_MATTER_KEY, type MetadataValues, metadataFromFrontMatter } from '../../knowledge/front-matter.ts';

/** What the correction form edits: what a citation is made of, and what the document replaces. */
export const EDITABLE_FIELDS = ['number', 'date', 'issuer', 'province', 'type', 'title', 'replaces'] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

const MAX_VALUE_CHARS = 2000;

export type Correction = { values: MetadataValues; problems: [] } | { values: null; problems: string[] };

/**
 * The changes an admin's submission makes to a document's metadata, keyed by the front matter names
 * (`so_hieu`, `ngay_ban_hanh`, `co_quan_ban_hanh`, `tinh`, `loai`, `trich_yeu`, `thay_the`). Values are
 * validated and normalised as front matter is (dates to YYYY-MM-DD, provinces to their canonical name); an empty
 * value means "the source gives none". Only fields that differ from `current` are returned, so a field the
 * admin left alone keeps coming from the text (and from a better reader, once there is one).
 */
export function correctionFrom(submitted: Readonly<Record<string, unknown>>, current: DocumentMetadata): Correction {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of EDITABLE_FIELDS) {
    const key = FRONT_MATTER_KEY[field];
    if (!Object.hasOwn(submitted, key)) continue;
    const value = submitted[key];
    if (value !== null && typeof value !== 'string') problems.push(`${key}: cần ghi dạng chữ`);
    else if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) {
      problems.push(`${key}: quá dài (tối đa ${MAX_VALUE_CHARS} ký tự)`);
    } else raw[key] = value;
  }
  const parsed = metadataFromFrontMatter(raw);
  problems.push(...parsed.warnings);
  if (problems.length > 0) return { values: null, problems };
  const values: MetadataValues = {};
  for (const field of EDITABLE_FIELDS) {
    if (!(field in parsed.metadata)) continue;
    const value = parsed.metadata[field] ?? null;
    if (value !== current[field]) values[field] = value;
  }
  return { values, problems: [] };
}
