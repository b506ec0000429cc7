import { ZaloApiError } from '../zalo/zalo-api-error.ts';

/**
 * Codes the OA API uses for an access token that is invalid or expired. The list is not confirmed by Zalo's
 * documentation, so a description that names the access token counts too.
 */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([-216, -124]);

/** The Zalo OA API answered, and said no: a non-zero `error` in its JSON reply. */
export class ZaloOaApiError extends ZaloApiError {
  override readonly name = 'ZaloOaApiError';
  readonly code = 'ZALO_OA_API_ERROR';
  readonly httpStatus: number;

  constructor(method: string, errorCode: number, description: string, httpStatus: number) {
    super('Zalo OA', method, errorCode, description);
    this.httpStatus = httpStatus;
  }

  /** The access token was refused: refreshing it may help. */
  get isTokenError(): boolean {
    return TOKEN_ERROR_CODES.has(this.errorCode) || /access[\s_-]?token/i.test(this.description);
  }

  /** The OA API answers most failures with HTTP 200: only the status says it is busy (429) or failing (5xx). */
  get isRetryable(): boolean {
    return this.httpStatus === 429 || this.httpStatus >= 500;
  }
}
