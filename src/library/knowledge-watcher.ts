import type { Stats } from 'node:fs';
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import type { KnowledgeLibrary } from './knowledge-library.ts';

export interface KnowledgeWatcher {
  /** Resolves once the whole folder is being watched. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Changes arriving within this window are one reload: copying a folder of files triggers many events. */
const DEBOUNCE_MS = 300;

/**
 * Watches the knowledge folder and reloads the library when a file is added, changed or removed, so an
 * admin's new document is answerable within seconds without a restart. A broken file is reported by the
 * reload and skipped; answers keep coming from the last good base until the new one is built.
 */
export function watchKnowledge(library: KnowledgeLibrary, dir: string, logger: Logger): KnowledgeWatcher {
  let timer: NodeJS.Timeout | null = null;
  const watcher = watch(dir, {
    ignoreInitial: true,
    // Dot files are never documents; among them are the temporary files of an atomic write (KnowledgeFiles).
    // Nor are symlinks: the loader never reads through one.
    ignored: (path: string, stats?: Stats) =>
      Boolean(stats?.isSymbolicLink()) ||
      relative(dir, path)
        .split(sep)
        .some((part) => part.startsWith('.')),
    // Wait until a file stops growing, so a half-copied PDF is not read.
    awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 },
    // Followed, a link to a parent folder sends the watcher round the loop for ever (never ready, hundreds of
    // MB, ELOOP errors by the thousand).
    followSymlinks: false,
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', resolve));
  const schedule = (event: string, path: string) => {
    logger.debug({ event, path }, 'knowledge folder changed');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      library
        .reload()
        .catch((error: unknown) =>
          logger.error({ err: error }, 'knowledge reload failed; keeping the previous documents'),
        );
    }, DEBOUNCE_MS);
  };
  watcher.on('all', schedule);
  watcher.on('error', (error) => logger.warn({ err: error }, 'knowledge folder watcher error'));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
