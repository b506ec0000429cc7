import { describe, expect, it } from 'vitest';
import {
  type Evidence,
  findClaims,
  findDocumentNumbers,
  guardAnswer,
  prepareEvidence,
  splitSentences,
  stripSourceLines,
} from '../../../src/answer/llm/citation-guard.ts';

/** The Hà Tĩnh passage and metadata, as the writer hands them to the model. */
const HA_TINH: Evidence = prepareEvidence({
  passages: [
    'Mục tiêu cụ thể của Quy hoạch gồm những nội dung chính như sau: Số lượng dịch vụ công cơ bản trực tuyến mức độ 3 được tích hợp trên cổng điện tử phục vụ người dân và doanh nghiệp đạt 60% mức độ 3 và 15% mức độ 4',
    'Số doanh nghiệp lớn đầu tư hạ tầng, công nghệ phát triển trong khu công nghiệp đạt từ 4-5 doanh nghiệp trong năm 2020…',
    'Quyết định này thay thế Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh.',
  ],
  metadata: ['4086/QĐ-UBND', 'Về việc phê duyệt điều chỉnh Quy hoạch phát triển CNTT đến năm 2020'],
  dates: ['2012-12-28', '2013-09-06'],
});

const BAC_LIEU: Evidence = prepareEvidence({
  passages: [
    'Tổng kinh phí thực hiện: 57,600 tỷ đồng (trong đó, năm 2013 là 21,400 tỷ đồng, năm 2014 là 17,200 tỷ đồng, năm 2015 là 19 tỷ đồng). Ngân sách Trung ương 37,15%',
  ],
  metadata: ['635/QĐ-UBND'],
  dates: ['2013-03-27'],
});

const HUE: Evidence = prepareEvidence({
  passages: [
    'Tổng số nhân lực tham gia hoạt động trong lĩnh vực CNTT dự kiến đạt hơn 1.000 người',
    'khu CNTT tập trung của tỉnh có trên 20 doanh nghiệp phần mềm tham gia',
  ],
  metadata: [
    'Kế hoạch thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị',
    'Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị',
  ],
  dates: ['2015-10-14'],
});

describe('decision numbers are recognised as written', () => {
  it.each([
    ['Theo Quyết định số 4086/QĐ-UBND ngày 28/12/2012', ['4086/QĐ-UBND']],
    ['Quyết định số 14/2011/QĐ-UBND của UBND tỉnh', ['14/2011/QĐ-UBND']],
    ['Nghị quyết số 36-NQ/TW của Bộ Chính trị', ['36-NQ/TW']],
    ['Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015', ['36a/NQ-CP']],
    ['Luật An toàn thông tin mạng số 86/2015/QH13', ['86/2015/QH13']],
    ['quyết định 4086 / QĐ-UBND', ['4086/QĐ-UBND']],
    ['đạt từ 4-5 doanh nghiệp, giai đoạn 2013-2015, ngày 28/12/2012', []],
  ])('%s', (text, numbers) => {
    expect(findDocumentNumbers(text)).toEqual(numbers);
  });
});

describe('claims: numbers, dates and figures; years, levels and list markers are not figures', () => {
  it.each([
    ['Hà Tĩnh đặt mục tiêu 15% dịch vụ công mức độ 4 đến năm 2020.', ['figure:15%']],
    [
      'Theo Quyết định số 4086/QĐ-UBND ngày 28/12/2012, đạt 60% mức độ 3 và 15% mức độ 4.',
      ['number:4086/QĐ-UBND', 'date:28/12/2012', 'figure:60%', 'figure:15%'],
    ],
    ['Tổng kinh phí là 57,600 tỷ đồng giai đoạn 2013-2015.', ['figure:57,600 tỷ']],
    ['Dự kiến hơn 1.000 người.', ['figure:1.000 người']],
    ['Có trên 20 doanh nghiệp phần mềm.', ['figure:20 doanh nghiệp']],
    ['Dịch vụ công mức độ 3, 4 và cấp độ 2.', []],
    ['1. Tỷ lệ đạt 15 %.', ['figure:15%']],
    ['ban hành ngày 28 tháng 12 năm 2012', ['date:ngày 28 tháng 12 năm 2012']],
    ['Đạt 15 phần trăm.', ['figure:15 phần trăm']],
    ['Có 3 nhóm giải pháp.', ['figure:3']],
    ['Ban hành tháng 8/2017, áp dụng tới tháng 12 năm 2025.', ['month:tháng 8/2017', 'month:tháng 12 năm 2025']],
  ])('%s', (text, claims) => {
    expect(findClaims(text).map(({ kind, raw }) => `${kind}:${raw}`)).toEqual(claims);
  });
});

