/**
 * No usable access token: the refresh failed, or refreshing is impossible (no app secret or refresh token).
 * The message never contains a token.
 */
export class ZaloOaTokenError extends Error {
  override readonly name = 'ZaloOaTokenError';
  readonly code = 'ZALO_OA_TOKEN_ERROR';
  readonly isRetryable: boolean;

  constructor(message: string, options: { isRetryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.isRetryable = options.isRetryable;
  }
}
