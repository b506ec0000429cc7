/** The Zalo Bot API answered `{ ok: false, error_code, description }`. */
export class ZaloBotApiError extends Error {
  override readonly name = 'ZaloBotApiError';
  readonly code = 'ZALO_BOT_API_ERROR';
  readonly method: string;
  readonly errorCode: number;
  readonly description: string;

  constructor(method: string, errorCode: number, description: string) {
    super(`Zalo Bot ${method} failed: ${errorCode} ${description}`);
    this.method = method;
    this.errorCode = errorCode;
    this.description = description;
  }

  /** `getUpdates` found nothing before its timeout: not a failure, just poll again. */
  get isPollTimeout(): boolean {
    return this.errorCode === 408;
  }

  /** Busy or failing (429, 5xx), rather than refusing this request. */
  get isRetryable(): boolean {
    return this.errorCode === 429 || this.errorCode >= 500;
  }
}
