/**
 * A Redis command got no reply within its deadline: the server is hung (stopped, swapping, a long script)
 * rather than gone, so the connection looks open. The connection counts as down until a ping answers.
 */
export class RedisTimeoutError extends Error {
  override readonly name = 'RedisTimeoutError';
  readonly code = 'REDIS_TIMEOUT';
  readonly isRetryable = true;

  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`Redis did not answer ${command} within ${timeoutMs} ms`);
  }
}
