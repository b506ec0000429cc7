import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadKnowledgeFolder } from '../../src/knowledge/load-knowledge-folder.ts';
import { buildKnowledgeBase } from '../../src/retrieval/knowledge-base.ts';
import { loadCases } from '../eval/evaluate.ts';
import { writeSyntheticKnowledge } from './synthetic-knowledge.ts';

/**
 * `npm run bench [-- --json]`: answer latency over the evaluation questions on the seeds, and the time to
 * load and index a folder of 1,000 documents. Measured here, never asserted in tests.
 */

const ROUNDS = 30;
const LOAD_SIZE = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function answerLatency(): Promise<{ p50Ms: number; p99Ms: number; questions: number }> {
  const { assistant } = await createApp({ config: loadConfig({}), logger: pino({ level: 'silent' }) });
  const questions = loadCases().flatMap((evalCase) => evalCase.turns.map((turn) => ({ user: evalCase.id, text: turn.text })));
  for (const question of questions) await assistant.ask({ channel: 'warm-up', ...question });
  const timings: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const started = performance.now();
      await assistant.ask({ channel: `bench-${round}`, ...question });
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  return { p50Ms: percentile(timings, 50), p99Ms: percentile(timings, 99), questions: timings.length };
}

async function loadTime(count: number): Promise<{ documents: number; loadMs: number; indexMs: number; passages: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-bench-'));
  try {
    await writeSyntheticKnowledge(dir, count);
    const started = performance.now();
    const loaded = await loadKnowledgeFolder(dir);
    const loadedAt = performance.now();
    const base = buildKnowledgeBase(loaded.documents);
    const indexedAt = performance.now();
    return { documents: loaded.documents.length, loadMs: loadedAt - started, indexMs: indexedAt - loadedAt, passages: base.index.size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const latency = await answerLatency();
const load = await loadTime(LOAD_SIZE);
const result = {
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  seedQuestions: latency.questions,
  seedP50Ms: Number(latency.p50Ms.toFixed(3)),
  seedP99Ms: Number(latency.p99Ms.toFixed(3)),
  load1kDocuments: load.documents,
  load1kPassages: load.passages,
  load1kReadMs: Math.round(load.loadMs),
  load1kIndexMs: Math.round(load.indexMs),
  load1kTotalMs: Math.round(load.loadMs + load.indexMs),
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(18)} ${value}\n`);
}
