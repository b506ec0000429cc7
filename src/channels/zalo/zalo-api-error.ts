/**
 * A Zalo API (Official Account or Bot Platform) answered, and said no: its JSON reply carries an error code
 * and a description. Each platform's subclass names itself and decides what is worth retrying.
 */
export abstract class ZaloApiError extends Error {
  abstract readonly code: string;
  /** The API call that failed ("message/cs", "sendMessage"…). */
  readonly method: string;
  /** The platform's own error code (OA: `error`; Bot Platform: `error_code`). */
  readonly errorCode: number;
  readonly description: string;

  /** `platform` opens the message: "Zalo OA", "Zalo Bot". */
  constructor(platform: string, method: string, errorCode: number, description: string) {
    super(`${platform} ${method} failed: ${errorCode} ${description}`);
    this.method = method;
    this.errorCode = errorCode;
    this.description = description;
  }

  /** Worth trying again later unchanged: the platform is busy or failing, not refusing this request. */
  abstract get isRetryable(): boolean;
}
