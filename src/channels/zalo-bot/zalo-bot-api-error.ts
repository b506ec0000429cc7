import { ZaloApiError } from '../zalo/zalo-api-error.ts';

/** The poll timeout code: getUpdates found nothing in time. */
const POLL_TIMEOUT_CODE = 408;

/** The Zalo Bot API answered `{ ok: false, error_code, description }`. */
export class ZaloBotApiError extends ZaloApiError {
  override readonly name = 'ZaloBotApiError';
  readonly code = 'ZALO_BOT_API_ERROR';

  constructor(method: string, errorCode: number, description: string) {
    super('Zalo Bot', method, errorCode, description);
  }

  /** `getUpdates` found nothing before its timeout: not a failure, just poll again. */
  get isPollTimeout(): boolean {
    return this.errorCode === POLL_TIMEOUT_CODE;
  }

  /** Busy or failing (429, 5xx), rather than refusing this request. */
  get isRetryable(): boolean {
    return this.errorCode === 429 || this.errorCode >= 500;
  }
}
