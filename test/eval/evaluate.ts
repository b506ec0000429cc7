import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { Answer } from '../../src/answer/answer.ts';
import type { AnswerWriter, Audience } from '../../src/answer/answer-writer.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Assistant } from '../../src/pipeline/assistant.ts';
import { findDates } from '../../src/text/dates.ts';
import { normalizeVietnamese } from '../../src/text/normalize.ts';
import { escapeRegExp } from '../../src/util/escape-reg-exp.ts';

/**
 * The evaluation set: real questions over the seed documents, each with what a correct answer must and
 * must not contain. Shared by `npm run eval` and the test that holds the score at 95 %.
 */

export interface Expectation {
  grounded: boolean;
  contains?: string[];
  containsAny?: string[][];
  notContains?: string[];
  citations?: string[];
  dates?: string[];
}

export interface EvalCase {
  id: string;
  kind: string;
  turns: Array<{ text: string; expect: Expectation }>;
}

export interface TurnResult {
  caseId: string;
  kind: string;
  text: string;
  expect: Expectation;
  answer: Answer;
  failures: string[];
}

export interface EvalReport {
  turns: TurnResult[];
  byKind: Record<string, { passed: number; total: number }>;
  passed: number;
  total: number;
  score: number;
  /** Turns the documents answer (expected grounded). */
  answerable: number;
  /**
   * The worst failure: a cited answer that does not say what was asked. Answerable turns answered with a
   * citation but missing an expected figure or phrase, plus turns the documents do not answer that got one.
   */
  wrongPassage: { answerable: number; unanswerable: number };
}

export const QUESTIONS_FILE = new URL('./questions.jsonl', import.meta.url);

export function loadCases(file: URL = QUESTIONS_FILE): EvalCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalCase);
}

/**
 * "15%" must not be found inside "37,15%": a figure starting or ending with a digit needs a boundary there.
 * A decimal is the same figure with zeros after it: "57,6" is found in "57,600 tỷ đồng".
 */
export function containsFigure(text: string, wanted: string): boolean {
  const target = normalizeVietnamese(wanted);
  const before = /^\d/.test(target) ? '(?<![\\d.,])' : '';
  const zeros = /[.,]\d+$/.test(target) ? '0*' : '';
  const after = /\d$/.test(target) ? `${zeros}(?![\\d]|[.,]\\d)` : '';
  return new RegExp(`${before}${escapeRegExp(target)}${after}`, 'iu').test(normalizeVietnamese(text));
}

export function checkAnswer(answer: Answer, expect: Expectation): string[] {
  const failures: string[] = [];
  const text = answer.answer;
  if (answer.grounded !== expect.grounded)
    failures.push(`grounded: expected ${expect.grounded}, got ${answer.grounded}`);
  if (!expect.grounded && answer.citations.length > 0) failures.push('a refusal must cite nothing');
  for (const wanted of expect.contains ?? []) if (!containsFigure(text, wanted)) failures.push(`missing "${wanted}"`);
  for (const options of expect.containsAny ?? []) {
    if (!options.some((option) => containsFigure(text, option)))
      failures.push(`missing one of ${JSON.stringify(options)}`);
  }
  for (const unwanted of expect.notContains ?? [])
    if (containsFigure(text, unwanted)) failures.push(`must not contain "${unwanted}"`);
  for (const number of expect.citations ?? []) {
    const cited = answer.citations.some((citation) => citation.number === number || citation.title?.includes(number));
    if (!cited) failures.push(`not cited: ${number}`);
    if (!containsFigure(text, number)) failures.push(`number not in the text: ${number}`);
  }
  const datesInText = new Set(findDates(text).map((date) => date.iso));
  for (const iso of expect.dates ?? []) if (!datesInText.has(iso)) failures.push(`date not in the text: ${iso}`);
  return failures;
}

export interface EvaluateOptions {
  /** Writes the answers with this writer (the LLM writer for `npm run eval -- --llm`); default: offline. */
  writer?: AnswerWriter;
  audience?: Audience;
}

async function assistantFor(writer: AnswerWriter | undefined): Promise<Assistant> {
  const logger = pino({ level: 'silent' });
  const app = await createApp({
    config: loadConfig({ KNOWLEDGE_WATCH: 'false' }),
    logger,
    ...(writer ? { writer } : {}),
  });
  return app.assistant;
}

export async function evaluate(cases: EvalCase[] = loadCases(), options: EvaluateOptions = {}): Promise<EvalReport> {
  const assistant = await assistantFor(options.writer);
  const turns: TurnResult[] = [];
  for (const evalCase of cases) {
    for (const turn of evalCase.turns) {
      const question = { channel: 'eval', user: evalCase.id, text: turn.text };
      const answer = await assistant.ask(options.audience ? { ...question, audience: options.audience } : question);
      turns.push({
        caseId: evalCase.id,
        kind: evalCase.kind,
        text: turn.text,
        expect: turn.expect,
        answer,
        failures: checkAnswer(answer, turn.expect),
      });
    }
  }
  const byKind: EvalReport['byKind'] = {};
  for (const turn of turns) {
    byKind[turn.kind] ??= { passed: 0, total: 0 };
    const entry = byKind[turn.kind]!;
    entry.total++;
    if (turn.failures.length === 0) entry.passed++;
  }
  const passed = turns.filter((turn) => turn.failures.length === 0).length;
  const contentMissing = (turn: TurnResult) => turn.failures.some((failure) => failure.startsWith('missing'));
  const answerable = turns.filter((turn) => turn.expect.grounded);
  const wrongPassage = {
    answerable: answerable.filter((turn) => turn.answer.grounded && contentMissing(turn)).length,
    unanswerable: turns.filter((turn) => !turn.expect.grounded && turn.answer.grounded).length,
  };
  return {
    turns,
    byKind,
    passed,
    total: turns.length,
    score: turns.length > 0 ? passed / turns.length : 0,
    answerable: answerable.length,
    wrongPassage,
  };
}
