import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';

describe('KnowledgeLibrary.reload', () => {
  it('shares one reload among callers who asked before it started', async () => {
    let loads = 0;
    const library = new KnowledgeLibrary({
      dir: BUNDLED_KNOWLEDGE_DIR,
      logger: pino({ level: 'silent' }),
      onReload: () => loads++,
    });
    await Promise.all([library.reload(), library.reload(), library.reload()]);
    expect(loads).toBe(1);
  });

  it('runs once more after the current reload for everyone who asked meanwhile, not once each', async () => {
    let loads = 0;
    const library = new KnowledgeLibrary({
      dir: BUNDLED_KNOWLEDGE_DIR,
      logger: pino({ level: 'silent' }),
      onReload: () => loads++,
    });
    const running = library.reload();
    await new Promise((resolve) => setImmediate(resolve)); // now reading the folder
    const waiting = Array.from({ length: 10 }, () => library.reload());
    const results = await Promise.all([running, ...waiting]);
    expect(loads).toBe(2);
    expect(results.every((result) => result.documents === 5)).toBe(true);
    await library.reload();
    expect(loads).toBe(3);
  });
});
