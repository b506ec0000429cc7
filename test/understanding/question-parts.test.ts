import { describe, expect, it } from 'vitest';
import { questionParts } from '../../src/understanding/question-parts.ts';

describe('questionParts: the questions one message asks', () => {
  it.each([
    [
      'tỉnh đặt mục tiêu hoàn thành Chính phủ điện tử vào năm nào, và tỷ lệ dịch vụ công mức 3 là bao nhiêu?',
      ['tỉnh đặt mục tiêu hoàn thành Chính phủ điện tử vào năm nào', 'tỷ lệ dịch vụ công mức 3 là bao nhiêu?'],
    ],
    [
      'Quyết định 4086 ban hành ngày nào và thay thế văn bản nào?',
      ['Quyết định 4086 ban hành ngày nào', 'thay thế văn bản nào?'],
    ],
    [
      'hằng năm tỉnh bố trí bao nhiêu ngân sách? Nếu cần vốn lớn hơn thì sao?',
      ['hằng năm tỉnh bố trí bao nhiêu ngân sách?', 'Nếu cần vốn lớn hơn thì sao?'],
    ],
    [
      'bac lieu ke hoach cntt theo qd 635 la giai doan nao, ai ky vay',
      ['bac lieu ke hoach cntt theo qd 635 la giai doan nao', 'ai ky vay'],
    ],
    [
      'còn Quảng Bình thì nói gì về chuyện này, với cả tỷ lệ tin học hoá là bao nhiêu?',
      ['còn Quảng Bình thì nói gì về chuyện này', 'tỷ lệ tin học hoá là bao nhiêu?'],
    ],
  ])('%j → %j', (text, parts) => {
    expect(questionParts(text)).toEqual(parts);
  });

  it.each([
    'Hà Tĩnh DVC mức 3 và mức 4 bao nhiêu?',
    'So sánh Hà Tĩnh và Quảng Bình, tỉnh nào cao hơn?',
    'Nghị quyết 36 đó do cơ quan nào ban hành, ngày nào?',
    'Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?',
    'bạn là ai vậy, ai làm ra bạn thế?',
    'Kế hoạch thực hiện Nghị quyết 36-NQ/TW của Huế có số hiệu là gì, ký ngày nào?',
  ])('%j asks one thing', (text) => {
    expect(questionParts(text)).toEqual([]);
  });
});
