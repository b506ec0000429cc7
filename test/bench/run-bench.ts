import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { evaluationTurns, loadEvaluationCases } from './bench-questions.ts';
import {
  type BenchResult,
  buildResult,
  type HttpRun,
  type OursRun,
  type PeerRun,
  type SizeLabel,
} from './bench-result.ts';
import { round } from './measure.ts';
import { performanceChart } from './performance-chart.ts';
import { performanceTable } from './performance-table.ts';
import { BENCH_CHAT_KEY, runWorker, startServer, type WorkerEvent } from './run-workers.ts';

/**
 * `npm run bench [-- --json] [-- --markdown] [-- --quick]`: speed, scale and retrieval quality in one run
 * (`--quick`: the seeds and 1k only, printed but not recorded).
 *
 * Each measurement runs in a process of its own (test/bench/workers/), one after the other, so that its
 * memory is its own and timings do not share the two cores:
 * - ours at the seeds, 1k (read from disk), 10k and 100k documents: build, memory, answer latency over every
 *   evaluation turn through the real assistant, recall@5 on the recall questions;
 * - LangChain's BM25Retriever and Orama, default settings, on the same passages and questions (a spread
 *   sample of them past the seeds: both are slow there, see the README);
 * - messages per second through POST /v1/chat with autocannon, memory store and Redis.
 *
 * Writes test/bench/results/latest.json and performance.svg. Measured here, never asserted in tests.
 */

interface Plan {
  ours: Array<{ size: SizeLabel; disk?: boolean; rounds: number; warmUp?: number; retrievalRounds: number }>;
  peers: Array<{ name: 'langchain' | 'orama'; size: SizeLabel; sample?: number; timeoutS: number }>;
  http: { durationS: number; connections: number };
}

const FULL: Plan = {
  ours: [
    { size: 'seeds', rounds: 20, retrievalRounds: 20 },
    { size: 1000, disk: true, rounds: 5, retrievalRounds: 5 },
    { size: 10000, rounds: 2, retrievalRounds: 3 },
    { size: 100000, rounds: 1, warmUp: 20, retrievalRounds: 1 },
  ],
  peers: [
    { name: 'langchain', size: 'seeds', timeoutS: 60 },
    { name: 'orama', size: 'seeds', timeoutS: 60 },
    { name: 'langchain', size: 1000, sample: 16, timeoutS: 60 },
    { name: 'orama', size: 1000, sample: 6, timeoutS: 60 },
    { name: 'langchain', size: 10000, sample: 4, timeoutS: 60 },
    { name: 'orama', size: 10000, sample: 2, timeoutS: 90 },
  ],
  http: { durationS: 5, connections: 50 },
};

/** A quick look (about a minute): the seeds and 1k only, not written to results/. */
const QUICK: Plan = {
  ours: [
    { size: 'seeds', rounds: 5, retrievalRounds: 5 },
    { size: 1000, disk: true, rounds: 1, retrievalRounds: 1 },
  ],
  peers: [
    { name: 'langchain', size: 'seeds', timeoutS: 60 },
    { name: 'orama', size: 'seeds', timeoutS: 60 },
    { name: 'langchain', size: 1000, sample: 4, timeoutS: 30 },
    { name: 'orama', size: 1000, sample: 2, timeoutS: 30 },
  ],
  http: { durationS: 2, connections: 50 },
};

const RESULTS_DIR = new URL('./results/', import.meta.url);

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function label(size: SizeLabel): string {
  return size === 'seeds' ? 'seeds' : size >= 1000 ? `${size / 1000}k` : String(size);
}

async function measureOurs(step: Plan['ours'][number]): Promise<OursRun> {
  const args = [String(step.size), '--rounds', String(step.rounds), '--retrieval-rounds', String(step.retrievalRounds)];
  if (step.disk) args.push('--disk');
  if (step.warmUp !== undefined) args.push('--warm-up', String(step.warmUp));
  const { events } = await runWorker('ours-worker.ts', args, {
    onEvent: (event) => {
      if (event.event === 'built')
        progress(`ours ${label(step.size)}: built in ${round((event.buildMs as number) / 1000)} s, answering…`);
    },
  });
  const done = events.find((event) => event.event === 'done');
  if (!done) throw new Error(`ours ${label(step.size)} reported no result`);
  return { size: step.size, fromDisk: Boolean(step.disk), ...(done as unknown as Omit<OursRun, 'size' | 'fromDisk'>) };
}

