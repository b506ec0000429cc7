/** Thrown by the Redis stores while the connection is down or hung, at once rather than after a wait. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly code = 'REDIS_UNAVAILABLE';
  readonly isRetryable = true;

  constructor(reason = 'Redis is not connected') {
    super(reason);
  }
}
