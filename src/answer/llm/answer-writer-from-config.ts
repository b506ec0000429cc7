import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { type AnswerWriter, offlineAnswerWriter } from '../answer-writer.ts';
import { createLlmAnswerWriter, type LlmAnswerWriterOptions } from './llm-answer-writer.ts';
import { DEFAULT_PROMPTS_DIR, loadPrompts } from './load-prompts.ts';

export interface AnswerWriterFromConfigOptions {
  /** `config.llm`: null (no OPENAI_API_KEY) keeps the offline writer. */
  llm: Config['llm'];
  logger: Logger;
  onReport?: LlmAnswerWriterOptions['onReport'];
}

/**
 * The writer the configuration asks for, for start-up: the offline writer without OPENAI_API_KEY, else the
 * LLM writer with the prompts of PROMPTS_DIR (default `prompts/`). Rejects with a PromptError naming the file
 * and variable when a prompt is missing or broken, so a bad prompt stops the start, not the first question.
 */
export async function answerWriterFromConfig({
  llm,
  logger,
  onReport,
}: AnswerWriterFromConfigOptions): Promise<AnswerWriter> {
  if (!llm) return offlineAnswerWriter;
  const prompts = await loadPrompts(llm.promptsDir ?? DEFAULT_PROMPTS_DIR);
  logger.info(
    { model: llm.model, baseUrl: llm.baseUrl ?? 'default', timeoutMs: llm.timeoutMs, prompts: prompts.dir },
    'answers written by the LLM',
  );
  return createLlmAnswerWriter({ config: llm, prompts, logger, ...(onReport ? { onReport } : {}) });
}
