import { describe, expect, it } from 'vitest';
import { withoutWebLeftovers } from '../../src/text/web-leftovers.ts';

describe('withoutWebLeftovers: what a portal left, not what the document says', () => {
  it.each([
    ['(Mic.gov.vn) - Ngày 07/10/2008, tại TP.Đà Lạt', 'Ngày 07/10/2008, tại TP.Đà Lạt'],
    ['(Quang Binh Portal) - Ngày 24/8/2017, UBND tỉnh', 'Ngày 24/8/2017, UBND tỉnh'],
    ['(baobaclieu.vn) – Chiều 27/3', 'Chiều 27/3'],
    ['Quyết định có hiệu lực kể từ ngày ký./.', 'Quyết định có hiệu lực kể từ ngày ký.'],
    // Words in brackets that are the document's own stay.
    ['(CNTT) - viết tắt', '(CNTT) - viết tắt'],
    ['công nghệ thông tin (CNTT) giai đoạn 2008-2010', 'công nghệ thông tin (CNTT) giai đoạn 2008-2010'],
    ['Ngân sách Trung ương 37,15%', 'Ngân sách Trung ương 37,15%'],
  ])('%j → %j', (text, expected) => {
    expect(withoutWebLeftovers(text)).toBe(expected);
  });
});
