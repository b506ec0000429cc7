import { describe, expect, it } from 'vitest';
import { packSentences, splitSentences } from '../../../src/channels/telegram/split-sentences.ts';

describe('splitSentences', () => {
  it.each([
    ['Hà Tĩnh đạt 15% mức độ 4. Quảng Bình đạt 50%.', ['Hà Tĩnh đạt 15% mức độ 4. ', 'Quảng Bình đạt 50%.']],
    [
      'Trung tâm dữ liệu đặt tại TP. Hồ Chí Minh. Dự án hoàn thành năm 2020.',
      ['Trung tâm dữ liệu đặt tại TP. Hồ Chí Minh. ', 'Dự án hoàn thành năm 2020.'],
    ],
    [
      'Tổng kinh phí là 57,600 tỷ đồng. Vốn ngân sách chiếm 1.000 tỷ.',
      ['Tổng kinh phí là 57,600 tỷ đồng. ', 'Vốn ngân sách chiếm 1.000 tỷ.'],
    ],
    ['Dân số 1.234.567 người, tăng 2.5% so với năm trước.', ['Dân số 1.234.567 người, tăng 2.5% so với năm trước.']],
    [
      'Có trình độ ThS. Nguyễn Văn A chủ trì. Sau đó báo cáo.',
      ['Có trình độ ThS. Nguyễn Văn A chủ trì. ', 'Sau đó báo cáo.'],
    ],
    ['Ông Nguyễn V. An ký quyết định. Có hiệu lực ngay.', ['Ông Nguyễn V. An ký quyết định. ', 'Có hiệu lực ngay.']],
    ['Gồm máy chủ, phần mềm v.v. và đào tạo nhân lực.', ['Gồm máy chủ, phần mềm v.v. và đào tạo nhân lực.']],
    ['Có thật không? Có! “Mục tiêu” là 90%.', ['Có thật không? ', 'Có! ', '“Mục tiêu” là 90%.']],
    ['Mục tiêu:\n- Hà Tĩnh: 15%\n- Quảng Bình: 50%', ['Mục tiêu:\n', '- Hà Tĩnh: 15%\n', '- Quảng Bình: 50%']],
    ['Đoạn một.\n\nĐoạn hai.', ['Đoạn một.\n\n', 'Đoạn hai.']],
    ['Theo Quyết định số 4086/QĐ-UBND. Năm 2012.', ['Theo Quyết định số 4086/QĐ-UBND. ', 'Năm 2012.']],
    ['', []],
  ])('%j', (text, sentences) => {
    const segments = splitSentences(text);
    expect(segments).toEqual(sentences);
    expect(segments.join('')).toBe(text);
  });
});

describe('packSentences', () => {
  it('fills each piece with whole sentences up to the limit', () => {
    expect(packSentences('Một hai. Ba bốn. Năm sáu.', 17)).toEqual(['Một hai. Ba bốn.', 'Năm sáu.']);
  });

  it('never cuts "TP. Hồ Chí Minh" or a number', () => {
    const text = 'Đặt tại TP. Hồ Chí Minh với 57,600 tỷ và 1.000 máy. Tiếp theo là Hà Nội.';
    for (const piece of packSentences(text, 55)) {
      expect(piece.endsWith('TP.')).toBe(false);
      expect(piece).not.toMatch(/^\d/);
    }
    expect(packSentences(text, 55)).toEqual([
      'Đặt tại TP. Hồ Chí Minh với 57,600 tỷ và 1.000 máy.',
      'Tiếp theo là Hà Nội.',
    ]);
  });

  it('cuts a sentence longer than the limit at spaces, and a space-less run between characters', () => {
    expect(packSentences('một hai ba bốn năm', 8)).toEqual(['một hai', 'ba bốn', 'năm']);
    expect(packSentences('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
    expect(packSentences('😀😀😀', 4)).toEqual(['😀😀', '😀']);
  });

  it('measures with the function given (escaped length)', () => {
    const escaped = (text: string) => text.replace(/&/g, '&amp;').length;
    expect(packSentences('A&B. C&D.', 9)).toEqual(['A&B. C&D.']);
    expect(packSentences('A&B. C&D.', 9, escaped)).toEqual(['A&B.', 'C&D.']);
  });
});
