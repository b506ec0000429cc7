import type { BenchResult } from './bench-result.ts';

/** The README's Performance section tables, from one bench result. */

const number = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined || !Number.isFinite(value)
    ? 'n/a'
    : value.toLocaleString('en', { maximumFractionDigits: digits });
const ms = (value: number | null | undefined): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  if (value >= 1000) return `${number(value / 1000, 1)} s`;
  return `${number(value, value < 10 ? 2 : 1)} ms`;
};
const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${number(value * 100, 1)}%`;

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

export function performanceTable(result: BenchResult): string {
  const { machine } = result;
  const parts: string[] = [];
  parts.push(
    `Measured on ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}, ` +
      `${result.generatedAt.slice(0, 10)}\n(\`npm run bench\`, ${number(result.durationS)} s${result.quick ? ', --quick' : ''}; ` +
      `load average ${machine.loadAverage.atStart} at the start, ${machine.loadAverage.atEnd} at the end).`,
  );
  parts.push(
    table(
      [
        'Documents',
        'Passages',
        'Build',
        'Build per 1k',
        'RSS settled',
        'Heap / typed arrays',
        'Peak RSS',
        'Answer p50',
        'p90',
        'p99',
        'Answers correct',
        'Recall@5',
      ],
      result.sizes.map((size) => [
        `${number(size.documents)}${size.fromDisk ? ' (disk)' : ''}`,
        number(size.passages),
        ms(size.buildMs),
        size.buildMsPer1k === null ? '–' : ms(size.buildMsPer1k),
        `${number(size.rssMb)} MB`,
        `${number(size.heapUsedMb)} / ${number(size.arrayBuffersMb)} MB`,
        `${number(size.peakRssMb)} MB`,
        ms(size.answer.p50Ms),
        ms(size.answer.p90Ms),
        ms(size.answer.p99Ms),
        `${size.evaluationPassed}/${size.evaluationTotal}`,
        percent(size.recallAt5),
      ]),
    ),
  );
  parts.push(
    table(
      [
        'Retriever',
        'Documents',
        'Questions',
        'Recall@5',
        'Mean per question',
        'Ours, same questions',
        'Ours faster by',
        'Build',
        'RSS',
      ],
      result.peers.map((peer) => {
        const comparison = result.comparisons.find(
          (candidate) => candidate.peer === peer.name && candidate.documents === peer.documents,
        );
        const name = peer.name === 'langchain' ? 'LangChain BM25Retriever' : 'Orama';
        const stopped = peer.timedOut && peer.questionsAnswered < peer.questionsAsked;
        return [
          name,
          number(peer.documents),
          `${peer.questionsAnswered}/${peer.questionsAsked}${stopped ? ` (stopped at ${peer.timeLimitS} s)` : ''}`,
          percent(peer.recallAt5),
          peer.meanMs !== null ? ms(peer.meanMs) : peer.unansweredAfterMs ? `> ${ms(peer.unansweredAfterMs)}` : 'n/a',
          comparison ? `${ms(comparison.oursMeanMs)}, recall ${percent(comparison.oursRecallAt5)}` : 'n/a',
          comparison
            ? `${comparison.speedupIsLowerBound ? '≥ ' : ''}${number(comparison.speedup, comparison.speedup < 10 ? 2 : 0)}×`
            : 'n/a',
          ms(peer.buildMs),
          peer.rssMb === null ? 'n/a' : `${number(peer.rssMb)} MB`,
        ];
      }),
    ),
  );
  parts.push(
    table(
      ['POST /v1/chat', 'Messages/s', 'Latency p50', 'p99', 'Requests', 'Non-2xx', 'Errors', 'Server RSS'],
      result.http.map((run) => [
        `${run.store} store, ${run.connections} connections, ${number(run.durationS, 1)} s`,
        number(run.messagesPerSecond),
        ms(run.latencyP50Ms),
        ms(run.latencyP99Ms),
        number(run.requests),
        number(run.non2xx),
        number(run.errors + run.timeouts),
        `${number(run.rssMb)} MB`,
      ]),
    ),
  );
  parts.push(
    table(
      ['Target', 'Goal', 'Measured', 'Met'],
      result.targets.map((target) => [target.name, target.goal, target.value, target.met ? 'yes' : '**no**']),
    ),
  );
  return parts.join('\n\n');
}
