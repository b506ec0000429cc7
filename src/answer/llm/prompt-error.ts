export type PromptErrorCode =
  | 'PROMPT_FILE_MISSING'
  | 'PROMPT_TEMPLATE_INVALID'
  | 'PROMPT_VARIABLE_MISSING'
  | 'PROMPT_VARIABLE_UNKNOWN';

/** A prompt file the bot cannot start with. Names the file (and the variable), never the prompt text. */
export class PromptError extends Error {
  override readonly name = 'PromptError';
  readonly code: PromptErrorCode;
  /** Path of the prompt file. */
  readonly file: string;
  readonly variable: string | null;

  constructor(code: PromptErrorCode, message: string, details: { file: string; variable?: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.variable = details.variable ?? null;
  }
}
