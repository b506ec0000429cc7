import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { foldVietnamese } from '../text/normalize.ts';
import { type DocumentMetadata, EMPTY_METADATA, type KnowledgeDocument } from './document.ts';
import { extractMetadata } from './extract-metadata.ts';
import type { FileReport, FileResult } from './file-report.ts';
import {
  type FrontMatterMetadata,
  MAX_SIDECAR_BYTES,
  MetadataYamlError,
  metadataFromFrontMatter,
  parseMetadataYaml,
  SIDECAR_SUFFIX,
} from './front-matter.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import type { KnowledgeReaders } from './knowledge-readers.ts';
import type { ReadLimits } from './limits/read-limits.ts';
import type { ContentParser } from './parsing/content-parser.ts';
import { fingerprintOf, hashFile, type ReadCache } from './read-cache.ts';
import { readKnowledgeFile } from './read-knowledge-file.ts';
import type { RefusedFiles } from './refused-files.ts';

export type { FileReport } from './file-report.ts';

export interface LoadedKnowledge {
  documents: KnowledgeDocument[];
  reports: FileReport[];
}

export interface LoadOptions {
  maxBytes?: number;
  readers?: Partial<KnowledgeReaders>;
  /** Caps per file (inflated bytes, pages, characters, front matter). */
  limits?: Readonly<ReadLimits>;
  /** Where bytes are parsed; the bot passes child processes. Default: this process. */
  parser?: ContentParser;
  /** Refusals remembered by content hash. */
  refused?: RefusedFiles | null;
  /** Results of the last load: unchanged files are taken from it instead of being read again. */
  cache?: ReadCache;
}

/** Files read at once: enough to overlap I/O, few enough never to run out of file descriptors. */
const READ_CONCURRENCY = 16;

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Files that live in the folder without being documents. */
function isIgnored(name: string): boolean {
  return (
    name.startsWith('.') || name.startsWith('_') || /^readme(?:\.\w+)?$/i.test(name) || name.endsWith(SIDECAR_SUFFIX)
  );
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !isIgnored(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(root, path).split(sep).some(isIgnored))
    .sort();
}

