import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../helpers/free-port.ts';
import { answersPing } from '../helpers/redis.ts';

/**
 * A redis-server of the chaos run's own on 127.0.0.1, that it may stop (SIGSTOP: sockets stay open, nothing
 * answers), resume, kill -9 and start again on the same port. With `dir`, it keeps an append-only file there
 * (fsync at every write), as a Redis holding a durable queue should, so a kill -9 loses nothing.
 */
export class ChaosRedis {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string | null,
  ) {}

  static async start(options: { dir?: string } = {}): Promise<ChaosRedis> {
    const redis = new ChaosRedis(await freePort(), options.dir ?? null);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    const persistence = this.dir
      ? ['--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
      : ['--save', '', '--appendonly', 'no'];
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', ...persistence], {
      stdio: 'ignore',
    });
    this.process.once('error', () => {});
    for (let i = 0; i < 200; i++) {
      if (await answersPing(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not start on port ${this.port} (is the Debian package redis-server installed?)`);
  }

  /** SIGSTOP: connections stay open, no command gets a reply. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  /** kill -9, as a crash or an out-of-memory kill would. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    });
  }
}
