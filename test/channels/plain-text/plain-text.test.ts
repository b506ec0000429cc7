import { describe, expect, it } from 'vitest';
import { plainReplyText, toPlainText } from '../../../src/channels/plain-text/plain-text.ts';

describe('toPlainText', () => {
  it.each([
    [
      'keeps a plain answer as it is',
      'Theo Quyết định số 4086/QĐ-UBND: 15%.\n\nNguồn: Quyết định số 4086/QĐ-UBND.',
      'Theo Quyết định số 4086/QĐ-UBND: 15%.\n\nNguồn: Quyết định số 4086/QĐ-UBND.',
    ],
    ['drops bold markers', '**15%** dịch vụ công', '15% dịch vụ công'],
    ['drops heading marks', '## Mục tiêu\nĐạt 15%.', 'Mục tiêu\nĐạt 15%.'],
    ['drops code ticks', 'số `4086/QĐ-UBND`', 'số 4086/QĐ-UBND'],
    [
      'writes a link as its text and address',
      '[Cổng dịch vụ công](https://dichvucong.gov.vn)',
      'Cổng dịch vụ công (https://dichvucong.gov.vn)',
    ],
    ['keeps list dashes and lone asterisks', '- Mục 1\n- Mục 2 (*)', '- Mục 1\n- Mục 2 (*)'],
    ['tidies line ends and blank lines', 'Dòng 1  \r\n\r\n\r\n\r\nDòng 2\n', 'Dòng 1\n\nDòng 2'],
    ['composes decomposed Vietnamese', 'Hà Tĩnh'.normalize('NFD'), 'Hà Tĩnh'],
  ])('%s', (_name, input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });
});

describe('plainReplyText', () => {
  it('takes the answer text with its source line, or the notice', () => {
    const answer = {
      answer: '15%.\n\nNguồn: Quyết định số 4086/QĐ-UBND.',
      grounded: true,
      citations: [],
      outcome: 'answered' as const,
    };
    expect(plainReplyText({ kind: 'answer', answer })).toBe(answer.answer);
    expect(plainReplyText({ kind: 'notice', text: 'Xin chào' })).toBe('Xin chào');
  });
});
