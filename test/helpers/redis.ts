import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { createClient } from 'redis';
import type { RedisClient } from '../../src/state/redis-connection.ts';
import { freePort } from './free-port.ts';

/**
 * Real Redis for tests. The machine's server on 127.0.0.1:6379 is used when it answers; otherwise the
 * tests start `redis-server` on a free port. Every test gets its own key prefix and deletes its keys.
 */

export type TestRedisClient = RedisClient;

/** Whether a Redis answers PING on 127.0.0.1:port within half a second. */
export function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/** A redis-server of the test's own, on a free port, that the test may stop and start again. */
export class PrivateRedis {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    if (!redisServerInstalled()) {
      throw new Error(
        'redis-server is not installed: install the Debian package "redis-server" (apt-get install redis-server)',
      );
    }
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 100; i++) {
      if (await answersPing(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

let shared: Promise<string> | null = null;
let fallbackServer: PrivateRedis | null = null;

/** The URL of a Redis the tests may use. */
export function testRedisUrl(): Promise<string> {
  shared ??= (async () => {
    if (await answersPing(6379)) return 'redis://127.0.0.1:6379';
    fallbackServer = await PrivateRedis.start();
    return fallbackServer.url;
  })();
  return shared;
}

export function uniquePrefix(): string {
  return `test:${randomUUID().slice(0, 12)}:`;
}

export async function connectTestRedis(url?: string): Promise<TestRedisClient> {
  const client: RedisClient = createClient({ url: url ?? (await testRedisUrl()) });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(client: TestRedisClient, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
  if (keys.length > 0) await client.del(keys);
}
