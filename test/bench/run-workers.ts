import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The project root: workers run from there so that `--import tsx` resolves. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Large enough for the 100k base and for the peers' in-memory copies at 10k. */
const HEAP_LIMIT_MB = 8192;

export type WorkerEvent = Record<string, unknown> & { event: string };

export interface WorkerRun {
  events: WorkerEvent[];
  /** The worker was stopped for taking longer than allowed; events holds what it reported until then. */
  timedOut: boolean;
  elapsedMs: number;
}

function start(script: string, args: readonly string[]): ChildProcess {
  const path = fileURLToPath(new URL(`./workers/${script}`, import.meta.url));
  return spawn(
    process.execPath,
    ['--expose-gc', `--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', path, ...args],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

function collectStderr(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4000);
  });
  // Deprecation warnings from dependencies are not the worker's failure.
  return () =>
    text
      .split('\n')
      .filter((line) => line.trim() && !/DeprecationWarning|FSTDEP|--trace-warnings|npm warn/.test(line))
      .join('\n');
}

/**
 * Runs a worker to its end and returns its JSON lines. With a time limit the worker is stopped (by its own
 * handle) when it runs over, and what it reported so far is returned.
 */
export function runWorker(
  script: string,
  args: readonly string[],
  options: { timeoutMs?: number; onEvent?: (event: WorkerEvent) => void } = {},
): Promise<WorkerRun> {
  const started = performance.now();
  const child = start(script, args);
  const stderr = collectStderr(child);
  const events: WorkerEvent[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line) as WorkerEvent;
    events.push(event);
    options.onEvent?.(event);
  });
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs)
    : null;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      const elapsedMs = performance.now() - started;
      if (timedOut || code === 0) resolve({ events, timedOut, elapsedMs });
      else reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr()}`));
    });
  });
}

/** The serving worker's API key: the bench speaks as an integrator naming its 500 users (else one address). */
export const BENCH_CHAT_KEY = 'bench-integrator-key-0123456789';

/** A worker that serves until told to stop: the first event it reports, and a way to stop it. */
export async function startServer(
  store: 'memory' | 'redis',
): Promise<{ port: number; stop: () => Promise<WorkerEvent> }> {
  const child = start('serve-worker.ts', [store]);
  const stderr = collectStderr(child);
  const lines = createInterface({ input: child.stdout! });
  const events: WorkerEvent[] = [];
  const waiters: Array<() => void> = [];
  lines.on('line', (line) => {
    if (!line.startsWith('{')) return;
    events.push(JSON.parse(line) as WorkerEvent);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const next = async (name: string): Promise<WorkerEvent> => {
    for (;;) {
      const found = events.find((event) => event.event === name);
      if (found) return found;
      const woken = new Promise<void>((resolve) => waiters.push(resolve));
      const code = await Promise.race([woken.then(() => undefined), closed]);
      if (code !== undefined && !events.some((event) => event.event === name)) {
        throw new Error(`serve-worker ${store} exited with ${code} before "${name}":\n${stderr()}`);
      }
    }
  };
  const listening = await next('listening');
  return {
    port: listening.port as number,
    async stop() {
      child.stdin!.write('stop\n');
      const stopped = await next('stopped');
      await closed;
      return stopped;
    },
  };
}
