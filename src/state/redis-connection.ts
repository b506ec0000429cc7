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

const CONNECT_TIMEOUT_MS = 2000;
/** Reconnection waits double from this… */
const RECONNECT_FIRST_MS = 100;
/** …for at most this many doublings… */
const RECONNECT_DOUBLINGS = 6;
/** …and never exceed this. */
const RECONNECT_MAX_MS = 5000;

/** What every connection of one RedisConnection shares, so an outage is logged once, not once per connection. */
interface ConnectionState {
  url: string;
  logger: Logger;
  onStateChange: ((ready: boolean) => void) | undefined;
  outage: boolean;
  closing: boolean;
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
  const state: ConnectionState = { url, logger, onStateChange, outage: false, closing: false };
  const client = connectInBackground(state, 'commands');
  const extra: RedisClient[] = [];

  return {
    client,
    isReady: () => client.isReady,
    waitUntilReady: (timeoutMs) => waitUntilReady(client, timeoutMs),
    duplicate() {
      const other = connectInBackground(state, 'queue');
      extra.push(other);
      return other;
    },
    async close() {
      state.closing = true;
      await Promise.all([client, ...extra].map(closeQuietly));
    },
  };
}

function connectInBackground(state: ConnectionState, role: string): RedisClient {
  const { logger } = state;
  const client: RedisClient = createClient({
    url: state.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) =>
        Math.min(RECONNECT_FIRST_MS * 2 ** Math.min(retries, RECONNECT_DOUBLINGS), RECONNECT_MAX_MS),
    },
  });
  client.on('error', (error: Error) => {
    if (state.closing || state.outage) return;
    state.outage = true;
    state.onStateChange?.(false);
    logger.warn(
      { err: { message: error.message }, role },
      'Redis unreachable; answering without shared state until it is back',
    );
  });
  client.on('ready', () => {
    if (state.outage) logger.info({ role }, 'Redis is back');
    state.outage = false;
    state.onStateChange?.(true);
  });
  // Connecting never throws at the caller: the reconnect strategy keeps trying.
  client.connect().catch((error: Error) => {
    if (!state.closing) logger.warn({ err: { message: error.message }, role }, 'Redis connection attempt stopped');
  });
  return client;
}

function waitUntilReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
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
}

async function closeQuietly(connection: RedisClient): Promise<void> {
  try {
    if (connection.isOpen) await connection.close();
    else connection.destroy();
  } catch {
    connection.destroy();
  }
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
