import { type Distribution, type MemorySnapshot, round } from './measure.ts';

/** A knowledge base size: the five seed documents alone, or that many documents (seeds included). */
export type SizeLabel = number | 'seeds';

/** What the ours worker reports for one size. */
export interface OursRun {
  size: SizeLabel;
  fromDisk: boolean;
  documents: number;
  passages: number;
  loadMs: number | null;
  generateMs: number | null;
  buildMs: number;
  buildMsPer1k: number;
  memory: MemorySnapshot;
  memoryAfterQueries: MemorySnapshot;
  latency: Distribution & { rounds: number; turns: number; slowest: Array<{ text: string; ms: number }> };
  evaluation: { passed: number; total: number };
  retrieval: Distribution & { questions: number; recallAt5: number; perQuestionMs: number[]; hits: boolean[] };
}

/** What a peer worker reported for one size; a run past its time limit keeps the questions it answered. */
export interface PeerRun {
  name: 'langchain' | 'orama';
  size: SizeLabel;
  documents: number | null;
  passages: number | null;
  buildMs: number | null;
  memory: MemorySnapshot | null;
  memoryAfterQueries: MemorySnapshot | null;
  /** Positions, among the recall questions, of the questions asked. */
  sample: number[];
  answered: Array<{ question: number; ms: number; hit: boolean }>;
  timedOut: boolean;
  timeLimitS: number;
  /** When stopped in the middle of a question: how long that question had been running. */
  unansweredAfterMs: number | null;
}

export interface HttpRun {
  store: 'memory' | 'redis';
  connections: number;
  durationS: number;
  requests: number;
  messagesPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rssMb: number;
  redisKeysDeleted: number;
}

/** Ours against a peer on the same questions at one size. */
export interface Comparison {
  peer: 'langchain' | 'orama';
  documents: number;
  /** Questions both answered (the peer's sample, less any it did not finish in time). */
  questions: number;
  oursMeanMs: number;
  peerMeanMs: number;
  /** peerMeanMs / oursMeanMs. */
  speedup: number;
  /** The peer answered none of the sample in time: its time is at least peerMeanMs. */
  speedupIsLowerBound: boolean;
  oursRecallAt5: number;
  peerRecallAt5: number | null;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean;
}

export interface SizeSummary {
  label: string;
  documents: number;
  passages: number;
  fromDisk: boolean;
  loadMs: number | null;
  buildMs: number;
  buildMsPer1k: number | null;
  rssMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
  peakRssMb: number;
  rssAfterQueriesMb: number;
  answer: Distribution & { rounds: number; turns: number; slowest: Array<{ text: string; ms: number }> };
  evaluationPassed: number;
  evaluationTotal: number;
  recallAt5: number;
  recallQuestions: number;
  retrievalMeanMs: number;
  retrievalP99Ms: number;
}

export interface PeerSummary {
  name: 'langchain' | 'orama';
  documents: number | null;
  passages: number | null;
  buildMs: number | null;
  rssMb: number | null;
  heapUsedMb: number | null;
  questionsAsked: number;
  questionsAnswered: number;
  recallAt5: number | null;
  meanMs: number | null;
  timedOut: boolean;
  timeLimitS: number;
  unansweredAfterMs: number | null;
}

export interface BenchResult {
  generatedAt: string;
  durationS: number;
  quick: boolean;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    node: string;
    platform: string;
    loadAverage: { atStart: number; atEnd: number };
  };
  /** Largest knowledge base measured. */
  documents: number;
  /** Answer latency through the assistant at `latencyDocuments` (10k in a full run). */
  p50Ms: number;
  p99Ms: number;
  latencyDocuments: number;
  /** Recall@5 on the seeds, every recall question, ours and the peers. */
  recallAt5: number;
  langchainRecallAt5: number | null;
  oramaRecallAt5: number | null;
  recallQuestions: number;
  /** Mean time per question, peer over ours, at `speedupDocuments` (10k in a full run). */
  speedupVsLangchainBm25: number | null;
  speedupVsOrama: number | null;
  speedupVsOramaIsLowerBound: boolean;
  speedupDocuments: number | null;
  /** Build at the largest size, and the worst over sizes from 1k up. */
  buildMsPer1k: number;
  buildMsPer1kWorst: number;
  /** Settled RSS after the build at the largest size, with its heap and typed arrays, and the peak during the build. */
  rssMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
  peakRssMb: number;
  /** POST /v1/chat, memory store; and with Redis. */
  messagesPerSecond: number;
  messagesPerSecondRedis: number | null;
  /** The figures the first bench printed. */
  seedQuestions: number;
  seedP50Ms: number;
  seedP99Ms: number;
  load1kDocuments: number | null;
  load1kPassages: number | null;
  load1kReadMs: number | null;
  load1kIndexMs: number | null;
  load1kTotalMs: number | null;
  targets: Target[];
  sizes: SizeSummary[];
  peers: PeerSummary[];
  comparisons: Comparison[];
  http: HttpRun[];
}

