import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import type { DocumentMetadata, KnowledgeDocument } from '../../src/knowledge/document.ts';
import { loadKnowledgeFolder } from '../../src/knowledge/load-knowledge-folder.ts';
import { PROVINCE_NAMES } from '../../src/text/provinces.ts';

/**
 * Knowledge bases of any size shaped like the seeds. Each synthetic document is a seed rewritten for
 * another province: its own number and date, years shifted, every percentage and amount redrawn, some
 * paragraphs dropped and some borrowed from another seed, so sizes spread from about 1.5 to 18 KB
 * around a mean of about 5 KB, like the seeds (3–12 KB). The index therefore sees real Vietnamese
 * sentences and term statistics, with figures that differ from document to document.
 *
 * The seeds themselves are always part of the base, and no synthetic document takes a seed's
 * province or number, so every evaluation question keeps exactly one right answer.
 */

/** A small deterministic generator, so every run builds the same corpus. */
function random(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** The seed documents, as the bot loads them from the bundled knowledge folder. */
export async function loadSeedDocuments(): Promise<KnowledgeDocument[]> {
  return (await loadKnowledgeFolder(BUNDLED_KNOWLEDGE_DIR)).documents;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Provincial document numbers ("4086/QĐ-UBND", "590/QĐ-UBND"); national ones (36-NQ/TW, 16/CT-TTg) stay. */
const PROVINCIAL_NUMBER = /(?<![\d/])(\d{1,5})\/(QĐ|KH|NQ|CT)-(UBND|TU|HĐND)/gu;
const DATE = /(?<![\d/])(\d{1,2}\/\d{1,2})\/((?:19|20)\d{2})(?![\d/])/g;
const YEAR = /(?<![\d/.,])((?:19|20)\d{2})(?![\d%]|[.,]\d)/g;
const PERCENT = /(?<![\d.,])(\d{1,3})(?:([.,])(\d{1,2}))?(\s?%)/g;
const AMOUNT = /(?<![\d.,])(\d{1,3})([.,])(\d{3})(?![\d])/g;

interface Rewrite {
  province: string;
  number: string;
  yearShift: number;
  next: () => number;
}

/** Rewrites one piece of seed text (body or metadata field) for another province, number and time. */
function rewriteText(text: string, seed: KnowledgeDocument, rewrite: Rewrite): string {
  const { province, number, yearShift, next } = rewrite;
  let out = text;
  if (seed.metadata.province) out = out.replaceAll(seed.metadata.province, province);
  const own = seed.metadata.number;
  if (own && !/[/-]/.test(own)) {
    // A bare number ("Nghị quyết số 16") is only the document's own where a document type names it.
    out = out.replace(
      new RegExp(`((?:Nghị quyết|Quyết định|Kế hoạch)(?: số)? )${escapeRegExp(own)}(?!\\d)`, 'gu'),
      `$1${number}`,
    );
  }
  out = out.replace(PROVINCIAL_NUMBER, (match) =>
    match === own ? number : `${100 + Math.floor(next() * 4900)}/QĐ-UBND`,
  );
  // Dates keep their day and month and move with the years, so a date cited twice stays the same date.
  out = out.replace(DATE, (_, dayMonth: string, year: string) => `${dayMonth}/${Number(year) + yearShift}`);
  out = out.replace(YEAR, (year: string) => String(Number(year) + yearShift));
  out = out.replace(
    PERCENT,
    (_, _whole: string, separator: string | undefined, _fraction: string | undefined, sign: string) => {
      const value = 5 + Math.floor(next() * 96);
      return separator ? `${value}${separator}${Math.floor(next() * 100)}${sign}` : `${value}${sign}`;
    },
  );
  out = out.replace(AMOUNT, (_, _head: string, separator: string) => {
    const value = 1 + Math.floor(next() * 99);
    return `${value}${separator}${String(Math.floor(next() * 10) * 100).padStart(3, '0')}`;
  });
  return out;
}

/** Paragraphs of a body: blocks between blank lines. */
function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).filter((block) => block.trim());
}

