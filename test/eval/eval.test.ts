import { describe, expect, it } from 'vitest';
import { evaluate, loadCases } from './evaluate.ts';

/** The evaluation sets are a gate: retrieval or answering changes must keep each at 95 % or better. */
describe.each(['questions', 'holdout', 'blind'])('evaluation set %s', (set) => {
  it('answers at least 95% of turns correctly', async () => {
    const report = await evaluate(loadCases(new URL(`./${set}.jsonl`, import.meta.url)));
    const failed = report.turns
      .filter((turn) => turn.failures.length > 0)
      .map((turn) => `${turn.caseId}: ${turn.failures.join('; ')}`);
    expect(report.total).toBeGreaterThanOrEqual(60);
    expect(report.score, failed.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
