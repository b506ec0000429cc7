import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/util/constant-time-equal.ts';

describe('constantTimeEqual', () => {
  it.each([
    ['the same secret', 'test_secret-Token_123', 'test_secret-Token_123', true],
    ['two empty strings', '', '', true],
    ['Vietnamese text, same form', 'mật khẩu', 'mật khẩu', true],
    ['one character different', 'test_secret-Token_123', 'test_secret-Token_124', false],
    ['a prefix of the secret', 'test_secret', 'test_secret-Token_123', false],
    ['a longer string', 'test_secret-Token_1234', 'test_secret-Token_123', false],
    ['empty against a secret', '', 'secret', false],
    ['another case', 'Secret', 'secret', false],
    ['composed against decomposed', 'mật', 'mật'.normalize('NFD'), false],
  ])('%s → %s', (_name, a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
    expect(constantTimeEqual(b, a)).toBe(expected);
  });
});