function sizeLabel(run: { size: SizeLabel; documents: number | null }): string {
  if (run.size === 'seeds') return 'seeds';
  const documents = run.documents ?? run.size;
  return documents >= 1000 ? `${documents / 1000}k` : String(documents);
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((total, value) => total + value, 0) / values.length : Number.NaN;
}

function summarizeSize(run: OursRun): SizeSummary {
  return {
    label: sizeLabel(run),
    documents: run.documents,
    passages: run.passages,
    fromDisk: run.fromDisk,
    loadMs: run.loadMs,
    buildMs: run.buildMs,
    buildMsPer1k: run.documents >= 1000 ? run.buildMsPer1k : null,
    rssMb: run.memory.rssMb,
    heapUsedMb: run.memory.heapUsedMb,
    arrayBuffersMb: run.memory.arrayBuffersMb,
    peakRssMb: run.memory.peakRssMb,
    rssAfterQueriesMb: run.memoryAfterQueries.rssMb,
    answer: run.latency,
    evaluationPassed: run.evaluation.passed,
    evaluationTotal: run.evaluation.total,
    recallAt5: run.retrieval.recallAt5,
    recallQuestions: run.retrieval.questions,
    retrievalMeanMs: run.retrieval.meanMs,
    retrievalP99Ms: run.retrieval.p99Ms,
  };
}

function summarizePeer(run: PeerRun): PeerSummary {
  const answered = run.answered;
  return {
    name: run.name,
    documents: run.documents,
    passages: run.passages,
    buildMs: run.buildMs,
    rssMb: run.memory?.rssMb ?? null,
    heapUsedMb: run.memory?.heapUsedMb ?? null,
    questionsAsked: run.sample.length,
    questionsAnswered: answered.length,
    recallAt5: answered.length > 0 ? round(answered.filter((query) => query.hit).length / answered.length) : null,
    meanMs: answered.length > 0 ? round(mean(answered.map((query) => query.ms))) : null,
    timedOut: run.timedOut,
    timeLimitS: run.timeLimitS,
    unansweredAfterMs: run.unansweredAfterMs,
  };
}

function compare(run: PeerRun, ours: OursRun): Comparison | null {
  if (run.documents === null) return null;
  const answered = run.answered;
  const asked = answered.length > 0 ? answered.map((query) => query.question) : run.sample.slice(0, 1);
  if (asked.length === 0) return null;
  const oursMeanMs = mean(asked.map((question) => ours.retrieval.perQuestionMs[question]!));
  const lowerBound = answered.length === 0;
  const peerMeanMs = lowerBound ? (run.unansweredAfterMs ?? Number.NaN) : mean(answered.map((query) => query.ms));
  if (!Number.isFinite(peerMeanMs)) return null;
  return {
    peer: run.name,
    documents: run.documents,
    questions: answered.length,
    oursMeanMs: round(oursMeanMs),
    peerMeanMs: round(peerMeanMs),
    speedup: round(peerMeanMs / oursMeanMs),
    speedupIsLowerBound: lowerBound,
    oursRecallAt5: round(mean(asked.map((question) => (ours.retrieval.hits[question] ? 1 : 0)))),
    peerRecallAt5: answered.length > 0 ? round(mean(answered.map((query) => (query.hit ? 1 : 0)))) : null,
  };
}