function slug(text: string): string {
  return (
    foldVietnamese(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'van-ban'
  );
}

/**
 * A document states its own number, date and issuer in its header or its first paragraph; reading only
 * the head keeps loading fast and keeps numbers cited deep in the text from being mistaken for its own.
 */
const METADATA_HEAD_CHARS = 6000;
const EXTRACTED_FIELDS = ['number', 'date', 'issuer', 'province', 'type', 'title'] as const;

function declaresEverything(declared: Partial<DocumentMetadata> | undefined): boolean {
  return declared !== undefined && EXTRACTED_FIELDS.every((field) => field in declared);
}

/** Front matter wins over what was read from the text, including an explicit null ("the source gives none"). */
function mergeMetadata(extracted: Partial<DocumentMetadata>, declared: Partial<DocumentMetadata>): DocumentMetadata {
  return { ...EMPTY_METADATA, ...extracted, ...declared };
}

/**
 * The metadata of `NAME.ext.meta.yaml` beside a file (the corrections an admin saved for a PDF or DOCX), or null
 * without one. A broken sidecar is a warning, never a reason to drop the document.
 */
async function readSidecar(path: string, source: string): Promise<FrontMatterMetadata | null> {
  const sidecar = `${path}${SIDECAR_SUFFIX}`;
  const name = `${source}${SIDECAR_SUFFIX}`;
  try {
    if ((await stat(sidecar)).size > MAX_SIDECAR_BYTES) {
      return { metadata: {}, warnings: [`${name}: tệp kèm quá lớn (quá ${MAX_SIDECAR_BYTES / 1024} KB), đã bỏ qua`] };
    }
    const declared = metadataFromFrontMatter(parseMetadataYaml(await readFile(sidecar, 'utf8')));
    return { metadata: declared.metadata, warnings: declared.warnings.map((warning) => `${name}: ${warning}`) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    const where = error instanceof MetadataYamlError ? ` dòng ${error.line}` : '';
    return { metadata: {}, warnings: [`${name}${where}: đã bỏ qua tệp kèm: ${(error as Error).message}`] };
  }
}

/** The sidecar wins over the file's own front matter, field by field. */
function overlay(base: FrontMatterMetadata | null, top: FrontMatterMetadata | null): FrontMatterMetadata | null {
  if (!base || !top) return base ?? top;
  return { metadata: { ...base.metadata, ...top.metadata }, warnings: [...base.warnings, ...top.warnings] };
}

/** Admins know their files by the name inside the knowledge folder, not by the server's absolute path. */
function relativeTo(message: string, path: string, source: string): string {
  return message.replaceAll(path, source);
}

function missingWarnings(metadata: DocumentMetadata): string[] {
  const warnings: string[] = [];
  if (!metadata.number) {
    warnings.push(
      'không có số hiệu văn bản: câu trả lời sẽ dẫn nguồn theo loại văn bản, cơ quan ban hành và trích yếu',
    );
  }
  if (!metadata.date) warnings.push('không có ngày ban hành');
  if (!metadata.province) warnings.push('không có tên tỉnh: câu hỏi nêu tên một tỉnh sẽ không tìm đến văn bản này');
  return warnings;
}

/** A file through the cache: read only when new or changed; a result waiting for OCR is never kept. */
async function loadCachedFile(root: string, path: string, options: LoadOptions): Promise<FileResult> {
  const { cache } = options;
  if (!cache) return loadFile(root, path, options);
  let fingerprint: Awaited<ReturnType<typeof fingerprintOf>>;
  let hash: string;
  try {
    fingerprint = await fingerprintOf(path, `${path}${SIDECAR_SUFFIX}`);
    const cached = await cache.lookup(path, fingerprint);
    if (cached) return cached;
    hash = await hashFile(path);
  } catch {
    // Gone or unreadable since it was listed: the reader words that.
    return loadFile(root, path, options);
  }
  const result = await loadFile(root, path, options);
  if (result.report.reading?.state !== 'pending') cache.store(path, fingerprint, hash, result);
  return result;
}

async function loadFile(root: string, path: string, options: LoadOptions): Promise<FileResult> {
  const source = relative(root, path).split(sep).join('/');
  const report: FileReport = { source, documentId: null, metadata: null, reading: null, warnings: [], errors: [] };
  try {
    const content = await readKnowledgeFile(path, { ...options, source });
    report.reading = content.reading;
    report.warnings.push(...content.warnings.map((warning) => relativeTo(warning, path, source)));
    const declared = overlay(
      content.frontMatter ? metadataFromFrontMatter(content.frontMatter) : null,
      await readSidecar(path, source),
    );
    const extracted = declaresEverything(declared?.metadata)
      ? { metadata: {}, warnings: [] }
      : extractMetadata(content.text.slice(0, METADATA_HEAD_CHARS));
    const metadata = mergeMetadata(extracted.metadata, declared?.metadata ?? {});
    // Without front matter the extraction already says what it could not find; say it once.
    report.warnings.push(...(declared ? [...declared.warnings, ...missingWarnings(metadata)] : extracted.warnings));
    report.metadata = metadata;
    const id = slug(basename(path, extname(path)));
    return { report, document: { id, source, format: content.format, metadata, text: content.text } };
  } catch (error) {
    if (error instanceof KnowledgeFileError && error.reading) report.reading = error.reading;
    if (error instanceof KnowledgeFileError && error.code === 'OCR_PENDING') {
      report.warnings.push(relativeTo(error.message, path, source));
    } else if (error instanceof KnowledgeFileError && error.code === 'EMPTY') {
      report.warnings.push(`đã bỏ qua vì không có nội dung: ${relativeTo(error.message, path, source)}`);
    } else if (error instanceof KnowledgeFileError) {
      report.errors.push({
        message: relativeTo(error.message, path, source),
        ...(error.line !== undefined && { line: error.line }),
      });
    } else {
      report.errors.push({ message: `${source}: không nạp được tệp: ${(error as Error).message}` });
    }
    return { report, document: null };
  }
}

/** Ids must be unique: a second "quyet-dinh.md" in a subfolder becomes "quyet-dinh-2". */
function assignUniqueIds(documents: KnowledgeDocument[]): void {
  const seen = new Map<string, number>();
  for (const document of documents) {
    const count = (seen.get(document.id) ?? 0) + 1;
    seen.set(document.id, count);
    if (count > 1) document.id = `${document.id}-${count}`;
  }
}

function warnDuplicateNumbers(documents: KnowledgeDocument[], reports: FileReport[]): void {
  const byNumber = new Map<string, KnowledgeDocument[]>();
  for (const document of documents) {
    const { number } = document.metadata;
    if (!number || !document.metadata.date) continue;
    // The same number is reused every year, so a duplicate is the same number in the same year.
    const key = `${foldVietnamese(number)}|${document.metadata.date.slice(0, 4)}`;
    byNumber.set(key, [...(byNumber.get(key) ?? []), document]);
  }
  for (const group of byNumber.values()) {
    if (group.length < 2) continue;
    for (const document of group) {
      const others = group.filter((other) => other !== document).map((other) => other.source);
      reports
        .find((report) => report.source === document.source)
        ?.warnings.push(
          `trùng số hiệu ${document.metadata.number} với ${others.join(', ')}: nếu là cùng một văn bản, hãy chỉ giữ một tệp`,
        );
    }
  }
}

/**
 * Reads every document of the knowledge folder. A broken file is reported and skipped; it never stops the
 * others from loading. Throws only when the folder itself cannot be read.
 */
export async function loadKnowledgeFolder(root: string, options: LoadOptions = {}): Promise<LoadedKnowledge> {
  const files = await listFiles(root);
  const results = await mapWithConcurrency(files, READ_CONCURRENCY, (path) => loadCachedFile(root, path, options));
  options.cache?.retain(files);
  const documents = results.flatMap((result) => (result.document ? [result.document] : []));
  const reports = results.map((result) => result.report);
  assignUniqueIds(documents);
  // By source through a map: a search per document is 100 million comparisons at 10,000 files.
  const reportsBySource = new Map(reports.map((report) => [report.source, report]));
  for (const document of documents) {
    const report = reportsBySource.get(document.source);
    if (report) report.documentId = document.id;
  }
  warnDuplicateNumbers(documents, reports);
  return { documents, reports };
}
