import { describe, expect, it } from 'vitest';
import { repairPdfText, tidyExtractedText } from '../../src/knowledge/extracted-text.ts';

describe('tidyExtractedText', () => {
  it.each([
    ['  Số:   14/2011/QĐ-UBND  \r\n', 'Số: 14/2011/QĐ-UBND'],
    ['Điều 1.\n\n\n\nĐiều 2.', 'Điều 1.\n\nĐiều 2.'],
    ['Bắc Ninh,\u00a0ngày 30 tháng 01 năm 2011', 'Bắc Ninh, ngày 30 tháng 01 năm 2011'],
    ['\n\n  \nQUYẾT ĐỊNH\n \n', 'QUYẾT ĐỊNH'],
  ])('tidies %j', (input, expected) => {
    expect(tidyExtractedText(input)).toBe(expected);
  });
});

describe('repairPdfText', () => {
  it.each([
    [
      'NFD letters',
      'Quy hoạch phát triển công nghệ thông tin'.normalize('NFD'),
      'Quy hoạch phát triển công nghệ thông tin',
    ],
    ['a space before a tone mark', 'Quy hoa \u0323ch pha \u0301t trie\u0302 \u0309n', 'Quy hoạch phát triển'],
    [
      'soft hyphens and zero-width spaces',
      'công\u200b nghệ thông tin, phát tri\u00adển',
      'công nghệ thông tin, phát triển',
    ],
    ['ragged spacing', '  Điều 1.   Phê duyệt  ', 'Điều 1. Phê duyệt'],
  ])('repairs %s', (_label, input, expected) => {
    const repaired = repairPdfText(input);
    expect(repaired).toBe(expected.normalize('NFC'));
    expect(repaired).toBe(repaired.normalize('NFC'));
  });

  it('leaves correctly written text as it is', () => {
    const text =
      'Số: 14/2011/QĐ-UBND\nBắc Ninh, ngày 30 tháng 01 năm 2011\n\nĐiều 1. Phê duyệt Quy hoạch (giai đoạn 2011 - 2015).';
    expect(repairPdfText(text)).toBe(text);
  });
});
