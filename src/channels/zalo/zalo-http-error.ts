/**
 * A Zalo API (Official Account or Bot Platform) could not be reached or gave no usable reply: network failure,
 * timeout, or an HTTP error without the API's JSON body. `status` is null when no response arrived. Never
 * names the URL: the Bot Platform's holds the token.
 */
export class ZaloHttpError extends Error {
  override readonly name = 'ZaloHttpError';
  readonly code = 'ZALO_HTTP_ERROR';
  readonly status: number | null;

  constructor(message: string, options: { status: number | null; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }

  /** A 4xx other than 429 refuses the request itself; anything else (no response, 5xx, a garbled reply) may pass. */
  get isRetryable(): boolean {
    return this.status === null || this.status === 429 || this.status < 400 || this.status >= 500;
  }
}
