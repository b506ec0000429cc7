import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src/text/normalize.ts';
import { answerTypeOf, expectedAnswerType, holdsAnswerType } from '../../src/understanding/answer-type.ts';
import { figureFor } from '../../src/understanding/rank-by-figure.ts';

describe('answerTypeOf: the question as typed', () => {
  it.each([
    ['Khu CNTT tập trung có diện tích bao nhiêu ha?', { kind: 'quantity', unit: 'hecta' }],
    ['Quảng Bình đặt bao nhiêu hả?', { kind: 'number' }],
    ['mấy chỉ tiêu này phải đạt vào năm nào', { kind: 'year' }],
    ['Trong mấy văn bản đó, tổng kinh phí là bao nhiêu?', { kind: 'money' }],
  ])('%s → %j', (question, type) => {
    expect(answerTypeOf(question)).toEqual(type);
  });

  it('a service level is no figure: "mức 3,4" does not answer "là bao nhiêu"', () => {
    const type = { kind: 'number' } as const;
    expect(holdsAnswerType('cung cấp dịch vụ công mức 3,4 phục vụ người dân', type)).toBe(false);
    expect(holdsAnswerType('70% dịch vụ công mức độ 3 và 50% mức độ 4', type)).toBe(true);
  });
});

describe('expectedAnswerType: what kind of value a question asks for', () => {
  it.each([
    ['Hà Tĩnh đặt mục tiêu bao nhiêu phần trăm dịch vụ công mức độ 4?', { kind: 'percent' }],
    ['QB bao nhiêu % cán bộ được trang bị máy tính', { kind: 'percent' }],
    ['So sánh tỷ lệ dịch vụ công mức độ 3 của Hà Tĩnh và Quảng Bình', { kind: 'percent' }],
    ['Tổng kinh phí thực hiện kế hoạch là bao nhiêu?', { kind: 'money' }],
    ['Năm 2013 Bạc Liêu dành bao nhiêu tiền cho kế hoạch?', { kind: 'money' }],
    ['Quảng Bình đặt mục tiêu bao nhiêu người làm việc trong lĩnh vực CNTT?', { kind: 'quantity', unit: 'nguoi' }],
    ['Khu CNTT tập trung có bao nhiêu doanh nghiệp phần mềm?', { kind: 'quantity', unit: 'doanh nghiep' }],
    ['Lâm Đồng có bao nhiêu dv hành chính công cấp độ 3', { kind: 'quantity', unit: 'dich vu' }],
    ['Tốc độ Internet băng rộng bao nhiêu Mbps?', { kind: 'quantity', unit: 'mbps' }],
    ['Về số doanh nghiệp CNTT, Huế đặt mục tiêu bao nhiêu?', { kind: 'quantity', unit: 'doanh nghiep' }],
    ['Tổng số cán bộ chuyên trách là bao nhiêu?', { kind: 'quantity', unit: 'can bo' }],
    ['Cán bộ chuyên trách được hưởng phụ cấp bao nhiêu?', { kind: 'money' }],
    ['Mức lương cán bộ CNTT là bao nhiêu?', { kind: 'money' }],
    ['Chất lượng đường truyền đạt bao nhiêu?', { kind: 'number' }],
    ['Lâm Đồng đặt mốc thời gian nào để họp trên môi trường mạng?', { kind: 'year' }],
    ['Mục tiêu tổng quát của quy hoạch Quảng Bình là gì?', null],
    ['QĐ 2972 có chỉ tiêu về cơ sở dữ liệu chuyên ngành không?', { kind: 'number', preferred: true }],
    ['Trong mấy văn bản đó, tổng kinh phí là bao nhiêu?', { kind: 'money' }],
    ['Khu công nghệ thông tin tập trung của Quảng Bình được quy hoạch ở huyện nào?', { kind: 'place' }],
    ['Kế hoạch 635 giao sở nào làm cơ quan thường trực, chủ trì?', { kind: 'agency' }],
    ['Đơn vị nào trúng thầu xây dựng Trung tâm dữ liệu?', { kind: 'agency' }],
  ])('%s → %j', (question, type) => {
    expect(expectedAnswerType(foldVietnamese(question))).toEqual(type);
  });
});

describe('holdsAnswerType: a passage answers only with a value of that kind', () => {
  it.each([
    ['đạt 60% mức độ 3 và 15% mức độ 4', { kind: 'percent' }, ['muc', '4'], true],
    ['đóng góp trên 10-20% GDP của tỉnh', { kind: 'percent' }, ['ho', 'gia', 'dinh'], false],
    ['Tổng kinh phí thực hiện: 57,600 tỷ đồng', { kind: 'money' }, [], true],
    ['tranh thủ được nhiều nguồn vốn để phát triển', { kind: 'money' }, [], false],
    ['dự kiến đạt hơn 1.000 người', { kind: 'quantity', unit: 'nguoi' }, [], true],
    ['100% cán bộ chuyên trách CNTT có trình độ đại học', { kind: 'quantity', unit: 'nguoi' }, [], false],
    ['từ 4-5 doanh nghiệp trong năm 2020', { kind: 'quantity', unit: 'doanh nghiep' }, [], true],
    ['ít nhất 3 dịch vụ hành chính công cấp độ 3', { kind: 'quantity', unit: 'dich vu' }, [], true],
    ['Đến hết năm 2008, các cuộc họp được thực hiện trên môi trường mạng', { kind: 'year' }, [], true],
    ['xây dựng một Khu công viên phần mềm tập trung tại thành phố Đà Lạt', { kind: 'place' }, [], true],
    ['thành lập khu công nghệ thông tin tập trung của tỉnh', { kind: 'place' }, [], false],
    ['giao cho Sở TT&TT quản lý, điều phối thực hiện', { kind: 'agency' }, [], true],
    ['Khoảng 1% trong tổng ngân sách chi đầu tư phát triển', { kind: 'money' }, [], true],
    ['mức 3 và 4, đồng thời phát triển công nghiệp CNTT', { kind: 'money' }, [], false],
  ] as const)('%s (%j) → %s', (text, type, topic, holds) => {
    expect(holdsAnswerType(text, type, topic)).toBe(holds);
  });
});

describe('figureFor: the figure whose subject holds the topic', () => {
  const topic = ['dich', 'vu', 'cong', 'muc', '4'];
  it.each([
    ['đạt 60% mức độ 3 và 15% mức độ 4.', 15],
    ['70% dịch vụ công ở mức độ 3 và 50% dịch vụ công ở mức độ 4 phục vụ người dân', 50],
    ['70% dịch vụ hành chính công được cung cấp ở mức độ 3,4', null],
    ['trên 50% dịch vụ hành chính công cấp độ 2', null],
  ])('%s → %s', (text, value) => {
    expect(figureFor(text, topic)).toBe(value);
  });
});
