import { describe, expect, it } from 'vitest';
import { evaluate, loadCases } from './evaluate.ts';

/**
 * The evaluation sets are a gate: retrieval or answering changes must keep each at its floor. The blind sets
 * were scored once at first contact (README); since then they are regression sets held at what they reach.
 */
describe.each([
  ['questions', 0.95],
  ['holdout', 0.95],
  ['blind', 0.95],
  ['blind-a', 0.95],
  ['blind-c', 0.9],
  ['blind-d', 0.9],
  ['blind-e', 0.9],
  ['blind-f', 0.9],
  ['blind-g', 0.95],
  ['blind-h', 0.95],
  ['blind-i', 0.95],
  ['blind-j', 0.85],
] as const)('evaluation set %s', (set, floor) => {
  it(`answers at least ${floor * 100}% of turns correctly`, async () => {
    const report = await evaluate(loadCases(new URL(`./${set}.jsonl`, import.meta.url)));
    const failed = report.turns
      .filter((turn) => turn.failures.length > 0)
      .map((turn) => `${turn.caseId}: ${turn.failures.join('; ')}`);
    expect(report.total).toBeGreaterThanOrEqual(60);
    expect(report.score, failed.join('\n')).toBeGreaterThanOrEqual(floor);
  });
});
