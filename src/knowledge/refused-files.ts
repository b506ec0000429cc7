import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Why a file's bytes were refused, as its report said it. */
export interface Refusal {
  detail: string;
  line?: number;
  /** The file it was refused as (another name may hold the same bytes). */
  source: string;
  /** ISO time of the refusal. */
  at: string;
}

/**
 * Files refused for a cap, by content hash, so that a file that cost a child process its memory or its time is
 * not read again at every start and every reload. A refusal holds only under the limits it was made with:
 * raising a limit reads the file again.
 */
export interface RefusedFiles {
  lookup(hash: string): Promise<Refusal | null>;
  remember(hash: string, refusal: Refusal): Promise<void>;
}

export class MemoryRefusedFiles implements RefusedFiles {
  private readonly entries = new Map<string, Refusal>();
  async lookup(hash: string): Promise<Refusal | null> {
    return this.entries.get(hash) ?? null;
  }
  async remember(hash: string, refusal: Refusal): Promise<void> {
    this.entries.set(hash, refusal);
  }
}

interface StoredRefusals {
  version: 1;
  entries: Record<string, Refusal & { limits: string }>;
}

/** Kept bounded: the oldest refusals go first. */
const MAX_ENTRIES = 1000;

/**
 * A small JSON file in the cache folder (never in the knowledge folder), written whole to a temporary name and
 * renamed, so a crash never leaves it half written. A missing or damaged file counts as empty.
 */
export class FileRefusedFiles implements RefusedFiles {
  private loaded: Promise<StoredRefusals> | null = null;

  constructor(
    private readonly file: string,
    /** The limits in force (`limitsKey` and the reader's time and memory): refusals made under others are ignored. */
    private readonly limits: string,
  ) {}

  async lookup(hash: string): Promise<Refusal | null> {
    const entry = (await this.load()).entries[hash];
    if (!entry || entry.limits !== this.limits) return null;
    const { limits: _limits, ...refusal } = entry;
    return refusal;
  }

  async remember(hash: string, refusal: Refusal): Promise<void> {
    const stored = await this.load();
    stored.entries[hash] = { ...refusal, limits: this.limits };
    const hashes = Object.keys(stored.entries);
    for (const old of hashes.slice(0, Math.max(0, hashes.length - MAX_ENTRIES))) delete stored.entries[old];
    // Files are refused concurrently: writes go one after another, each with everything remembered so far.
    const write = this.writing.then(() => this.write(stored));
    this.writing = write.catch(() => undefined);
    await write;
  }

  private writing: Promise<void> = Promise.resolve();

  private async write(stored: StoredRefusals): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, JSON.stringify(stored, null, 1));
    await rename(temporary, this.file);
  }

  private load(): Promise<StoredRefusals> {
    this.loaded ??= readFile(this.file, 'utf8')
      .then((text) => {
        const parsed = JSON.parse(text) as StoredRefusals;
        return parsed?.version === 1 && typeof parsed.entries === 'object' ? parsed : empty();
      })
      .catch(() => empty());
    return this.loaded;
  }
}

function empty(): StoredRefusals {
  return { version: 1, entries: {} };
}
