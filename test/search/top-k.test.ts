import { describe, expect, it } from 'vitest';
import { TopK } from '../../src/search/top-k.ts';

interface Hit {
  id: string;
  score: number;
}

function topOf(k: number, scores: number[]): number[] {
  const best = new TopK<number>(k, (score) => score);
  for (const score of scores) best.offer(score);
  return best.sorted();
}

describe('TopK', () => {
  it.each([
    [3, [5, 1, 9, 3, 7], [9, 7, 5]],
    [1, [5, 1, 9, 3, 7], [9]],
    [5, [5, 1, 9, 3, 7], [9, 7, 5, 3, 1]],
    [10, [5, 1, 9], [9, 5, 1]],
    [3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [10, 9, 8]],
    [3, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [10, 9, 8]],
    [2, [0.25, -1, 3.5, 0], [3.5, 0.25]],
    [3, [-5, -1, -3], [-1, -3, -5]],
    [3, [], []],
    [0, [5, 1, 9], []],
  ])('k=%i of %j → %j', (k, scores, expected) => {
    expect(topOf(k, scores)).toEqual(expected);
  });

  it.each([
    [2, [4, 4, 4, 4], [4, 4]],
    [3, [2, 7, 7, 1, 7], [7, 7, 7]],
    [2, [7, 5, 5, 5], [7, 5]],
  ])('ties: k=%i of %j → %j', (k, scores, expected) => {
    expect(topOf(k, scores)).toEqual(expected);
  });

  it('keeps the first of equally scored items once full: a later equal score is not better', () => {
    const best = new TopK<Hit>(2, (hit) => hit.score);
    for (const id of ['a', 'b', 'c', 'd']) best.offer({ id, score: 1 });
    expect(best.accepts(1)).toBe(false);
    expect(
      best
        .sorted()
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it.each([
    [0, [], 5, false],
    [2, [], Number.NEGATIVE_INFINITY, true],
    [2, [3], 1, true],
    [2, [3, 5], 1, false],
    [2, [3, 5], 3, false],
    [2, [3, 5], 4, true],
  ])('k=%i holding %j accepts(%d) → %s', (k, held, score, expected) => {
    const best = new TopK<number>(k, (value) => value);
    for (const value of held) best.offer(value);
    expect(best.accepts(score)).toBe(expected);
  });

  it('keeps whole items, best first, and sorted() does not consume them', () => {
    const best = new TopK<Hit>(2, (hit) => hit.score);
    const hits: Hit[] = [
      { id: '4086/QĐ-UBND', score: 2.5 },
      { id: '2972/QĐ-UBND', score: 7.25 },
      { id: '635/QĐ-UBND', score: 1 },
      { id: '36-NQ/TW', score: 4 },
    ];
    for (const hit of hits) best.offer(hit);
    const first = best.sorted();
    expect(first).toEqual([hits[1], hits[3]]);
    expect(best.sorted()).toEqual(first);
    best.offer({ id: '16', score: 9 });
    expect(best.sorted().map((hit) => hit.id)).toEqual(['16', '2972/QĐ-UBND']);
  });

  it('agrees with a full sort on many scores', () => {
    const scores = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 1009) / 7);
    expect(topOf(25, scores)).toEqual([...scores].sort((a, b) => b - a).slice(0, 25));
  });
});
