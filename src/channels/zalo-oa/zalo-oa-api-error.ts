/**
 * Codes the OA API uses for an access token that is invalid or expired (PLATFORMS.md: *unconfirmed* list,
 * so a message that names the access token counts too).
 */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([-216, -124]);

/** The Zalo OA API answered, and said no: a non-zero `error` in its JSON reply. */
export class ZaloOaApiError extends Error {
  override readonly name = 'ZaloOaApiError';
  readonly code = 'ZALO_OA_API_ERROR';
  /** Zalo's `error` field. */
  readonly errorCode: number;
  readonly description: string;
  readonly httpStatus: number;

  constructor(method: string, errorCode: number, description: string, httpStatus: number) {
    super(`Zalo OA ${method} failed: ${errorCode} ${description}`);
    this.errorCode = errorCode;
    this.description = description;
    this.httpStatus = httpStatus;
  }

  /** The access token was refused: refreshing it may help. */
  get isTokenError(): boolean {
    return TOKEN_ERROR_CODES.has(this.errorCode) || /access[\s_-]?token/i.test(this.description);
  }

  /** Worth trying again later unchanged: the platform is busy or failing, not refusing this request. */
  get isRetryable(): boolean {
    return this.httpStatus === 429 || this.httpStatus >= 500;
  }
}
