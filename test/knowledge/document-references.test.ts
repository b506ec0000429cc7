import { describe, expect, it } from 'vitest';
import { EMPTY_METADATA, type KnowledgeDocument } from '../../src/knowledge/document.ts';
import { documentReferences } from '../../src/knowledge/document-references.ts';

function document(text: string, number: string | null = null): KnowledgeDocument {
  return {
    id: 'd',
    source: 'd.md',
    format: 'markdown',
    text,
    metadata: { ...EMPTY_METADATA, number },
  } as KnowledgeDocument;
}

describe('documentReferences: the documents a text names, as written', () => {
  it('names laws (with the article cited), resolutions and directives with their date and issuer, once each, in order', () => {
    const text = [
      'Quy định mục chi ngân sách theo quy định tại Điều 63 của Luật công nghệ thông tin.',
      'Tiếp tục thực hiện Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ về xây dựng Chính phủ điện tử và Chỉ thị số 16/CT-TTg ngày 04 tháng 5 năm 2017 của Thủ tướng Chính phủ về việc tăng cường năng lực.',
      'Triển khai Luật An toàn thông tin mạng số 86/2015/QH13, ngày 19 tháng 11 năm 2015; theo Nghị quyết 36a/NQ-CP.',
    ].join('\n');
    expect(documentReferences(document(text)).map((reference) => reference.text)).toEqual([
      'Điều 63 của Luật công nghệ thông tin',
      'Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ',
      'Chỉ thị số 16/CT-TTg ngày 04 tháng 5 năm 2017 của Thủ tướng Chính phủ',
      'Luật An toàn thông tin mạng số 86/2015/QH13, ngày 19 tháng 11 năm 2015',
    ]);
  });

  it('leaves out the document itself and keeps what it replaces', () => {
    const text =
      'Ngày 28/12/2012, UBND tỉnh ban hành Quyết định số 4086/QĐ-UBND. Quyết định này thay thế Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh.';
    expect(documentReferences(document(text, '4086/QĐ-UBND'))).toEqual([
      {
        text: 'Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh',
        name: 'Quyết định số 590/QĐ-UBND',
        type: 'Quyết định',
        number: '590/QĐ-UBND',
        date: '2007-03-01',
        issuer: 'UBND tỉnh Hà Tĩnh',
        subject: null,
      },
    ]);
  });

  it.each([
    [
      'Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ về xây dựng Chính phủ điện tử và Chỉ thị số 16/CT-TTg ngày 04 tháng 5 năm 2017 của Thủ tướng Chính phủ về việc tăng cường năng lực.',
      ['về xây dựng Chính phủ điện tử', 'về việc tăng cường năng lực'],
    ],
    [
      'Kế hoạch thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị về đẩy mạnh ứng dụng công nghệ thông tin vừa được UBND tỉnh ban hành.',
      ['về đẩy mạnh ứng dụng công nghệ thông tin'],
    ],
    ['Theo Luật An toàn thông tin mạng số 86/2015/QH13; tăng cường năng lực.', [null]],
  ])('what "%s" says each is about, up to the next name or clause', (text, subjects) => {
    expect(documentReferences(document(text)).map((reference) => reference.subject)).toEqual(subjects);
  });

  it.each([
    [
      'Luật An toàn thông tin mạng số 86/2015/QH13, ngày 19 tháng 11 năm 2015',
      { name: 'Luật An toàn thông tin mạng số 86/2015/QH13', type: 'Luật', date: '2015-11-19', issuer: null },
    ],
    [
      'Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ',
      { name: 'Nghị quyết 36a/NQ-CP', type: 'Nghị quyết', date: '2015-10-14', issuer: 'Chính phủ' },
    ],
    [
      'Điều 63 của Luật công nghệ thông tin',
      { name: 'Luật công nghệ thông tin', type: 'Luật', date: null, issuer: null },
    ],
  ])('"%s": its name, kind, date and issuer as written', (text, expected) => {
    expect(documentReferences(document(`Thực hiện ${text}.`))[0]).toMatchObject(expected);
  });

  it('finds nothing in a text that names no other document', () => {
    expect(documentReferences(document('100% cán bộ, công chức sử dụng thư điện tử.'))).toEqual([]);
  });
});
