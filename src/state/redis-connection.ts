import type { Logger } from 'pino';
import { createClient } from 'redis';
import { applyCommandDeadline } from './command-deadline.ts';
import type { RedisClient } from './redis-client.ts';
import type { RedisTimeoutError } from './redis-timeout-error.ts';
import { RedisUnavailableError } from './redis-unavailable-error.ts';

export type { RedisClient } from './redis-client.ts';
export { RedisUnavailableError } from './redis-unavailable-error.ts';

export interface RedisConnection {
  /** Every command through it has a deadline; while Redis is down or hung commands fail at once. */
  client: RedisClient;
  /** True while commands can be sent and Redis answers them in time. */
  isReady(): boolean;
  /** Whether Redis answers a PING within the command deadline; false at once while it is known to be down. */
  ping(): Promise<boolean>;
  /** Waits until the first connection is ready, at most `timeoutMs`; false when Redis did not answer in time. */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  /**
   * A second connection for blocking reads (the queue), so they never hold up ordinary commands. Its deadline
   * adds the read's BLOCK time to the command deadline.
   */
  duplicate(): RedisClient;
  close(): Promise<void>;
}

/** The longest wait for a reply when REDIS_COMMAND_TIMEOUT_MS is not given. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 2000;
/** Reconnection waits double from this… */
const RECONNECT_FIRST_MS = 100;
/** …for at most this many doublings… */
const RECONNECT_DOUBLINGS = 6;
/** …and never exceed this. */
const RECONNECT_MAX_MS = 5000;
/** While Redis is hung, a PING every this often says when it answers again. */
const PROBE_INTERVAL_MS = 500;

/**
 * What every connection of one RedisConnection shares, so an outage is logged once, not once per connection.
 * Redis is down while the socket is gone (`outage`) or while it stopped answering (`stalled`).
 */
interface ConnectionState {
  url: string;
  logger: Logger;
  commandTimeoutMs: number;
  onStateChange: ((ready: boolean) => void) | undefined;
  outage: boolean;
  stalled: boolean;
  closing: boolean;
  /** The PING of the commands connection that skips the fail-fast. */
  probe: (() => Promise<boolean>) | null;
  probing: NodeJS.Timeout | null;
}

/**
 * Connects to Redis without ever stopping the bot: the first connection and every reconnection happen in
 * the background with capped backoff; while Redis is away commands fail at once (no offline queue), so
 * callers fall back (answers without history) instead of waiting. Every command has a deadline
 * (`commandTimeoutMs`): a Redis that keeps its sockets open but stops answering counts as down from the first
 * missed deadline until a ping answers again. One warning per outage, one info when it is back.
 */
export function createRedisConnection(options: {
  url: string;
  logger: Logger;
  commandTimeoutMs?: number;
  onStateChange?: (ready: boolean) => void;
}): RedisConnection {
  const { url, logger, onStateChange } = options;
  const state: ConnectionState = {
    url,
    logger,
    commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    onStateChange,
    outage: false,
    stalled: false,
    closing: false,
    probe: null,
    probing: null,
  };
  const { client, probe } = connectInBackground(state, 'commands');
  state.probe = probe;
  const extra: RedisClient[] = [];

  return {
    client,
    isReady: () => client.isReady && !state.stalled,
    async ping() {
      if (!client.isReady || state.stalled) return false;
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    waitUntilReady: (timeoutMs) => waitUntilReady(client, timeoutMs),
    duplicate() {
      const other = connectInBackground(state, 'queue').client;
      extra.push(other);
      return other;
    },
    async close() {
      state.closing = true;
      if (state.probing) clearTimeout(state.probing);
      await Promise.all([client, ...extra].map((connection) => closeQuietly(connection, state.commandTimeoutMs)));
    },
  };
}

function connectInBackground(
  state: ConnectionState,
  role: string,
): { client: RedisClient; probe: () => Promise<boolean> } {
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
  const { probe } = applyCommandDeadline(client, state.commandTimeoutMs, {
    get stalled() {
      return state.stalled;
    },
    onTimeout: (error) => stalled(state, error, role),
  });
  client.on('error', (error: Error) => {
    if (state.closing) return;
    const wasUp = !state.outage && !state.stalled;
    state.outage = true;
    if (!wasUp) return;
    state.onStateChange?.(false);
    logger.warn(
      { err: { message: error.message }, role },
      'Redis unreachable; answering without shared state until it is back',
    );
  });
  client.on('ready', () => {
    // A fresh handshake was answered: Redis is reachable and answering again.
    const wasDown = state.outage || state.stalled;
    state.outage = false;
    state.stalled = false;
    if (wasDown) logger.info({ role }, 'Redis is back');
    state.onStateChange?.(true);
  });
  // Connecting never throws at the caller: the reconnect strategy keeps trying.
  client.connect().catch((error: Error) => {
    if (!state.closing) logger.warn({ err: { message: error.message }, role }, 'Redis connection attempt stopped');
  });
  return { client, probe };
}

/** The first missed deadline of an outage: warn once, count Redis as down, and ping until it answers. */
function stalled(state: ConnectionState, error: RedisTimeoutError, role: string): void {
  if (state.stalled || state.closing) return;
  const wasUp = !state.outage;
  state.stalled = true;
  if (wasUp) {
    state.onStateChange?.(false);
    state.logger.warn(
      { err: { message: error.message }, role },
      'Redis is not answering; answering without shared state until it does',
    );
  }
  probeUntilAnswered(state);
}

function probeUntilAnswered(state: ConnectionState): void {
  state.probing = setTimeout(async () => {
    state.probing = null;
    if (!state.stalled || state.closing) return;
    if (await state.probe?.()) {
      if (!state.stalled || state.closing) return;
      state.stalled = false;
      if (!state.outage) {
        state.logger.info('Redis answers again');
        state.onStateChange?.(true);
      }
      return;
    }
    probeUntilAnswered(state);
  }, PROBE_INTERVAL_MS);
  state.probing.unref();
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

/** Waits for the replies still due, but not on a hung Redis: past the deadline the sockets are cut. */
async function closeQuietly(connection: RedisClient, timeoutMs: number): Promise<void> {
  if (!connection.isOpen) {
    connection.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  // Settles even after the cut below, when nobody awaits it any more.
  const closing = connection.close().catch(() => {});
  await Promise.race([closing, cut]);
  clearTimeout(timer);
  if (connection.isOpen) connection.destroy();
}

/** Fails fast while Redis is away, so callers fall back at once instead of waiting on a reconnection. */
export function assertReady(client: RedisClient): void {
  if (!client.isReady) throw new RedisUnavailableError();
}
