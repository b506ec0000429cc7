import type { Logger } from 'pino';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnection {
  client: RedisClient;
  /** True while commands can be sent. */
  isReady(): boolean;
  /** Waits until the first connection is ready, at most `timeoutMs`; false when Redis did not answer in time. */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  /** A second connection for blocking reads (the queue), so they never hold up ordinary commands. */
  duplicate(): RedisClient;
  close(): Promise<void>;
}

/**
 * Connects to Redis without ever stopping the bot: the first connection and every reconnection happen in
 * the background with capped backoff; while Redis is away commands fail at once (no offline queue), so
 * callers fall back (answers without history) instead of waiting. One warning per outage, one info when
 * it is back.
 */
export function createRedisConnection(options: {
  url: string;
  logger: Logger;
  onStateChange?: (ready: boolean) => void;
}): RedisConnection {
  const { url, logger, onStateChange } = options;
  let outage = false;
  let closing = false;

  const configure = (client: RedisClient, role: string): RedisClient => {
    client.on('error', (error: Error) => {
      if (closing || outage) return;
      outage = true;
      onStateChange?.(false);
      logger.warn(
        { err: { message: error.message }, role },
        'Redis unreachable; answering without shared state until it is back',
      );
    });
    client.on('ready', () => {
      if (outage) logger.info({ role }, 'Redis is back');
      outage = false;
      onStateChange?.(true);
    });
    // Connecting never throws at the caller: the reconnect strategy keeps trying.
    client.connect().catch((error: Error) => {
      if (!closing) logger.warn({ err: { message: error.message }, role }, 'Redis connection attempt stopped');
    });
    return client;
  };

  const make = (): RedisClient =>
    createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 6), 5000),
      },
    });

  const client = configure(make(), 'commands');
  const extra: RedisClient[] = [];

  return {
    client,
    isReady: () => client.isReady,
    waitUntilReady(timeoutMs) {
      if (client.isReady) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        client.once('ready', onReady);
      });
    },
    duplicate() {
      const other = configure(make(), 'queue');
      extra.push(other);
      return other;
    },
    async close() {
      closing = true;
      await Promise.all(
        [client, ...extra].map(async (connection) => {
          try {
            if (connection.isOpen) await connection.close();
            else connection.destroy();
          } catch {
            connection.destroy();
          }
        }),
      );
    },
  };
}

/** Thrown by the Redis stores while the connection is down, at once rather than after a reconnect attempt. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly isRetryable = true;

  constructor() {
    super('Redis is not connected');
  }
}

/** Fails fast while Redis is away, so callers fall back at once instead of waiting on a reconnection. */
export function assertReady(client: RedisClient): void {
  if (!client.isReady) throw new RedisUnavailableError();
}
