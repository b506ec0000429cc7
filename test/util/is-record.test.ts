import { describe, expect, it } from 'vitest';
import { isRecord } from '../../src/util/is-record.ts';

describe('isRecord', () => {
  it.each([
    ['an object', { ok: true }, true],
    ['an empty object', {}, true],
    ['an object without a prototype', Object.create(null) as object, true],
    ['null', null, false],
    ['undefined', undefined, false],
    ['an array', [{ ok: true }], false],
    ['a string', '{"ok":true}', false],
    ['a number', 42, false],
    ['a boolean', true, false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});
