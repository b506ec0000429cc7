import { describe, expect, it } from 'vitest';
import { spellYearsInDigits } from '../../src/text/year-words.ts';

describe('spellYearsInDigits: years written in words', () => {
  it.each([
    ['đến năm hai nghìn hai mươi', 'đến năm 2020'],
    ['hai ngàn không trăm mười lăm', '2015'],
    ['den nam hai nghin ba lam?', 'den nam 2035?'],
    ['hai nghìn hai mươi lăm.', '2025.'],
    ['hai nghìn linh tám', '2008'],
    ['hai nghìn mười hai', '2012'],
    ['hai nghin hai muoi mot', '2021'],
    ['năm hai nghìn', 'năm 2000'],
    ['có hai nghìn người', 'có 2000 người'],
    ['Hà Tĩnh đặt mục tiêu 60% mức độ 3', 'Hà Tĩnh đặt mục tiêu 60% mức độ 3'],
  ])('%j → %j', (text, expected) => {
    expect(spellYearsInDigits(text)).toBe(expected);
  });
});
