import { describe, expect, it } from 'vitest';
import {
  canonicalProvince,
  findProvinceMentions,
  findProvinces,
  PROVINCE_NAMES,
  provinceLabel,
} from '../../src/text/provinces.ts';

const names = (text: string): string[] => findProvinces(text).map((mention) => mention.name);

describe('canonicalProvince', () => {
  it.each([
    ['Quảng Bình', 'Quảng Bình'],
    ['quang binh', 'Quảng Bình'],
    ['QUẢNG BÌNH', 'Quảng Bình'],
    ['Quảng Bình'.normalize('NFD'), 'Quảng Bình'],
    ['Hà Tĩnh', 'Hà Tĩnh'],
    ['ha tinh', 'Hà Tĩnh'],
    ['HÀ TĨNH', 'Hà Tĩnh'],
    ['hatinh', 'Hà Tĩnh'],
    ['Bạc Liêu', 'Bạc Liêu'],
    ['bac lieu', 'Bạc Liêu'],
    ['Lâm Đồng', 'Lâm Đồng'],
    ['lam dong', 'Lâm Đồng'],
    ['Thừa Thiên Huế', 'Thừa Thiên Huế'],
    ['thua thien hue', 'Thừa Thiên Huế'],
    ['THỪA THIÊN HUẾ', 'Thừa Thiên Huế'],
    ['Thừa Thiên - Huế', 'Thừa Thiên Huế'],
    ['TT Huế', 'Thừa Thiên Huế'],
    ['TT-Huế', 'Thừa Thiên Huế'],
    ['Huế', 'Thừa Thiên Huế'],
    ['TP.HCM', 'Hồ Chí Minh'],
    ['tp hcm', 'Hồ Chí Minh'],
    ['TPHCM', 'Hồ Chí Minh'],
    ['thành phố Hồ Chí Minh', 'Hồ Chí Minh'],
    ['Sài Gòn', 'Hồ Chí Minh'],
    ['Bà Rịa - Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['Bà Rịa-Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['Bà Rịa Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['ba ria vung tau', 'Bà Rịa - Vũng Tàu'],
    ['BR-VT', 'Bà Rịa - Vũng Tàu'],
    ['Đắk Lắk', 'Đắk Lắk'],
    ['Đắc Lắc', 'Đắk Lắk'],
    ['dak lak', 'Đắk Lắk'],
    ['Daklak', 'Đắk Lắk'],
    ['ĐẮK LẮK', 'Đắk Lắk'],
    ['Đắk Nông', 'Đắk Nông'],
    ['Hòa Bình', 'Hòa Bình'],
    ['Hoà Bình', 'Hòa Bình'],
    ['Thanh Hoá', 'Thanh Hóa'],
    ['Khánh Hoà', 'Khánh Hòa'],
    ['Bắc Cạn', 'Bắc Kạn'],
    ['Đà Nẵng', 'Đà Nẵng'],
    ['hà nội', 'Hà Nội'],
    ['Quảng Trị', 'Quảng Trị'],
    ['UBND tỉnh Quảng Bình đã ban hành Quyết định số 2972/QĐ-UBND', 'Quảng Bình'],
    ['Sở TTTT TTH', 'Thừa Thiên Huế'],
  ])('%j → %j', (text, name) => {
    expect(canonicalProvince(text)).toBe(name);
  });

  it.each([
    ['thuế', 'Huế inside "thuế"'],
    ['thuế thu nhập doanh nghiệp', 'Huế inside "thuế"'],
    ['Huếch', 'Huế as the start of a longer word'],
    ['quản trị hệ thống', '"quản trị" is not Quảng Trị'],
    ['phòng bệnh khám chữa bệnh', '"phòng" alone is not Hải Phòng'],
    ['chính phủ điện tử', 'no province'],
    ['Quyết định số 4086/QĐ-UBND', 'no province'],
    ['', 'empty'],
  ])('%j → null (%s)', (text) => {
    expect(canonicalProvince(text)).toBeNull();
  });
});

describe('findProvinces', () => {
  it.each([
    ['Hà Tĩnh và Quảng Bình, tỉnh nào có nhiều DVC mức 4 hơn?', ['Hà Tĩnh', 'Quảng Bình']],
    ['So sánh Quảng Bình với Hà Tĩnh', ['Quảng Bình', 'Hà Tĩnh']],
    ['so sanh quang binh voi ha tinh', ['Quảng Bình', 'Hà Tĩnh']],
    ['Bạc Liêu, Lâm Đồng, Thừa Thiên Huế', ['Bạc Liêu', 'Lâm Đồng', 'Thừa Thiên Huế']],
    ['Đắc Lắc hay TP.HCM', ['Đắk Lắk', 'Hồ Chí Minh']],
    ['Quảng Bình có DVC mức 4 không, Quảng Bình ấy?', ['Quảng Bình']],
    ['Thừa Thiên Huế', ['Thừa Thiên Huế']],
    ['tỉnh Thừa Thiên Huế; thành phố Huế', ['Thừa Thiên Huế']],
    ['Tỉnh ủy Lâm Đồng tổ chức hội nghị tại TP.Đà Lạt', ['Lâm Đồng']],
    ['Ngân sách thuế của Hà Tĩnh', ['Hà Tĩnh']],
    // Typed with diacritics, words that fold alike are not the province; typed bare they are.
    ['chắc tỉnh cũng có kế hoạch làm đồng bộ', []],
    ['lam dong bo', ['Lâm Đồng']],
    ['Lam Đồng', ['Lâm Đồng']],
    ['Hoà Bình', ['Hòa Bình']],
    ['hoa huệ', []],
    // A provincial city named for its province.
    ['giáo viên ở Đà Lạt', ['Lâm Đồng']],
    ['quê Đồng Hới', ['Quảng Bình']],
    ['Buôn Ma Thuột', ['Đắk Lắk']],
  ])('%j → %j, in order, each once', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('reports "Thừa Thiên Huế" once, not also as a second province "Huế"', () => {
    const mentions = findProvinceMentions('chính quyền điện tử tỉnh Thừa Thiên Huế');
    expect(mentions).toEqual([{ name: 'Thừa Thiên Huế', index: 'chính quyền điện tử tỉnh '.length, length: 14 }]);
  });
});

describe('findProvinceMentions', () => {
  it.each([
    ['Còn Quảng Bình thì sao?', [{ name: 'Quảng Bình', index: 4, length: 10 }]],
    ['TP.HCM', [{ name: 'Hồ Chí Minh', index: 0, length: 6 }]],
    ['Thừa Thiên - Huế', [{ name: 'Thừa Thiên Huế', index: 0, length: 16 }]],
    [
      'Hà Tĩnh hay Hà Tĩnh',
      [
        { name: 'Hà Tĩnh', index: 0, length: 7 },
        { name: 'Hà Tĩnh', index: 12, length: 7 },
      ],
    ],
  ])('%j → %j', (text, expected) => {
    expect(findProvinceMentions(text)).toEqual(expected);
  });

  it.each(['So sánh Bà Rịa - Vũng Tàu với Đắk Lắk', 'Thừa Thiên - Huế và TP.HCM', 'quang binh, ha tinh'])(
    'offsets of %j point at the mention in the folded text, with no overlap',
    (text) => {
      const mentions = findProvinceMentions(text);
      let end = 0;
      for (const { name, index, length } of mentions) {
        expect(index).toBeGreaterThanOrEqual(end);
        expect(canonicalProvince(text.slice(index, index + length))).toBe(name);
        end = index + length;
      }
    },
  );
});

describe('provinceLabel', () => {
  it.each([
    ['Hà Nội', 'thành phố Hà Nội'],
    ['Hồ Chí Minh', 'thành phố Hồ Chí Minh'],
    ['Hải Phòng', 'thành phố Hải Phòng'],
    ['Đà Nẵng', 'thành phố Đà Nẵng'],
    ['Cần Thơ', 'thành phố Cần Thơ'],
    ['Hà Tĩnh', 'tỉnh Hà Tĩnh'],
    ['Thừa Thiên Huế', 'tỉnh Thừa Thiên Huế'],
    ['Bà Rịa - Vũng Tàu', 'tỉnh Bà Rịa - Vũng Tàu'],
  ])('%j → %j', (name, label) => {
    expect(provinceLabel(name)).toBe(label);
  });
});

describe('PROVINCE_NAMES', () => {
  it('lists the 63 units once each, every name its own canonical form', () => {
    expect(PROVINCE_NAMES).toHaveLength(63);
    expect(new Set(PROVINCE_NAMES).size).toBe(63);
    for (const name of PROVINCE_NAMES) expect(canonicalProvince(name)).toBe(name);
  });
});