function isoDate(year: number, next: () => number): string {
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The i-th synthetic document (i ≥ 0), built from the seeds. Deterministic: the same i always gives the
 * same document. Provinces other than the seeds' are used in turn, so each has about count / 58 documents.
 */
export function syntheticDocument(
  seeds: readonly KnowledgeDocument[],
  provinces: readonly string[],
  i: number,
): KnowledgeDocument {
  const next = random(i + 1);
  const seed = seeds[i % seeds.length]!;
  const province = provinces[i % provinces.length]!;
  const type = seed.metadata.type ?? 'Quyết định';
  const suffix = type === 'Nghị quyết' ? 'NQ/TU' : type === 'Kế hoạch' ? 'KH-UBND' : 'QĐ-UBND';
  // Numbers from 5000 up never meet a seed's (16, 635, 2972, 4086).
  const number = `${5000 + i}${suffix.startsWith('NQ') ? '-' : '/'}${suffix}`;
  const yearShift = Math.floor(next() * 13) - 6;
  const rewrite: Rewrite = { province, number, yearShift, next };

  const [headline, ...body] = paragraphs(seed.text);
  // Keep most paragraphs, drop some, and sometimes borrow from another seed: sizes spread around the seeds'.
  const kept = body.filter(() => next() < 0.8);
  if (kept.length === 0) kept.push(pick(next, body));
  const borrowed = next() < 0.5 ? Math.floor(next() * 4) : 0;
  for (let b = 0; b < borrowed; b++) {
    const other = pick(next, seeds);
    const [, ...otherBody] = paragraphs(rewriteText(other.text, other, { ...rewrite, number: `${number}-${b}` }));
    if (otherBody.length > 0) kept.splice(Math.floor(next() * (kept.length + 1)), 0, pick(next, otherBody));
  }
  const text = rewriteText([headline!, ...kept].join('\n\n'), seed, rewrite);

  const field = (value: string | null): string | null => (value === null ? null : rewriteText(value, seed, rewrite));
  const seedYear = Number((seed.metadata.date ?? seed.metadata.publishedDate ?? '2015').slice(0, 4));
  const metadata: DocumentMetadata = {
    number,
    date: isoDate(seedYear + yearShift, next),
    issuer: field(seed.metadata.issuer),
    province,
    type,
    title: field(seed.metadata.title),
    replaces: field(seed.metadata.replaces),
    implements: field(seed.metadata.implements),
    origin: 'synthetic',
    publishedDate: null,
  };
  const id = `synthetic-${String(i).padStart(6, '0')}-${seed.id}`;
  return { id, source: `${id}.md`, format: 'markdown', metadata, text };
}

/** Provinces free for synthetic documents: every province except the seeds'. */
export function syntheticProvinces(seeds: readonly KnowledgeDocument[]): string[] {
  const taken = new Set(seeds.map((seed) => seed.metadata.province));
  return PROVINCE_NAMES.filter((name) => !taken.has(name));
}

/**
 * Texts held as UTF-8 bytes in large chunks and decoded when read, as files are: a hundred thousand
 * documents held as JavaScript strings would take 700 MB of heap that the engine keeps after the build
 * has read them, and the memory measured would be the generator's rather than the knowledge base's.
 */
class TextChunks {
  /** Large enough to be mapped and unmapped whole, never left as holes in the allocator's heap. */
  private static readonly CHUNK_BYTES = 64 * 1024 * 1024;
  private readonly chunks: Buffer[] = [];
  private used = TextChunks.CHUNK_BYTES;

  add(text: string): { chunk: number; start: number; end: number } {
    const length = Buffer.byteLength(text);
    if (this.used + length > TextChunks.CHUNK_BYTES) {
      this.chunks.push(Buffer.allocUnsafeSlow(Math.max(TextChunks.CHUNK_BYTES, length)));
      this.used = 0;
    }
    const start = this.used;
    this.used += this.chunks.at(-1)!.write(text, start);
    return { chunk: this.chunks.length - 1, start, end: this.used };
  }

  get({ chunk, start, end }: { chunk: number; start: number; end: number }): string {
    return this.chunks[chunk]!.toString('utf8', start, end);
  }
}

/**
 * A knowledge base of `count` documents in memory: the seeds first, then synthetic ones, whose texts are
 * decoded from UTF-8 each time they are read (see TextChunks).
 */
export function syntheticKnowledge(seeds: readonly KnowledgeDocument[], count: number): KnowledgeDocument[] {
  const provinces = syntheticProvinces(seeds);
  const chunks = new TextChunks();
  const documents = [...seeds];
  for (let i = 0; documents.length < count; i++) {
    const { id, source, format, metadata, text } = syntheticDocument(seeds, provinces, i);
    const stored = chunks.add(text);
    documents.push({
      id,
      source,
      format,
      metadata,
      get text() {
        return chunks.get(stored);
      },
    });
  }
  return documents;
}

const FRONT_MATTER_KEYS: ReadonlyArray<[string, keyof DocumentMetadata]> = [
  ['so_hieu', 'number'],
  ['ngay_ban_hanh', 'date'],
  ['co_quan_ban_hanh', 'issuer'],
  ['tinh', 'province'],
  ['loai', 'type'],
  ['trich_yeu', 'title'],
  ['thay_the', 'replaces'],
  ['thuc_hien', 'implements'],
  ['nguon', 'origin'],
  ['ngay_dang', 'publishedDate'],
];

/** The document as a Markdown file of the knowledge folder, front matter included. */
export function toMarkdownFile(document: KnowledgeDocument): string {
  const lines = FRONT_MATTER_KEYS.map(([key, field]) => `${key}: ${JSON.stringify(document.metadata[field])}`);
  return `---\n${lines.join('\n')}\n---\n\n${document.text}\n`;
}

/**
 * Writes a knowledge folder of `count` documents into `dir` (created if needed): the seed files as they
 * are, and synthetic documents as Markdown with front matter.
 */
export async function writeSyntheticKnowledge(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const seeds = await loadSeedDocuments();
  await Promise.all(seeds.map((seed) => copyFile(join(BUNDLED_KNOWLEDGE_DIR, seed.source), join(dir, seed.source))));
  const synthetic = syntheticKnowledge(seeds, count).slice(seeds.length);
  for (let i = 0; i < synthetic.length; i += 200) {
    await Promise.all(
      synthetic.slice(i, i + 200).map((document) => writeFile(join(dir, document.source), toMarkdownFile(document))),
    );
  }
}
