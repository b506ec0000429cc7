import { describe, expect, it } from 'vitest';
import { EMPTY_METADATA, type KnowledgeDocument } from '../../src/knowledge/document.ts';
import { documentPeriod } from '../../src/knowledge/document-period.ts';

function document(title: string | null, text = ''): KnowledgeDocument {
  return {
    id: 'd',
    source: 'd.md',
    format: 'markdown',
    text,
    metadata: { ...EMPTY_METADATA, title },
  } as KnowledgeDocument;
}

describe('documentPeriod: the period a plan is for, from its title or opening', () => {
  it.each([
    [
      'Về việc phê duyệt điều chỉnh Quy hoạch phát triển CNTT đến năm 2020',
      { from: null, until: 2020, orientation: null },
    ],
    [
      'Ban hành Kế hoạch thực hiện Đề án … giai đoạn 2013-2015 trên địa bàn tỉnh Bạc Liêu',
      { from: 2013, until: 2015, orientation: null },
    ],
    [
      'Về phát triển và ứng dụng CNTT giai đoạn 2008-2010 và định hướng đến năm 2020',
      { from: 2008, until: 2010, orientation: 2020 },
    ],
    [
      'quy hoạch phát triển CNTT tỉnh Quảng Bình đến năm 2025 và định hướng đến năm 2035',
      { from: null, until: 2025, orientation: 2035 },
    ],
    ['Kế hoạch thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị', null],
  ])('%s → %j', (title, period) => {
    expect(documentPeriod(document(title))).toEqual(period);
  });

  it('reads the opening when the title names no period', () => {
    const opening = '# Đến năm 2020: 100 % cơ quan hành chính nhà nước ứng dụng chữ ký số';
    expect(documentPeriod(document('Kế hoạch thực hiện Nghị quyết', opening))).toEqual({
      from: null,
      until: 2020,
      orientation: null,
    });
  });
});
