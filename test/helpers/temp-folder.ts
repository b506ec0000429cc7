import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { KnowledgeFileError } from '../../src/knowledge/knowledge-file-error.ts';

/**
 * A folder of its own for a test file, made before its tests and removed after them, and a way to write a
 * file into it.
 */
export function useTempFolder(prefix: string): {
  path: () => string;
  file: (name: string, content: string | Uint8Array) => Promise<string>;
} {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  return {
    path: () => folder,
    async file(name, content) {
      const path = join(folder, name);
      await writeFile(path, content);
      return path;
    },
  };
}

/** The KnowledgeFileError a read fails with (fails the test if the read succeeds). */
export async function readFailure(promise: Promise<unknown>): Promise<KnowledgeFileError> {
  const error = await promise.then(
    () => expect.unreachable('expected the read to fail'),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(KnowledgeFileError);
  return error as KnowledgeFileError;
}
