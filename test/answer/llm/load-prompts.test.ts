import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offlineAnswerWriter } from '../../../src/answer/answer-writer.ts';
import { answerWriterFromConfig } from '../../../src/answer/llm/answer-writer-from-config.ts';
import { DEFAULT_PROMPTS_DIR, loadPrompts } from '../../../src/answer/llm/load-prompts.ts';
import { PromptError } from '../../../src/answer/llm/prompt-error.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoidap-prompts-'));
  await cp(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

async function failure(): Promise<PromptError> {
  const error = await loadPrompts(dir).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PromptError);
  return error as PromptError;
}

describe('loadPrompts', () => {
  it('loads the bundled prompts, with the variables each needs', async () => {
    const prompts = await loadPrompts();
    expect(prompts.answer.citizen.inputVariables.sort()).toEqual(['passages', 'question']);
    expect(prompts.answer.official.inputVariables.sort()).toEqual(['passages', 'question']);
    expect(prompts.rewrite.inputVariables.sort()).toEqual(['history', 'question']);
  });

  it('names a missing file', async () => {
    await unlink(join(dir, 'answer-official.vi.md'));
    const error = await failure();
    expect(error).toMatchObject({
      name: 'PromptError',
      code: 'PROMPT_FILE_MISSING',
      file: join(dir, 'answer-official.vi.md'),
    });
    expect(error.message).toContain('answer-official.vi.md');
  });

  it('names an empty file', async () => {
    await writeFile(join(dir, 'system.vi.md'), '<!-- to be written -->\n');
    expect(await failure()).toMatchObject({ code: 'PROMPT_FILE_MISSING', file: join(dir, 'system.vi.md') });
  });

  it('names the file and the variable it lacks', async () => {
    await edit('answer-citizen.vi.md', (text) => text.replace('{passages}', '(đoạn trích)'));
    const error = await failure();
    expect(error).toMatchObject({ code: 'PROMPT_VARIABLE_MISSING', variable: 'passages' });
    expect(error.message).toContain('answer-citizen.vi.md');
    expect(error.message).toContain('{passages}');
  });

  it('names a variable no one fills', async () => {
    await edit('rewrite-follow-up.vi.md', (text) => `${text}\nTỉnh: {province}`);
    const error = await failure();
    expect(error).toMatchObject({ code: 'PROMPT_VARIABLE_UNKNOWN', variable: 'province' });
    expect(error.message).toContain('rewrite-follow-up.vi.md');
  });

  it('names a file whose braces do not parse', async () => {
    await edit('system.vi.md', (text) => `${text}\nVí dụ JSON: { "a": 1`);
    expect(await failure()).toMatchObject({ code: 'PROMPT_TEMPLATE_INVALID', file: join(dir, 'system.vi.md') });
  });

  it('keeps notes for editors out of the prompt, and literal braces as written', async () => {
    await edit('system.vi.md', (text) => `<!-- ghi chú: {không phải biến} -->\n${text}\nVí dụ: {{"a": 1}}`);
    const prompts = await loadPrompts(dir);
    const messages = await prompts.answer.citizen.formatMessages({ passages: 'P', question: 'Q' });
    expect(messages[0]!.content).not.toContain('ghi chú');
    expect(messages[0]!.content).toContain('Ví dụ: {"a": 1}');
  });
});

describe('answerWriterFromConfig', () => {
  const logger = pino({ level: 'silent' });
  const llm = {
    apiKey: 'test',
    model: 'fake-model',
    baseUrl: 'http://127.0.0.1:9/v1',
    timeoutMs: 1000,
    promptsDir: null,
  };

  it('keeps the offline writer without an API key', async () => {
    expect(await answerWriterFromConfig({ llm: null, logger })).toBe(offlineAnswerWriter);
  });

  it('stops the start with a PromptError when PROMPTS_DIR lacks a file', async () => {
    await unlink(join(dir, 'rewrite-follow-up.vi.md'));
    await expect(answerWriterFromConfig({ llm: { ...llm, promptsDir: dir }, logger })).rejects.toMatchObject({
      name: 'PromptError',
      code: 'PROMPT_FILE_MISSING',
      file: join(dir, 'rewrite-follow-up.vi.md'),
    });
  });

  it('builds the LLM writer from a valid PROMPTS_DIR', async () => {
    const writer = await answerWriterFromConfig({ llm: { ...llm, promptsDir: dir }, logger });
    expect(writer).not.toBe(offlineAnswerWriter);
  });
});
