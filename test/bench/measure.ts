/** Small measuring helpers shared by the bench worker and the report. */

/** The p-th percentile (nearest rank) of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Distribution {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function distribution(timings: readonly number[]): Distribution {
  const sorted = [...timings].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    meanMs: round(sum / Math.max(1, sorted.length)),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Three significant decimals for small figures, whole numbers for large ones. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(3));
}

const MB = 1024 * 1024;

export interface MemorySnapshot {
  /** Resident set size of the process. */
  rssMb: number;
  /** Live JavaScript objects after a full collection. */
  heapUsedMb: number;
  /** Typed arrays and Buffers (postings, compressed texts): outside the JavaScript heap. */
  arrayBuffersMb: number;
  /** The highest resident set size the process has had so far (the build with its input included). */
  peakRssMb: number;
}

/**
 * Memory once the process has settled: garbage collected (the worker runs with --expose-gc) and given
 * time for the engine to hand unused pages back, polled until the resident size stops falling.
 */
export async function settledMemory(maxWaitMs = 6000): Promise<MemorySnapshot> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let previous = Number.POSITIVE_INFINITY;
  const started = performance.now();
  for (;;) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const { rss } = process.memoryUsage();
    if (rss > previous - MB || performance.now() - started > maxWaitMs) break;
    previous = rss;
  }
  return memoryNow();
}

export function memoryNow(): MemorySnapshot {
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return {
    rssMb: Math.round(rss / MB),
    heapUsedMb: Math.round(heapUsed / MB),
    arrayBuffersMb: Math.round(arrayBuffers / MB),
    peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
  };
}

/** Evenly spread positions: n of `total`, always the same for the same arguments. */
export function evenSample(total: number, n: number): number[] {
  if (n >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
}
