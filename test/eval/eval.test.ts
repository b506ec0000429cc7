import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';

/** The evaluation set is a gate: retrieval or answering changes must keep it at 95 % or better. */
describe('evaluation set', () => {
  it('answers at least 95% of turns correctly', async () => {
    const report = await evaluate();
    const failed = report.turns.filter((turn) => turn.failures.length > 0).map((turn) => `${turn.caseId}: ${turn.failures.join('; ')}`);
    expect(report.total).toBeGreaterThanOrEqual(60);
    expect(report.score, failed.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
