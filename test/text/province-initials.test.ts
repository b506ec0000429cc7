import { describe, expect, it } from 'vitest';
import { foldVietnamese, normalizeVietnamese } from '../../src/text/normalize.ts';
import { findProvinceInitials, provinceInitials } from '../../src/text/province-initials.ts';
import { PROVINCE_NAMES } from '../../src/text/provinces.ts';

describe('provinceInitials', () => {
  it.each([
    ['Hà Tĩnh', 'HT'],
    ['Thừa Thiên Huế', 'TTH'],
    ['Lâm Đồng', 'LĐ'],
    ['Quảng Bình', 'QB'],
    ['Bạc Liêu', 'BL'],
    ['Hồ Chí Minh', 'HCM'],
    ['Bà Rịa - Vũng Tàu', 'BRVT'],
    ['Đắk Lắk', 'ĐL'],
    ['Bình Định', 'BĐ'],
    ['Bình Dương', 'BD'],
    ['Hòa Bình'.normalize('NFD'), 'HB'],
  ])('%j → %j', (name, initials) => {
    expect(provinceInitials(name)).toBe(initials);
  });
});

describe('findProvinceInitials', () => {
  const names = (text: string, candidates: readonly string[] = PROVINCE_NAMES): string[] =>
    findProvinceInitials(text, candidates).map((mention) => mention.name);

  it.each([
    ['HT chỉ tiêu văn bản trao đổi qua mạng bao nhiêu %', ['Hà Tĩnh']],
    ['ad oi HT chỉ tiêu văn bản trao đổi qua mạng bn % z 😅', ['Hà Tĩnh']],
    ['QB bn % cbcc đc trang bị máy tính', ['Quảng Bình']],
    ['BL nay thuộc tỉnh nào vậy?', ['Bạc Liêu']],
    ['LĐ có kế hoạch chuyển đổi số chưa', ['Lâm Đồng']],
    ['LD có kế hoạch chuyển đổi số chưa', ['Lâm Đồng']],
    ['Sở TTTT TTH', ['Thừa Thiên Huế']],
    ['so sánh HT với QB, còn BL?', ['Hà Tĩnh', 'Quảng Bình', 'Bạc Liêu']],
    ['(HT) và "QB"', ['Hà Tĩnh', 'Quảng Bình']],
    ['HCM có bao nhiêu dịch vụ công', ['Hồ Chí Minh']],
    ['BĐ có bao nhiêu dịch vụ công', ['Bình Định']],
    ['BRVT nay thuộc đâu', ['Bà Rịa - Vũng Tàu']],
    ['qb có quy hoạch cntt k ad', ['Quảng Bình']],
    ['ht chỉ tiêu bao nhiêu %', ['Hà Tĩnh']],
    ['còn bl thì sao', ['Bạc Liêu']],
    ['so sánh ht vs qb', ['Hà Tĩnh', 'Quảng Bình']],
    ['chỉ tiêu của tth là j', ['Thừa Thiên Huế']],
  ])('%j → %j among all 63', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    ['phần mềm ht quản lý văn bản', 'small letters where no place name stands'],
    ['tinh la gi', 'small letters with a vowel are a word'],
    ['Ht chỉ tiêu bao nhiêu %', 'capitalised word'],
    ['HTX nông nghiệp', 'longer capitals'],
    ['Quyết định số 4086/QĐ-UBND', 'inside a document number'],
    ['Kế hoạch 328/KH-UBND của UBND tỉnh', 'document number and issuer'],
    ['KH số 12 về CNTT', '"KH" is kế hoạch, not Khánh Hòa'],
    ['CT số 05 về chuyển đổi số', '"CT" is chỉ thị, not Cần Thơ'],
    ['DN CNTT có bao nhiêu', '"DN" is doanh nghiệp'],
    ['CB công chức', '"CB" is cán bộ, not Cao Bằng'],
    ['BD có bao nhiêu dịch vụ công', '"BD": Bình Dương or Bình Định'],
    ['ĐN có bao nhiêu dịch vụ công', '"ĐN": Đà Nẵng, Đắk Nông or Đồng Nai'],
    ['QN có bao nhiêu dịch vụ công', '"QN": Quảng Nam, Quảng Ngãi or Quảng Ninh'],
    ['HN có bao nhiêu dịch vụ công', '"HN": Hà Nội or Hà Nam'],
    ['mạng LAN, WAN và DVC', 'other capitals'],
  ])('%j → none among all 63 (%s)', (text) => {
    expect(names(text)).toEqual([]);
  });

  it.each([
    ['BD có bao nhiêu dịch vụ công', ['Bình Dương', 'Hà Tĩnh'], ['Bình Dương']],
    ['BD có bao nhiêu dịch vụ công', ['Bình Định', 'Hà Tĩnh'], ['Bình Định']],
    ['BĐ có bao nhiêu dịch vụ công', ['Bình Dương', 'Bình Định'], ['Bình Định']],
    ['ĐN có bao nhiêu dịch vụ công', ['Đà Nẵng', 'Hà Tĩnh'], ['Đà Nẵng']],
    ['DN có bao nhiêu dịch vụ công', ['Đà Nẵng', 'Hà Tĩnh'], []],
    ['HN và HT', ['Hà Nội', 'Hà Tĩnh', 'Quảng Bình'], ['Hà Nội', 'Hà Tĩnh']],
    ['HT và QB', ['Quảng Bình'], ['Quảng Bình']],
    ['HT và QB', [], []],
  ])('%j → %j among %j', (text, candidates, expected) => {
    expect(names(text, candidates)).toEqual(expected);
  });

  it.each([
    'ad oi HT chỉ tiêu bn % z',
    'Đắk Lắk với HT, QB',
    'Quyết định của UBND tỉnh Hà Tĩnh và\u200b QB',
    'Hà\u200bTĩnh với TTH',
    `${'Thừa Thiên Huế'.normalize('NFD')} và TTH`,
  ])('%j: offsets point at the initials in the folded text', (text) => {
    const folded = foldVietnamese(text);
    const mentions = findProvinceInitials(text, PROVINCE_NAMES);
    expect(mentions.length).toBeGreaterThan(0);
    for (const mention of mentions) {
      const written = folded.slice(mention.index, mention.index + mention.length);
      expect(foldVietnamese(provinceInitials(mention.name))).toBe(written);
    }
    expect(foldVietnamese(normalizeVietnamese(text))).toBe(folded);
  });
});
