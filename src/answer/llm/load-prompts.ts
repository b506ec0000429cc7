import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatPromptTemplate, PromptTemplate, parseFString } from '@langchain/core/prompts';
import type { Audience } from '../answer-writer.ts';
import { PromptError } from './prompt-error.ts';

/** The repository's `prompts/` folder, used when PROMPTS_DIR is not set. */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url));

/** Every prompt file and the variables it must use, no more and no fewer. */
export const PROMPT_FILES = Object.freeze({
  system: { file: 'system.vi.md', variables: [] },
  citizen: { file: 'answer-citizen.vi.md', variables: ['passages', 'question'] },
  official: { file: 'answer-official.vi.md', variables: ['passages', 'question'] },
  rewrite: { file: 'rewrite-follow-up.vi.md', variables: ['history', 'question'] },
} as const satisfies Record<string, { file: string; variables: readonly string[] }>);

/** The variables an answer prompt is filled with. */
export type AnswerPromptInput = {
  passages: string;
  question: string;
};

export type RewritePromptInput = {
  history: string;
  question: string;
};

/** The prompts, read and checked: ready to compose with a model. */
export interface Prompts {
  readonly dir: string;
  /** The system prompt followed by the audience's answer format. */
  readonly answer: Readonly<Record<Audience, ChatPromptTemplate<AnswerPromptInput>>>;
  readonly rewrite: PromptTemplate<RewritePromptInput>;
}

/** Notes for editors (`<!-- … -->`) never reach the model. */
function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->\n?/g, '').trim();
}

/** The template's variables, or a PromptError naming the file when its braces do not parse. */
function variablesOf(text: string, file: string): Set<string> {
  try {
    return new Set(parseFString(text).flatMap((node) => (node.type === 'variable' ? [node.name] : [])));
  } catch (error) {
    throw new PromptError(
      'PROMPT_TEMPLATE_INVALID',
      `prompt file ${file} is not a valid template (${(error as Error).message}); write a literal brace as {{ or }}`,
      { file, cause: error },
    );
  }
}

async function readPrompt(dir: string, name: keyof typeof PROMPT_FILES): Promise<string> {
  const { file: fileName, variables } = PROMPT_FILES[name];
  const file = join(dir, fileName);
  let text: string;
  try {
    text = stripComments((await readFile(file, 'utf8')).normalize('NFC'));
  } catch (error) {
    throw new PromptError('PROMPT_FILE_MISSING', `prompt file ${file} cannot be read`, { file, cause: error });
  }
  if (!text) throw new PromptError('PROMPT_FILE_MISSING', `prompt file ${file} is empty`, { file });
  const found = variablesOf(text, file);
  for (const variable of variables) {
    if (!found.has(variable)) {
      throw new PromptError('PROMPT_VARIABLE_MISSING', `prompt file ${file} must use the variable {${variable}}`, {
        file,
        variable,
      });
    }
  }
  const allowed = new Set<string>(variables);
  for (const variable of found) {
    if (!allowed.has(variable)) {
      const expected = variables.length > 0 ? variables.map((v) => `{${v}}`).join(', ') : 'none';
      throw new PromptError(
        'PROMPT_VARIABLE_UNKNOWN',
        `prompt file ${file} uses the unknown variable {${variable}} (expected: ${expected}); write a literal brace as {{ or }}`,
        { file, variable },
      );
    }
  }
  return text;
}

/**
 * Reads and checks the prompt files once, at start: a missing file or variable is a start-up error that
 * names it, rather than a failure on the first question.
 */
export async function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Promise<Prompts> {
  // One after the other, so that with several broken files the error is always about the same one.
  const system = await readPrompt(dir, 'system');
  const citizen = await readPrompt(dir, 'citizen');
  const official = await readPrompt(dir, 'official');
  const rewrite = await readPrompt(dir, 'rewrite');
  const answerPrompt = (human: string) =>
    ChatPromptTemplate.fromMessages<AnswerPromptInput>([
      ['system', system],
      ['human', human],
    ]);
  return Object.freeze({
    dir,
    answer: Object.freeze({ citizen: answerPrompt(citizen), official: answerPrompt(official) }),
    rewrite: PromptTemplate.fromTemplate<RewritePromptInput>(rewrite),
  });
}
