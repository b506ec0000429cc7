export type LlmFailureReason =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'unauthorized'
  | 'rejected'
  | 'unreachable'
  | 'malformed-output'
  | 'failed';

/**
 * Why a model call gave no usable answer. `isRetryable` tells a passing condition (timeout, 429, 5xx, network)
 * from one that needs a person (a bad key, a request the server refuses).
 */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly reason: LlmFailureReason;
  /** HTTP status, when the endpoint answered with one. */
  readonly status: number | null;
  readonly isRetryable: boolean;

  constructor(reason: LlmFailureReason, message: string, options: { status?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.status = options.status ?? null;
    this.isRetryable = !['unauthorized', 'rejected'].includes(reason);
  }
}

function reasonOfStatus(status: number): LlmFailureReason {
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 500) return 'server-error';
  return 'rejected';
}

/** Reads what the OpenAI client and LangChain throw (their classes vary between versions) into an LlmError. */
export function toLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  const raw = (error ?? {}) as { status?: unknown; name?: unknown; message?: unknown; constructor?: { name?: string } };
  const message = typeof raw.message === 'string' ? raw.message.split('\n')[0]! : String(error);
  if (typeof raw.status === 'number') {
    return new LlmError(reasonOfStatus(raw.status), message, { status: raw.status, cause: error });
  }
  const kind = `${String(raw.name)} ${raw.constructor?.name ?? ''}`;
  if (/Timeout|AbortError/.test(kind) || /aborted|timed out/i.test(message)) {
    return new LlmError('timeout', message, { cause: error });
  }
  if (/Connection/.test(kind) || /connection error|ECONNREFUSED|ENOTFOUND|fetch failed/i.test(message)) {
    return new LlmError('unreachable', message, { cause: error });
  }
  if (error instanceof SyntaxError) return new LlmError('malformed-output', message, { cause: error });
  return new LlmError('failed', message, { cause: error });
}
