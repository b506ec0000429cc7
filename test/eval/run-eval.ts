import { evaluate, loadCases } from './evaluate.ts';

/**
 * `npm run eval [-- --verbose] [--json] [--set holdout]`: the score per kind of question, and what failed.
 * The default set gates the tests; `holdout` and `blind` were written separately, without sight of the
 * first set or the code (their first-contact scores are in the README).
 */
const args = process.argv.slice(2);
const set = args.includes('--set') ? args[args.indexOf('--set') + 1] : 'questions';
const report = await evaluate(loadCases(new URL(`./${set}.jsonl`, import.meta.url)));

if (args.includes('--json')) {
  const byKind = Object.fromEntries(Object.entries(report.byKind).map(([kind, { passed, total }]) => [kind, passed / total]));
  process.stdout.write(`${JSON.stringify({ score: report.score, passed: report.passed, total: report.total, byKind })}\n`);
} else {
  const width = Math.max(...Object.keys(report.byKind).map((kind) => kind.length));
  for (const [kind, { passed, total }] of Object.entries(report.byKind).sort()) {
    process.stdout.write(`${kind.padEnd(width)}  ${String(passed).padStart(3)}/${String(total).padEnd(3)} ${((100 * passed) / total).toFixed(0).padStart(4)}%\n`);
  }
  process.stdout.write(`${'overall'.padEnd(width)}  ${String(report.passed).padStart(3)}/${String(report.total).padEnd(3)} ${(100 * report.score).toFixed(1).padStart(5)}%\n`);
  const failed = report.turns.filter((turn) => turn.failures.length > 0);
  if (failed.length > 0) process.stdout.write(`\nFailed turns:\n`);
  for (const turn of failed) {
    process.stdout.write(`\n[${turn.kind}] ${turn.caseId}: ${turn.text}\n  ${turn.failures.join('\n  ')}\n`);
    if (args.includes('--verbose')) process.stdout.write(`  answer: ${turn.answer.answer.replaceAll('\n', '\n          ')}\n`);
  }
}
