import { describe, expect, it } from 'vitest';
import { findDates, findYears, formatVietnameseDate, parseVietnameseDate } from '../../src/text/dates.ts';

describe('parseVietnameseDate', () => {
  it.each([
    ['28/12/2012', '2012-12-28'],
    ['28-12-2012', '2012-12-28'],
    ['28.12.2012', '2012-12-28'],
    ['1/7/2014', '2014-07-01'],
    ['01/3/2007', '2007-03-01'],
    ['28 / 12 / 2012', '2012-12-28'],
    ['ngày 28 tháng 12 năm 2012', '2012-12-28'],
    ['ngày 28 tháng 12, năm 2012', '2012-12-28'],
    ['ngay 28 thang 12 nam 2012', '2012-12-28'],
    ['Ngày 14 tháng 10 năm 2015', '2015-10-14'],
    ['NGÀY 30 THÁNG 01 NĂM 2011', '2011-01-30'],
    ['ngày  30   tháng 01\nnăm 2011', '2011-01-30'],
    ['ngày 24 tháng 8 năm 2017'.normalize('NFD'), '2017-08-24'],
    ['  24/8/2017. ', '2017-08-24'],
    ['29/02/2012', '2012-02-29'],
    ['2012-12-28', '2012-12-28'],
  ])('%j → %s', (text, iso) => {
    expect(parseVietnameseDate(text)).toBe(iso);
  });

  it.each([
    ['29/02/2013', 'not a leap year'],
    ['31/4/2014', 'April has 30 days'],
    ['4/18/2013', 'US order, month 18'],
    ['00/12/2012', 'day zero'],
    ['ngày 32 tháng 1 năm 2012', 'day 32'],
    ['28/12', 'no year'],
    ['tháng 12 năm 2012', 'no day'],
    ['28/12-2012', 'mixed separators'],
    ['28/12/2012 và 01/3/2007', 'two dates'],
    ['Quyết định số 4086/QĐ-UBND', 'a document number'],
    ['2013-02-30', 'impossible ISO date'],
    ['', 'empty'],
  ])('%j → null (%s)', (text) => {
    expect(parseVietnameseDate(text)).toBeNull();
  });
});

describe('findDates', () => {
  it.each([
    [
      'Ngày 28/12/2012, UBND tỉnh Hà Tĩnh đã ban hành Quyết định số 4086/QĐ-UBND. Quyết định này thay thế Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh.',
      [
        ['2012-12-28', '28/12/2012'],
        ['2007-03-01', '01/3/2007'],
      ],
    ],
    [
      'Tiếp tục thực hiện Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ và Chỉ thị số 16/CT-TTg ngày 04 tháng 5 năm 2017',
      [
        ['2015-10-14', 'ngày 14 tháng 10 năm 2015'],
        ['2017-05-04', 'ngày 04 tháng 5 năm 2017'],
      ],
    ],
    ['Bắc Ninh, ngày 30 tháng 01\nnăm 2011', [['2011-01-30', 'ngày 30 tháng 01\nnăm 2011']]],
    ['BÌNH DƯƠNG, NGÀY 05 THÁNG 12 NĂM 2016', [['2016-12-05', 'NGÀY 05 THÁNG 12 NĂM 2016']]],
    ['4/18/2013 8:21:51 AM', []],
    ['giai đoạn 2013-2015, Tổng truy cập 10.009.215, mức 3,4', []],
    ['Luật số 86/2015/QH13, ngày 19 tháng 11 năm 2015', [['2015-11-19', 'ngày 19 tháng 11 năm 2015']]],
  ])('%j', (text, expected) => {
    expect(findDates(text).map((d) => [d.iso, d.raw])).toEqual(expected);
  });

  it('gives offsets into the text as passed, even in NFD', () => {
    const text = 'Hà Tĩnh, ngày 28 tháng 12 năm 2012 và 01/3/2007'.normalize('NFD');
    for (const date of findDates(text)) {
      expect(text.slice(date.index, date.index + date.length)).toBe(date.raw);
    }
    expect(findDates(text).map((d) => d.iso)).toEqual(['2012-12-28', '2007-03-01']);
    expect(findDates(text)[0]!.raw.normalize('NFC')).toBe('ngày 28 tháng 12 năm 2012');
  });
});

describe('formatVietnameseDate', () => {
  it.each([
    ['2012-12-28', '28/12/2012'],
    ['2014-07-01', '01/7/2014'],
    ['2017-08-24', '24/8/2017'],
    ['2011-01-30', '30/1/2011'],
    ['2013-03-27', '27/3/2013'],
    ['2013-02-30', '2013-02-30'],
    ['không rõ', 'không rõ'],
  ])('%s → %s', (iso, shown) => {
    expect(formatVietnameseDate(iso)).toBe(shown);
  });

  it.each(['28/12/2012', '01/7/2014', '24/8/2017'])('round-trips %s', (written) => {
    expect(formatVietnameseDate(parseVietnameseDate(written)!)).toBe(written);
  });
});

describe('findYears', () => {
  it.each([
    ['Quy hoạch phát triển CNTT đến năm 2020, định hướng 2025', [2020, 2025]],
    ['giai đoạn 2013-2015', [2013, 2015]],
    ['kế hoạch năm 2020 và các năm sau năm 2020', [2020]],
    ['Quyết định số 14/2011/QĐ-UBND ngày 30/01/2011', [2011]],
    ['Tổng truy cập 10.009.215, khoảng 20150 lượt', []],
    ['từ 1989 đến 1990 và 2099, không tính 2100', [1990, 2099]],
    ['nam 2020', [2020]],
  ])('%j → %j', (text, years) => {
    expect(findYears(text)).toEqual(years);
  });
});
