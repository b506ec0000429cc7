export type ToolErrorCode = 'MISSING' | 'TIMEOUT' | 'FAILED' | 'TOO_MUCH_OUTPUT';

/**
 * An outside program (tesseract, pdftoppm, antiword…) that did not give a result. MISSING means it is not
 * installed; TIMEOUT that it ran past its deadline and was killed; FAILED that it exited with an error (the
 * input is usually at fault); TOO_MUCH_OUTPUT that it was killed for writing more than it was allowed.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ToolErrorCode;
  readonly tool: string;
  /** What the program wrote to standard error, cut short: the reason, when it gives one. */
  readonly stderr: string;

  constructor(code: ToolErrorCode, tool: string, message: string, options: { stderr?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.tool = tool;
    this.stderr = options.stderr ?? '';
  }

  /** A run that timed out may pass on a quieter machine; a missing program or a bad input will not. */
  get isRetryable(): boolean {
    return this.code === 'TIMEOUT';
  }
}