describe('a sentence is kept only when the passages bear out every claim', () => {
  it.each<[string, Evidence, string, boolean]>([
    ['invented decision number', HA_TINH, 'Theo Quyết định số 1234/QĐ-UBND, Hà Tĩnh đạt 15% mức độ 4.', false],
    ['invented figure', HA_TINH, 'Hà Tĩnh đặt mục tiêu 99% dịch vụ công mức độ 4.', false],
    ['invented date', HA_TINH, 'Quyết định số 4086/QĐ-UBND ngày 01/01/2013 đặt mục tiêu 15% mức độ 4.', false],
    ['figure with another separator', BAC_LIEU, 'Tổng kinh phí là 57.600 tỷ đồng.', false],
    ['figure with another unit', BAC_LIEU, 'Tổng kinh phí là 57,600 triệu đồng.', false],
    ['figure inside a larger one in the source', BAC_LIEU, 'Ngân sách Trung ương chiếm 15%.', false],
    [
      'faithful figure, number and date',
      HA_TINH,
      'Theo Quyết định số 4086/QĐ-UBND ngày 28/12/2012, Hà Tĩnh đặt mục tiêu 15% dịch vụ công mức độ 4.',
      true,
    ],
    ['date written in words', HA_TINH, 'Quyết định được ban hành ngày 28 tháng 12 năm 2012.', true],
    [
      'a replaced decision the passage names',
      HA_TINH,
      'Quyết định này thay thế Quyết định số 590/QĐ-UBND ngày 01/3/2007.',
      true,
    ],
    ['a range as written', HA_TINH, 'Có từ 4-5 doanh nghiệp lớn đầu tư hạ tầng.', true],
    ['a range in words', HA_TINH, 'Có từ 4 đến 5 doanh nghiệp lớn đầu tư hạ tầng.', true],
    [
      'figure kept with its separator',
      BAC_LIEU,
      'Tổng kinh phí thực hiện là 57,600 tỷ đồng, trong đó năm 2015 là 19 tỷ đồng.',
      true,
    ],
    ['tỉ for tỷ', BAC_LIEU, 'Tổng kinh phí là 57,600 tỉ đồng.', true],
    ['people with the dot separator', HUE, 'Nhân lực CNTT dự kiến đạt hơn 1.000 người.', true],
    [
      'the implemented resolution and its date',
      HUE,
      'Kế hoạch thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị.',
      true,
    ],
    ['publication date from metadata', HUE, 'Tin đăng ngày 14/10/2015.', true],
    ['the month of a known date', HA_TINH, 'Quyết định được ban hành vào tháng 12/2012.', true],
    ['the month in words', HA_TINH, 'Quyết định được ban hành vào tháng 12 năm 2012.', true],
    ['another month', HA_TINH, 'Quyết định được ban hành vào tháng 11/2012.', false],
    [
      'a count of years is a figure, not a month',
      BAC_LIEU,
      'Trong 3 năm 2013-2015, tổng kinh phí là 57,600 tỷ đồng.',
      false,
    ],
  ])('%s', (_, evidence, sentence, kept) => {
    const result = guardAnswer(sentence, evidence);
    expect(result.text).toBe(kept ? sentence : '');
    expect(result.dropped.length).toBe(kept ? 0 : 1);
  });
});

describe('guardAnswer keeps the grounded part of an answer', () => {
  it('drops only the sentence with the invented claim', () => {
    const text =
      'Hà Tĩnh đặt mục tiêu 15% dịch vụ công mức độ 4. Ngoài ra, theo Quyết định số 1234/QĐ-UBND, 99% hồ sơ được xử lý trực tuyến.\n- Mức độ 3 đạt 60%.';
    const result = guardAnswer(text, HA_TINH);
    expect(result.text).toBe('Hà Tĩnh đặt mục tiêu 15% dịch vụ công mức độ 4.\n- Mức độ 3 đạt 60%.');
    expect(result.dropped[0]!.ungrounded.map((claim) => claim.raw)).toEqual(['1234/QĐ-UBND', '99%']);
    expect(result.lostMainFigure).toBe(false);
  });

  it('reports a lost main figure when the first figure is invented', () => {
    const result = guardAnswer('Hà Tĩnh đặt mục tiêu 25% dịch vụ công mức độ 4. Mức độ 3 đạt 60%.', HA_TINH);
    expect(result.text).toBe('Mức độ 3 đạt 60%.');
    expect(result.lostMainFigure).toBe(true);
  });

  it('leaves nothing when only a heading survives', () => {
    const result = guardAnswer('Theo Quyết định số 4086/QĐ-UBND:\n- 99% dịch vụ công mức độ 4.', HA_TINH);
    expect(result.text).toBe('');
  });

  it("removes the model's own source lines before judging", () => {
    const result = guardAnswer(
      'Hà Tĩnh đạt 15% mức độ 4.\n\nNguồn: Quyết định số 1234/QĐ-UBND ngày 01/01/2020',
      HA_TINH,
    );
    expect(result.text).toBe('Hà Tĩnh đạt 15% mức độ 4.');
    expect(result.dropped).toEqual([]);
  });
});

describe('stripSourceLines', () => {
  it.each([
    ['Đạt 15%.\nNguồn: Quyết định số 4086/QĐ-UBND', 'Đạt 15%.'],
    ['Đạt 15%.\n\nNguồn:\n- Quyết định A\n- Quyết định B', 'Đạt 15%.'],
    ['Đạt 15%.\n**Nguồn tham khảo:** QĐ 4086', 'Đạt 15%.'],
    ['Đạt 15% (Nguồn: QĐ 4086) theo kế hoạch.', 'Đạt 15% theo kế hoạch.'],
    ['Nguồn vốn: ngân sách tỉnh.', 'Nguồn vốn: ngân sách tỉnh.'],
    ['Trích dẫn: Quyết định số 4086/QĐ-UBND\nĐạt 15%.', 'Đạt 15%.'],
    ['Nguồn nhân lực CNTT được đào tạo.', 'Nguồn nhân lực CNTT được đào tạo.'],
  ])('%j', (text, stripped) => {
    expect(stripSourceLines(text)).toBe(stripped);
  });
});

describe('splitSentences keeps figures whole', () => {
  it.each([
    ['Đạt 57,600 tỷ đồng. Năm 2013 là 21,400 tỷ đồng.', ['Đạt 57,600 tỷ đồng.', 'Năm 2013 là 21,400 tỷ đồng.']],
    ['Hơn 1.000 người. 20 doanh nghiệp.', ['Hơn 1.000 người.', '20 doanh nghiệp.']],
  ])('%s', (line, sentences) => {
    expect(splitSentences(line)).toEqual(sentences);
  });
});
