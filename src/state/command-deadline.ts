import type { RedisClient } from './redis-client.ts';
import { RedisTimeoutError } from './redis-timeout-error.ts';
import { RedisUnavailableError } from './redis-unavailable-error.ts';

/** What the clients of one connection share about a Redis that stopped answering. */
export interface StallState {
  /** True from a missed deadline until Redis answers a ping again: commands then fail at once. */
  readonly stalled: boolean;
  /** A command got no reply in time. */
  onTimeout(error: RedisTimeoutError): void;
}

type SendCommand = RedisClient['sendCommand'];
type ExecuteBatch = RedisClient['_executeMulti'];

/**
 * Gives every command sent through `client` a deadline: `timeoutMs`, plus the BLOCK time of a blocking read.
 *
 * node-redis' own `timeout` command option only covers a command still waiting to be written; once written to
 * a socket whose server stopped answering (SIGSTOP, a swapping host, a long script) it waits for ever, with the
 * connection still "ready". So the deadline wraps the three doors every command goes through: `sendCommand`
 * (single commands and scripts), `_executeMulti` (MULTI/EXEC) and `_executePipeline`. They are patched on the
 * instance (`_self`, where node-redis itself calls them), once, where the connection creates the client; a
 * store never sees the difference, and
 * test/chaos/redis-hang.test.ts fails if a node-redis upgrade routes commands around them.
 *
 * While `stall.stalled`, commands fail at once with RedisUnavailableError, so a hung Redis costs one deadline
 * per outage, not one per call. A reply that arrives after its deadline is dropped: the caller has moved on.
 *
 * Returns a ping that skips the fail-fast, for the probe that decides when Redis is back.
 */
export function applyCommandDeadline(
  client: RedisClient,
  timeoutMs: number,
  stall: StallState,
): { probe(): Promise<boolean> } {
  // createClient returns an object whose prototype is the instance (`_self`) that commands run on.
  const instance = (client as unknown as { _self?: RedisClient })._self ?? client;
  const send: SendCommand = instance.sendCommand.bind(instance);
  const multi: ExecuteBatch = instance._executeMulti.bind(instance);
  const pipeline: RedisClient['_executePipeline'] = instance._executePipeline.bind(instance);

  function guarded<T>(command: string, ms: number, run: () => Promise<T>): Promise<T> {
    if (stall.stalled) return Promise.reject(new RedisUnavailableError('Redis is not answering'));
    return withDeadline(run(), ms, () => {
      const error = new RedisTimeoutError(command, ms);
      stall.onTimeout(error);
      return error;
    });
  }

  const sendCommand = ((args, options) =>
    guarded(commandName(args[0]), timeoutMs + blockMs(args), () => send(args, options))) as SendCommand;
  const executeMulti = ((commands, ...rest) =>
    guarded('MULTI', timeoutMs, () => multi(commands, ...rest))) as ExecuteBatch;
  const executePipeline = ((commands, ...rest) =>
    guarded('PIPELINE', timeoutMs, () => pipeline(commands, ...rest))) as RedisClient['_executePipeline'];
  Object.assign(instance, { sendCommand, _executeMulti: executeMulti, _executePipeline: executePipeline });

  return {
    probe: () =>
      withDeadline(send<string>(['PING']), timeoutMs, () => new RedisTimeoutError('PING', timeoutMs)).then(
        (reply) => reply === 'PONG',
        () => false,
      ),
  };
}

function withDeadline<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    // The socket keeps the process alive while a command is out; the timer alone must not.
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function commandName(first: unknown): string {
  return String(first ?? '').toUpperCase();
}

/** XREAD/XREADGROUP … BLOCK <ms>: the server holds the reply that long on purpose. */
function blockMs(args: ReadonlyArray<unknown>): number {
  const at = args.findIndex((arg) => String(arg).toUpperCase() === 'BLOCK');
  const value = at >= 0 ? Number(String(args[at + 1])) : 0;
  return Number.isFinite(value) && value > 0 ? value : 0;
}