const percent = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value * 1000) / 10}%`);

function targetsOf(result: Omit<BenchResult, 'targets'>): Target[] {
  const at = result.speedupDocuments === null ? '' : ` at ${result.speedupDocuments.toLocaleString('en')} documents`;
  const lc = result.speedupVsLangchainBm25;
  const orama = result.speedupVsOrama;
  return [
    {
      name: 'answer p99',
      goal: `< 20 ms at ${result.latencyDocuments.toLocaleString('en')} documents`,
      value: `${result.p99Ms} ms (p50 ${result.p50Ms} ms)`,
      met: result.p99Ms < 20,
    },
    {
      name: 'vs LangChain BM25Retriever',
      goal: '≥ 50× faster, higher recall@5',
      value: `${lc === null ? 'n/a' : `${lc}×`}${at}; recall@5 ${percent(result.recallAt5)} vs ${percent(result.langchainRecallAt5)}`,
      met: lc !== null && lc >= 50 && result.recallAt5 > (result.langchainRecallAt5 ?? 1),
    },
    {
      name: 'vs Orama',
      goal: 'as fast or within 1.5×, higher recall@5',
      value: `${orama === null ? 'n/a' : `${result.speedupVsOramaIsLowerBound ? '≥ ' : ''}${orama}×`}${at}; recall@5 ${percent(result.recallAt5)} vs ${percent(result.oramaRecallAt5)}`,
      met: orama !== null && orama >= 1 / 1.5 && result.recallAt5 > (result.oramaRecallAt5 ?? 1),
    },
    {
      name: 'index build',
      goal: '≤ 1 s per 1k documents',
      value: `${result.buildMsPer1k} ms per 1k at ${result.documents.toLocaleString('en')} (worst ${result.buildMsPer1kWorst})`,
      met: result.buildMsPer1kWorst <= 1000,
    },
    {
      name: 'memory',
      goal: 'RSS < 300 MB at 100k documents',
      value: `${result.rssMb} MB at ${result.documents.toLocaleString('en')} (heap ${result.heapUsedMb}, typed arrays ${result.arrayBuffersMb}, peak ${result.peakRssMb})`,
      met: result.documents >= 100000 && result.rssMb < 300,
    },
    {
      name: 'POST /v1/chat',
      goal: '≥ 1,000 messages/s, memory store',
      value: `${result.messagesPerSecond}/s (Redis ${result.messagesPerSecondRedis ?? 'n/a'}/s)`,
      met: result.messagesPerSecond >= 1000,
    },
  ];
}

export function buildResult(input: {
  machine: BenchResult['machine'];
  ours: OursRun[];
  peers: PeerRun[];
  http: HttpRun[];
  durationS: number;
  quick: boolean;
}): BenchResult {
  const { ours, peers, http } = input;
  const bySize = [...ours].sort((a, b) => a.documents - b.documents);
  const largest = bySize.at(-1)!;
  const seeds = ours.find((run) => run.size === 'seeds') ?? bySize[0]!;
  const latencyRun = ours.find((run) => run.size === 10000) ?? largest;
  const disk = ours.find((run) => run.fromDisk) ?? null;
  const oursAt = (size: SizeLabel): OursRun | undefined => ours.find((run) => run.size === size);
  const comparisons = peers.flatMap((run) => {
    const own = oursAt(run.size);
    const comparison = own ? compare(run, own) : null;
    return comparison ? [comparison] : [];
  });
  // Speed is compared at 10k (or the largest size both ran); recall on the seeds, where every question is asked.
  const speedAt = (peer: 'langchain' | 'orama'): Comparison | null =>
    comparisons.filter((comparison) => comparison.peer === peer).sort((a, b) => b.documents - a.documents)[0] ?? null;
  const seedRecall = (peer: 'langchain' | 'orama'): number | null =>
    summarizePeerOrNull(peers.find((run) => run.name === peer && run.size === 'seeds'))?.recallAt5 ?? null;
  const langchain = speedAt('langchain');
  const orama = speedAt('orama');
  const memoryStore = http.find((run) => run.store === 'memory');
  const redis = http.find((run) => run.store === 'redis');
  const withoutTargets: Omit<BenchResult, 'targets'> = {
    generatedAt: new Date().toISOString(),
    durationS: input.durationS,
    quick: input.quick,
    machine: input.machine,
    documents: largest.documents,
    p50Ms: latencyRun.latency.p50Ms,
    p99Ms: latencyRun.latency.p99Ms,
    latencyDocuments: latencyRun.documents,
    recallAt5: seeds.retrieval.recallAt5,
    langchainRecallAt5: seedRecall('langchain'),
    oramaRecallAt5: seedRecall('orama'),
    recallQuestions: seeds.retrieval.questions,
    speedupVsLangchainBm25: langchain?.speedup ?? null,
    speedupVsOrama: orama?.speedup ?? null,
    speedupVsOramaIsLowerBound: orama?.speedupIsLowerBound ?? false,
    speedupDocuments: langchain?.documents ?? orama?.documents ?? null,
    buildMsPer1k: largest.buildMsPer1k,
    buildMsPer1kWorst: Math.max(...bySize.filter((run) => run.documents >= 1000).map((run) => run.buildMsPer1k)),
    rssMb: largest.memory.rssMb,
    heapUsedMb: largest.memory.heapUsedMb,
    arrayBuffersMb: largest.memory.arrayBuffersMb,
    peakRssMb: largest.memory.peakRssMb,
    messagesPerSecond: memoryStore?.messagesPerSecond ?? 0,
    messagesPerSecondRedis: redis?.messagesPerSecond ?? null,
    seedQuestions: seeds.latency.turns,
    seedP50Ms: seeds.latency.p50Ms,
    seedP99Ms: seeds.latency.p99Ms,
    load1kDocuments: disk?.documents ?? null,
    load1kPassages: disk?.passages ?? null,
    load1kReadMs: disk?.loadMs ?? null,
    load1kIndexMs: disk?.buildMs ?? null,
    load1kTotalMs: disk && disk.loadMs !== null ? round(disk.loadMs + disk.buildMs) : null,
    sizes: bySize.map(summarizeSize),
    peers: peers.map(summarizePeer),
    comparisons,
    http,
  };
  return { ...withoutTargets, targets: targetsOf(withoutTargets) };
}

function summarizePeerOrNull(run: PeerRun | undefined): PeerSummary | null {
  return run ? summarizePeer(run) : null;
}
