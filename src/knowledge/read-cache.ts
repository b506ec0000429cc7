import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FileResult } from './file-report.ts';

/** What identifies the bytes a result was made from, without reading them. */
export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  /** Size and time of the `.meta.yaml` beside it ('' without one): a corrected sidecar changes the document. */
  sidecar: string;
}

interface CachedResult extends FileFingerprint {
  hash: string;
  result: FileResult;
}

/** A copy the loader may change (ids made unique, warnings about shared numbers) without touching the cache. */
function copy({ report, document }: FileResult): FileResult {
  return {
    report: { ...report, warnings: [...report.warnings], errors: [...report.errors] },
    document: document ? { ...document } : null,
  };
}

export async function fingerprintOf(path: string, sidecarPath: string): Promise<FileFingerprint> {
  const info = await stat(path);
  const sidecar = await stat(sidecarPath).then(
    (found) => `${found.size}:${found.mtimeMs}`,
    () => '',
  );
  return { size: info.size, mtimeMs: info.mtimeMs, sidecar };
}

/** SHA-256 of a file, read in chunks (a large PDF is never held whole for this). */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * What each file of the folder gave at the last reload, so a reload reads only new and changed files: a file
 * with the same size and modification time is taken as it was; one whose time changed but whose bytes hash
 * the same (a copy, a `touch`) is too. Adding a one-line note beside a 5,000-page PDF reads the note alone.
 */
export class ReadCache {
  private entries = new Map<string, CachedResult>();

  /** The earlier result for these bytes, or null when the file must be read. */
  async lookup(path: string, fingerprint: FileFingerprint): Promise<FileResult | null> {
    const cached = this.entries.get(path);
    if (!cached || cached.size !== fingerprint.size || cached.sidecar !== fingerprint.sidecar) return null;
    if (cached.mtimeMs !== fingerprint.mtimeMs) {
      if ((await hashFile(path)) !== cached.hash) return null;
      cached.mtimeMs = fingerprint.mtimeMs;
    }
    return copy(cached.result);
  }

  store(path: string, fingerprint: FileFingerprint, hash: string, result: FileResult): void {
    this.entries.set(path, { ...fingerprint, hash, result: copy(result) });
  }

  /** Forgets files that are gone. */
  retain(paths: readonly string[]): void {
    const kept = new Set(paths);
    for (const path of this.entries.keys()) if (!kept.has(path)) this.entries.delete(path);
  }
}
