import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import {
  type MetadataValues,
  MetadataYamlError,
  SIDECAR_SUFFIX,
  setMetadataYaml,
  withFrontMatter,
} from '../knowledge/front-matter.ts';
import { uploadNameProblem } from './upload-name.ts';

export interface KnowledgeFilesOptions {
  /** The knowledge folder every process watches. */
  dir: string;
  /** A text document larger than this is not rewritten (the loader would refuse it anyway). */
  maxTextBytes: number;
}

/** Documents whose metadata lives in their own front matter; every other format gets a sidecar. */
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.markdown', '.txt']);

/** Something the admin asked for that cannot be done with the folder as it is; `message` is for the admin. */
export class KnowledgeFileWriteError extends Error {
  override readonly name = 'KnowledgeFileWriteError';
  constructor(
    readonly code: 'BAD_NAME' | 'NOT_FOUND' | 'BAD_FRONT_MATTER' | 'TOO_LARGE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Writes to the knowledge folder on an admin's behalf: uploads, metadata corrections, removals. Every write is
 * a temporary file renamed into place, so a process reloading at that moment (this one or any other watching
 * the same folder) sees the old file or the new one, never half of one. Temporary names start with a dot,
 * which the loader and the watcher ignore.
 */
export class KnowledgeFiles {
  private readonly root: string;

  constructor(private readonly options: KnowledgeFilesOptions) {
    this.root = resolve(options.dir);
  }

  /**
   * Puts an uploaded file at the top of the folder under `name`, replacing a file of that name together
   * with its sidecar: the new file is the new truth, and corrections made for the old one may not fit it.
   */
  async save(name: string, bytes: Uint8Array): Promise<{ source: string; replaced: boolean }> {
    const problem = uploadNameProblem(name);
    if (problem) throw new KnowledgeFileWriteError('BAD_NAME', problem);
    const path = this.pathOf(name);
    const replaced = await exists(path);
    await rm(`${path}${SIDECAR_SUFFIX}`, { force: true });
    await writeAtomically(path, bytes);
    return { source: name, replaced };
  }

  /**
   * Saves corrected metadata: into the front matter of a Markdown or text file, into `NAME.ext.meta.yaml`
   * for any other format, or for a text file that already has a sidecar (the sidecar would win over its
   * front matter). Returns where it went.
   */
  async correct(source: string, values: MetadataValues): Promise<{ written: string }> {
    const path = this.pathOf(source);
    if (!(await exists(path))) throw new KnowledgeFileWriteError('NOT_FOUND', `không còn tệp ${source}`);
    const sidecar = `${path}${SIDECAR_SUFFIX}`;
    try {
      if ((await this.correctionTarget(source)) === 'front matter') {
        const size = (await stat(path)).size;
        if (size > this.options.maxTextBytes) {
          throw new KnowledgeFileWriteError('TOO_LARGE', `${source}: tệp quá lớn để ghi front matter`);
        }
        await writeAtomically(path, withFrontMatter(await readFile(path, 'utf8'), values));
        return { written: source };
      }
      const current = (await exists(sidecar)) ? await readFile(sidecar, 'utf8') : '';
      await writeAtomically(sidecar, setMetadataYaml(current, values));
      return { written: `${source}${SIDECAR_SUFFIX}` };
    } catch (error) {
      if (error instanceof KnowledgeFileWriteError) throw error;
      if (error instanceof MetadataYamlError) {
        const message = `${source}: không ghi được vì front matter hiện có bị lỗi (${error.message}); hãy sửa tệp bằng tay`;
        throw new KnowledgeFileWriteError('BAD_FRONT_MATTER', message, { cause: error });
      }
      throw error;
    }
  }

  /** Where `correct()` would write for this source. */
  async correctionTarget(source: string): Promise<'front matter' | 'sidecar'> {
    const path = this.pathOf(source);
    return TEXT_EXTENSIONS.has(extname(path).toLowerCase()) && !(await exists(`${path}${SIDECAR_SUFFIX}`))
      ? 'front matter'
      : 'sidecar';
  }

  /** Removes a document and its sidecar (the sidecar first: an orphan one would apply to a later upload). */
  async remove(source: string): Promise<void> {
    const path = this.pathOf(source);
    if (!(await exists(path))) throw new KnowledgeFileWriteError('NOT_FOUND', `không còn tệp ${source}`);
    await rm(`${path}${SIDECAR_SUFFIX}`, { force: true });
    await unlink(path);
  }

  /** The absolute path of a source, refusing anything that would leave the folder. */
  private pathOf(source: string): string {
    const parts = source.split('/');
    if (
      isAbsolute(source) ||
      source.includes('\\') ||
      parts.some((part) => part === '' || part === '..' || part === '.')
    ) {
      throw new KnowledgeFileWriteError('BAD_NAME', `tên tệp không hợp lệ: ${source}`);
    }
    const path = resolve(this.root, ...parts);
    if (!path.startsWith(this.root + sep))
      throw new KnowledgeFileWriteError('BAD_NAME', `tên tệp không hợp lệ: ${source}`);
    return path;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Temporary file beside the target (a rename is atomic only within one file system), flushed, then renamed. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
