/**
 * `npm run bench:reload`: what a reload of a large knowledge folder costs the event loop.
 *   1. First load of N Markdown documents (default 10,000), parsed in child processes, index built in slices.
 *   2. Reload with nothing changed (every file taken from the read cache).
 *   3. Reload after adding one one-line .md (only that file is read).
 *   4. The hostile files of issue 13 dropped beside them: the time each takes to be refused.
 * Event-loop delay is measured throughout with monitorEventLoopDelay (10 ms resolution), while a timer asks
 * every 10 ms as a webhook would. Options: --documents N. Writes test/bench/results/reload.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { DEFAULT_READ_LIMITS } from '../../src/knowledge/limits/read-limits.ts';
import type { ContentParser } from '../../src/knowledge/parsing/content-parser.ts';
import { createIsolatedReading } from '../../src/knowledge/parsing/isolated-reading.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { docxZipBomb, markdownWithKeys, pdfStreamBomb, pdfWithPages } from '../knowledge/hostile-files.ts';
import { writeSyntheticKnowledge } from './synthetic-knowledge.ts';

const silent = pino({ level: 'silent' });
const MB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function counted(parser: ContentParser, counter: { reads: number }): ContentParser {
  return {
    textFile(...args) {
      counter.reads++;
      return parser.textFile(...args);
    },
    pdfPages(...args) {
      counter.reads++;
      return parser.pdfPages(...args);
    },
    formattedText(...args) {
      counter.reads++;
      return parser.formattedText(...args);
    },
  };
}

async function measured(label: string, work: () => Promise<unknown>, counter: { reads: number }) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const ticker = setInterval(() => undefined, 10);
  counter.reads = 0;
  delay.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(ticker);
  const row = {
    step: label,
    seconds: Math.round(ms / 100) / 10,
    filesRead: counter.reads,
    loopDelayP99Ms: Math.round(delay.percentile(99) / 1e5) / 10,
    loopDelayMaxMs: Math.round(delay.max / 1e5) / 10,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main(): Promise<void> {
  const count = option('documents', 10_000);
  const root = await mkdtemp(join(tmpdir(), 'reload-bench-'));
  const dir = join(root, 'knowledge');
  try {
    await writeSyntheticKnowledge(dir, count);
    const reading = createIsolatedReading(
      {
        limits: DEFAULT_READ_LIMITS,
        timeoutMs: 60_000,
        memoryMb: 512,
        concurrency: 2,
        cacheDir: join(root, 'cache'),
      },
      silent,
    );
    const counter = { reads: 0 };
    const library = new KnowledgeLibrary({
      dir,
      logger: silent,
      reading: { ...reading, parser: counted(reading.parser, counter) },
    });
    const rows = [];
    rows.push(await measured(`first load, ${count} documents`, () => library.reload(), counter));
    rows.push(await measured('reload, nothing changed', () => library.reload(), counter));
    await writeFile(join(dir, 'ghi-chu.md'), 'Ghi chú: một dòng.\n');
    rows.push(await measured('reload after adding a one-line .md', () => library.reload(), counter));
    await writeFile(join(dir, 'bom-luong.pdf'), await pdfStreamBomb(300 * MB));
    await writeFile(join(dir, 'bom-nen.docx'), await docxZipBomb(500 * MB));
    await writeFile(join(dir, 'hai-muoi-nghin-trang.pdf'), pdfWithPages(20_000));
    await writeFile(join(dir, 'front-matter-50000.md'), markdownWithKeys(50_000));
    rows.push(await measured('reload with the four hostile files of issue 13 added', () => library.reload(), counter));
    rows.push(await measured('reload again (refusals cached)', () => library.reload(), counter));
    reading.parser.close();
    const results = fileURLToPath(new URL('./results/', import.meta.url));
    await mkdir(results, { recursive: true });
    await writeFile(join(results, 'reload.json'), `${JSON.stringify({ documents: count, rows }, null, 2)}\n`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
