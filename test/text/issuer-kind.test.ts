import { describe, expect, it } from 'vitest';
import { askedIssuerKind, issuerKindOf } from '../../src/text/issuer-kind.ts';
import { foldVietnamese } from '../../src/text/normalize.ts';

describe('issuerKindOf: the branch an issuer belongs to', () => {
  it.each([
    ['Ban Thường vụ Tỉnh ủy Lâm Đồng', 'party'],
    ['Tỉnh uỷ Hà Tĩnh', 'party'],
    ['Bộ Chính trị', 'party'],
    ['UBND tỉnh Hà Tĩnh', 'administration'],
    ['Chủ tịch UBND tỉnh Bạc Liêu', 'administration'],
    ['HĐND tỉnh Quảng Bình', 'council'],
    ['Hội đồng nhân dân tỉnh Lâm Đồng', 'council'],
    ['Sở Thông tin và Truyền thông', null],
  ])('%j → %j', (issuer, kind) => {
    expect(issuerKindOf(issuer)).toBe(kind);
  });
});

describe('askedIssuerKind: a question for the documents of one branch', () => {
  it.each([
    ['Có văn bản nào do cơ quan Đảng ban hành chứ không phải UBND không?', 'party'],
    ['văn bản nào của tỉnh ủy', 'party'],
    ['van ban nao do hdnd ban hanh', 'council'],
    ['Quyết định nào do UBND tỉnh ký?', 'administration'],
    // About one document's text, not a filter of ours.
    ['Kế hoạch của Huế để thực hiện nghị quyết nào của Bộ Chính trị?', null],
    ['Nghị quyết 16 do ai ban hành?', null],
    ['Hà Tĩnh có quy hoạch CNTT không?', null],
  ])('%j → %j', (question, kind) => {
    expect(askedIssuerKind(foldVietnamese(question))).toBe(kind);
  });
});
