import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../helpers/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/**
 * `src/main.ts` as a real process on 127.0.0.1, as `npm start` runs it: the chaos run and its short tests
 * send it signals from outside. Its JSON log lines (standard error) are kept for the checks.
 */
export class BotProcess {
  readonly logs: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // Not a log line (a crash's stack trace): shown as it is.
          if (line.trim()) process.stderr.write(`[bot] ${line}\n`);
        }
      }
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts the bot and waits until /healthz answers (200, or 503 while it starts). */
  static async start(env: Record<string, string>, options: { readyWithinMs?: number } = {}): Promise<BotProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const bot = new BotProcess(child, port);
    const deadline = Date.now() + (options.readyWithinMs ?? 30_000);
    while (Date.now() < deadline) {
      const health = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      if (health?.status === 200) return bot;
      if (child.exitCode !== null) throw new Error(`the bot exited at start with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error('the bot did not become ready in time');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  logged(pattern: RegExp, level?: number): LogLine[] {
    return this.logs.filter((line) => pattern.test(line.msg) && (level === undefined || line.level === level));
  }
}
