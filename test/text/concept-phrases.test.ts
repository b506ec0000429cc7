import { describe, expect, it } from 'vitest';
import { conceptPhrasesIn, conceptsWrittenIn } from '../../src/text/concept-phrases.ts';
import { tokenize } from '../../src/text/tokenize.ts';

describe('conceptPhrasesIn: topics named by a fixed phrase of common syllables', () => {
  it.each([
    ['Hà Tĩnh đặt chỉ tiêu chữ ký số bao nhiêu %?', ['chu ky so']],
    ['ứng dụng ký số trong trao đổi văn bản', ['chu ky so']],
    ['chu ky so', ['chu ky so']],
    ['Bảo đảm an toàn, an ninh thông tin mạng', ['an toan']],
    ['Kế hoạch chuyển đổi số của tỉnh', ['chuyen doi so']],
    ['Quyết định số 4086 về dịch vụ công', []],
    ['an ninh quốc phòng', []],
  ])('%j → %j', (text, phrases) => {
    expect(conceptPhrasesIn(tokenize(text))).toEqual(phrases);
  });

  it('reads what a document writes once, and keeps it', () => {
    const document = { text: '100% doanh nghiệp ứng dụng chữ ký số hỗ trợ giao dịch điện tử.' };
    expect([...conceptsWrittenIn(document)]).toEqual(['chu ky so']);
    expect(conceptsWrittenIn(document)).toBe(conceptsWrittenIn(document));
  });
});