async function measurePeer(step: Plan['peers'][number]): Promise<PeerRun> {
  const args = [step.name, String(step.size)];
  if (step.sample !== undefined) args.push('--sample', String(step.sample));
  // When the worker is stopped in the middle of a question, that question had been running since it was asked.
  let askedAt: number | null = null;
  const run = await runWorker('peer-worker.ts', args, {
    timeoutMs: step.timeoutS * 1000,
    onEvent: (event) => {
      askedAt = event.event === 'asking' ? performance.now() : event.event === 'query' ? null : askedAt;
    },
  });
  const stoppedAt = performance.now();
  const built = run.events.find((event) => event.event === 'built');
  const queries = run.events.filter(
    (event): event is WorkerEvent & { question: number; ms: number; hit: boolean } => event.event === 'query',
  );
  const done = run.events.find((event) => event.event === 'done');
  const sample = (built?.sample as number[] | undefined) ?? [];
  return {
    name: step.name,
    size: step.size,
    documents: (built?.documents as number | undefined) ?? null,
    passages: (built?.passages as number | undefined) ?? null,
    buildMs: built ? (built.buildMs as number) : null,
    memory: (built?.memory as PeerRun['memory']) ?? null,
    memoryAfterQueries: (done?.memoryAfterQueries as PeerRun['memoryAfterQueries']) ?? null,
    sample,
    answered: queries.map((query) => ({ question: query.question, ms: query.ms, hit: query.hit })),
    timedOut: run.timedOut,
    timeLimitS: step.timeoutS,
    unansweredAfterMs: run.timedOut && askedAt !== null ? round(stoppedAt - askedAt) : null,
  };
}

async function measureHttp(store: 'memory' | 'redis', plan: Plan['http']): Promise<HttpRun> {
  const server = await startServer(store);
  const texts = evaluationTurns(loadEvaluationCases()).map((turn) => turn.text);
  let sent = 0;
  // Varied users and questions: each request is the next evaluation question from one of 500 users.
  const requests = [
    {
      method: 'POST',
      path: '/v1/chat',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_CHAT_KEY}` },
      setupRequest: (request: { body?: string }) => {
        const at = sent++;
        return { ...request, body: JSON.stringify({ user: `bench-user-${at % 500}`, text: texts[at % texts.length] }) };
      },
    },
  ];
  const url = `http://127.0.0.1:${server.port}`;
  try {
    await autocannon({ url, connections: 10, duration: 1, requests });
    const result = await autocannon({ url, connections: plan.connections, duration: plan.durationS, requests });
    const stopped = await server.stop();
    return {
      store,
      connections: plan.connections,
      durationS: round(result.duration),
      requests: result.requests.total,
      messagesPerSecond: Math.round(result['2xx'] / result.duration),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      rssMb: (stopped.memory as { rssMb: number }).rssMb,
      redisKeysDeleted: stopped.deletedKeys as number,
    };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}

function machine(loadAtStart: number): BenchResult['machine'] {
  const cpu = cpus();
  return {
    // Other work on the machine shows in the timings: a one-minute load average above the bench's own one
    // process means the figures are pessimistic.
    loadAverage: { atStart: Number(loadAtStart.toFixed(2)), atEnd: Number(loadavg()[0]!.toFixed(2)) },
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = args.includes('--quick') ? QUICK : FULL;
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const ours: OursRun[] = [];
  const peers: PeerRun[] = [];
  // Ours first at each size, then the peers at that size, smallest first.
  const sizes = [...new Set([...plan.ours.map((step) => step.size), ...plan.peers.map((step) => step.size)])];
  for (const size of sizes) {
    for (const step of plan.ours.filter((candidate) => candidate.size === size)) {
      progress(`ours ${label(size)}${step.disk ? ' (from disk)' : ''}…`);
      const run = await measureOurs(step);
      progress(
        `ours ${label(size)}: p50 ${run.latency.p50Ms} ms, p99 ${run.latency.p99Ms} ms, rss ${run.memory.rssMb} MB`,
      );
      ours.push(run);
    }
    for (const step of plan.peers.filter((candidate) => candidate.size === size)) {
      progress(`${step.name} ${label(size)}…`);
      const run = await measurePeer(step);
      progress(
        `${step.name} ${label(size)}: ${run.answered.length}/${run.sample.length} questions${run.timedOut ? ' (time limit)' : ''}`,
      );
      peers.push(run);
    }
  }
  const http: HttpRun[] = [];
  for (const store of ['memory', 'redis'] as const) {
    progress(`POST /v1/chat, ${store} store…`);
    const run = await measureHttp(store, plan.http);
    progress(`POST /v1/chat, ${store} store: ${run.messagesPerSecond} messages/s`);
    http.push(run);
  }

  const result = buildResult({
    machine: machine(loadAtStart),
    ours,
    peers,
    http,
    durationS: round((performance.now() - started) / 1000),
    quick: plan === QUICK,
  });
  // A quick look leaves the recorded results (the full run's) alone.
  if (!result.quick) {
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(new URL('latest.json', RESULTS_DIR), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(new URL('performance.svg', RESULTS_DIR), performanceChart(result));
    progress(`wrote test/bench/results/latest.json and performance.svg in ${result.durationS} s`);
  }

  if (args.includes('--markdown')) process.stdout.write(`${performanceTable(result)}\n`);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (!args.includes('--markdown')) process.stdout.write(`${performanceTable(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
