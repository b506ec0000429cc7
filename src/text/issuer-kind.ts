import { foldVietnamese } from './normalize.ts';

/**
 * Which branch issued a document: a Party body (Tỉnh ủy, Ban Thường vụ, Bộ Chính trị), a people's council
 * (HĐND) or the administration (UBND, its chairman). People ask for documents by branch ("văn bản nào do cơ
 * quan Đảng ban hành?"), and a document's issuer says which it is.
 */
export type IssuerKind = 'party' | 'council' | 'administration';

const KINDS: ReadonlyArray<readonly [IssuerKind, RegExp]> = [
  [
    'party',
    /\b(?:co quan dang|to chuc dang|cap uy|tinh uy|thanh uy|ban thuong vu|bo chinh tri|ban chap hanh|ban bi thu|dang uy|dang bo)\b|\bcua dang\b|\bdang ban hanh\b/,
  ],
  ['council', /\b(?:hdnd|hoi dong nhan dan)\b/],
  ['administration', /\b(?:ubnd|uy ban nhan dan|uy ban|chu tich|chinh quyen|co quan (?:hanh chinh|nha nuoc))\b/],
];

/** The branch a text names first, if any ("Ban Thường vụ Tỉnh ủy Lâm Đồng" → party). */
export function issuerKindOf(text: string): IssuerKind | null {
  const folded = foldVietnamese(text);
  let first: { kind: IssuerKind; at: number } | null = null;
  for (const [kind, pattern] of KINDS) {
    const match = pattern.exec(folded);
    if (match && (!first || match.index < first.at)) first = { kind, at: match.index };
  }
  return first?.kind ?? null;
}

/**
 * "Văn bản nào do cơ quan Đảng ban hành (chứ không phải UBND)?", "văn bản nào của tỉnh ủy?": the branch asked
 * for, or null. "Nghị quyết nào của Bộ Chính trị (kế hoạch thực hiện)?" asks about one document's text instead.
 */
const ISSUED_BY =
  /\b(?:van ban|tai lieu|quyet dinh|nghi quyet|ke hoach|quy hoach) nao\b.{0,20}\bdo\s+(.{2,40}?)\s*(?:ban hanh|ky|phat hanh)\b/;
const DOCUMENTS_OF =
  /\b(?:(?:van ban|tai lieu) nao|(?:bao nhieu|nhung|cac) (?:van ban|tai lieu|quyet dinh|nghi quyet|ke hoach))\b.{0,20}?\b(?:cua|la cua|thuoc|do)\s+(.{2,40}?)\s*(?:ban hanh|chu khong|ma khong|trong\b|,|\?|$)/;

export function askedIssuerKind(foldedQuestion: string): IssuerKind | null {
  if (/\bthuc hien\b/.test(foldedQuestion)) return null;
  const match = ISSUED_BY.exec(foldedQuestion) ?? DOCUMENTS_OF.exec(foldedQuestion);
  return match ? issuerKindOf(match[1]!) : null;
}
