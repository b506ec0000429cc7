import { join } from 'node:path';
import type { Logger } from 'pino';
import { limitsKey, type ReadLimits } from '../limits/read-limits.ts';
import { FileRefusedFiles, type RefusedFiles } from '../refused-files.ts';
import { ChildProcessParser } from './child-process-parser.ts';
import type { ContentParser } from './content-parser.ts';

/** How the files of a folder are parsed: within which caps, where, and what is remembered of refusals. */
export interface FileReadingSetup {
  limits: Readonly<ReadLimits>;
  parser: ContentParser;
  refused: RefusedFiles | null;
}

export interface IsolatedReadingSettings {
  limits: ReadLimits;
  timeoutMs: number;
  memoryMb: number;
  concurrency: number;
  /** Holds `refused.json`; outside the knowledge folder. */
  cacheDir: string;
}

/**
 * The reading of a running bot (and of `kb check`): child processes with a heap and a time limit, and refusals
 * remembered in the cache folder under the limits in force, so raising a limit reads a refused file again.
 */
export function createIsolatedReading(
  settings: IsolatedReadingSettings,
  logger: Logger,
): FileReadingSetup & { parser: ChildProcessParser } {
  const parser = new ChildProcessParser({
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    memoryMb: settings.memoryMb,
    logger: logger.child({ component: 'file-parser' }),
  });
  const key = `${limitsKey(settings.limits)}|${settings.timeoutMs}ms|${settings.memoryMb}MB`;
  return {
    limits: settings.limits,
    parser,
    refused: new FileRefusedFiles(join(settings.cacheDir, 'refused.json'), key),
  };
}
