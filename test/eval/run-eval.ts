import type { Audience } from '../../src/answer/answer-writer.ts';
import { answerWriterFromConfig } from '../../src/answer/llm/answer-writer-from-config.ts';
import type { LlmWriteReport } from '../../src/answer/llm/llm-answer-writer.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { type EvaluateOptions, evaluate, loadCases } from './evaluate.ts';

/**
 * `npm run eval [-- --verbose] [--json] [--set holdout] [--llm [--audience official]]`: the score per kind of
 * question, and what failed. The default set gates the tests; `holdout` and `blind` were written separately,
 * without sight of the first set or the code (their first-contact scores are in the README).
 * `--llm` writes the answers with the model configured by OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL and
 * LLM_TIMEOUT_MS, behind the citation guard, and also counts how each answer was written.
 */
const args = process.argv.slice(2);
const set = args.includes('--set') ? args[args.indexOf('--set') + 1] : 'questions';
const llmReports: LlmWriteReport[] = [];
const options: EvaluateOptions = {};
if (args.includes('--llm')) {
  const config = loadConfig(process.env);
  if (!config.llm) {
    process.stderr.write('--llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI).\n');
    process.exit(2);
  }
  const audience = args.includes('--audience') ? (args[args.indexOf('--audience') + 1] as Audience) : 'citizen';
  if (audience !== 'citizen' && audience !== 'official') {
    process.stderr.write('--audience is citizen or official.\n');
    process.exit(2);
  }
  options.audience = audience;
  options.writer = await answerWriterFromConfig({
    llm: config.llm,
    logger: createLogger('warn'),
    onReport: (report) => llmReports.push(report),
  });
  process.stderr.write(
    `LLM mode: ${config.llm.model} at ${config.llm.baseUrl ?? 'api.openai.com'}, ${audience} answers\n`,
  );
}
const report = await evaluate(loadCases(new URL(`./${set}.jsonl`, import.meta.url)), options);

/** How many answers were written each way: { llm: 41, "llm-trimmed": 3, "fallback:timeout": 2, offline: 20 }. */
function describeLlmReports(reports: readonly LlmWriteReport[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of reports) {
    const key = entry.outcome === 'fallback' ? `fallback:${entry.reason}` : entry.outcome;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

if (args.includes('--json')) {
  const byKind = Object.fromEntries(
    Object.entries(report.byKind).map(([kind, { passed, total }]) => [kind, passed / total]),
  );
  const llm = options.writer ? { llm: describeLlmReports(llmReports) } : {};
  process.stdout.write(
    `${JSON.stringify({ score: report.score, passed: report.passed, total: report.total, byKind, ...llm })}\n`,
  );
} else {
  const width = Math.max(...Object.keys(report.byKind).map((kind) => kind.length));
  for (const [kind, { passed, total }] of Object.entries(report.byKind).sort()) {
    process.stdout.write(
      `${kind.padEnd(width)}  ${String(passed).padStart(3)}/${String(total).padEnd(3)} ${((100 * passed) / total).toFixed(0).padStart(4)}%\n`,
    );
  }
  process.stdout.write(
    `${'overall'.padEnd(width)}  ${String(report.passed).padStart(3)}/${String(report.total).padEnd(3)} ${(100 * report.score).toFixed(1).padStart(5)}%\n`,
  );
  const { wrongPassage, answerable } = report;
  const share = answerable > 0 ? ((100 * wrongPassage.answerable) / answerable).toFixed(1) : '0';
  process.stdout.write(
    `\nCited but wrong: ${wrongPassage.answerable}/${answerable} answerable turns (${share}%) missed what was asked; ` +
      `${wrongPassage.unanswerable} unanswerable turns got a cited answer\n`,
  );
  if (options.writer) {
    const counts = Object.entries(describeLlmReports(llmReports)).sort(([a], [b]) => a.localeCompare(b));
    process.stdout.write(`\nHow answers were written: ${counts.map(([key, count]) => `${key} ${count}`).join(', ')}\n`);
  }
  const failed = report.turns.filter((turn) => turn.failures.length > 0);
  if (failed.length > 0) process.stdout.write(`\nFailed turns:\n`);
  for (const turn of failed) {
    process.stdout.write(`\n[${turn.kind}] ${turn.caseId}: ${turn.text}\n  ${turn.failures.join('\n  ')}\n`);
    if (args.includes('--verbose'))
      process.stdout.write(`  answer: ${turn.answer.answer.replaceAll('\n', '\n          ')}\n`);
  }
}
