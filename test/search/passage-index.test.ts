import { describe, expect, it } from 'vitest';
import { type IndexedPassage, PassageIndex, type SearchHit } from '../../src/search/passage-index.ts';
import { indexTerms, queryTerms } from '../../src/text/tokenize.ts';

const HA_TINH_TARGETS = 'Mục tiêu cụ thể của Quy hoạch gồm những nội dung chính như sau';
const QUANG_BINH_INDICATORS = 'Mục tiêu, chỉ tiêu phát triển — Các chỉ tiêu chủ yếu đến năm 2025';

/** Passages of four seed documents: 0 Hà Tĩnh, 1 Quảng Bình, 2 Bạc Liêu, 3 Lâm Đồng. */
const PASSAGES: IndexedPassage[] = [
  {
    docIndex: 0,
    context: HA_TINH_TARGETS,
    text: 'Số lượng dịch vụ công cơ bản trực tuyến mức độ 3 được tích hợp trên cổng điện tử phục vụ người dân và doanh nghiệp đạt 60% mức độ 3 và 15% mức độ 4',
  },
  {
    docIndex: 0,
    context: HA_TINH_TARGETS,
    text: 'Tỷ lệ văn bản, tài liệu của các cơ quan Đảng, Nhà nước được trao đổi trên môi trường mạng đạt 100% văn bản các cấp',
  },
  {
    docIndex: 1,
    context: QUANG_BINH_INDICATORS,
    text: '70% dịch vụ công được cung cấp trực tuyến ở mức độ 3 và 50% dịch vụ công được cung cấp trực tuyến ở mức độ 4 phục vụ người dân và doanh nghiệp.',
  },
  {
    docIndex: 1,
    context: QUANG_BINH_INDICATORS,
    text: '70% doanh nghiệp tham gia giao dịch điện tử, giao dịch trên sàn giao dịch thương mại điện tử của tỉnh.',
  },
  {
    docIndex: 2,
    context: null,
    text: 'Tổng kinh phí thực hiện: 57,600 tỷ đồng (trong đó, năm 2013 là 21,400 tỷ đồng, năm 2014 là 17,200 tỷ đồng, năm 2015 là 19 tỷ đồng).',
  },
  {
    docIndex: 2,
    context: 'Mục tiêu cụ thể đến năm 2015 như sau — Về hạ tầng viễn thông băng rộng',
    text: 'phủ sóng thông tin di động băng rộng đến 80% dân cư',
  },
  {
    docIndex: 3,
    context: null,
    text: 'Từ nay đến năm 2010, hàng năm tỉnh sẽ bố trí khoảng 1% trong tổng ngân sách chi đầu tư phát triển dành cho sự nghiệp phát triển và ứng dụng CNTT, đồng thời giao cho Sở TT&TT quản lý, điều phối thực hiện.',
  },
];

const index = PassageIndex.build(PASSAGES);

function ids(hits: SearchHit[]): number[] {
  return hits.map((hit) => hit.passageId);
}

function mask(...documents: number[]): Uint8Array {
  const result = new Uint8Array(4);
  for (const docIndex of documents) result[docIndex] = 1;
  return result;
}

describe('PassageIndex.build', () => {
  it('keeps the passages in order', () => {
    expect(index.size).toBe(PASSAGES.length);
    expect(index.passages).toEqual(PASSAGES);
  });

  it.each([
    ['dich vu', 2],
    ['muc 4', 2],
    ['15%', 1],
    ['70%', 2],
    ['57,600', 1],
    ['doanh nghiep', 3],
    ['kinh phi', 1],
    // Abbreviations are indexed in full: "CNTT" and "TT&TT" in passage 6.
    ['cong nghe', 1],
    ['truyen thong', 1],
    // Contexts are indexed with their passage.
    ['chi tieu', 2],
    ['vien thong', 1],
    ['muc tieu', 5],
    // Stopwords are not indexed as unigrams.
    ['cua', 0],
    ['khong co', 0],
    ['', 0],
  ])('documentFrequency(%j) → %i', (term, expected) => {
    expect(index.documentFrequency(term)).toBe(expected);
  });

  it.each([
    ['15%', 1],
    ['dich vu', 2],
    ['doanh nghiep', 3],
    ['muc tieu', 5],
    ['unknown term', 0],
  ])('idf(%j) is the BM25 idf for df=%i', (term, df) => {
    const n = PASSAGES.length;
    expect(index.idf(term)).toBeCloseTo(Math.log(1 + (n - df + 0.5) / (df + 0.5)), 12);
  });

  it('gives rarer terms a higher idf, and unknown terms the highest', () => {
    expect(index.idf('khong co')).toBeGreaterThan(index.idf('15%'));
    expect(index.idf('15%')).toBeGreaterThan(index.idf('dich vu'));
    expect(index.idf('dich vu')).toBeGreaterThan(index.idf('doanh nghiep'));
  });
});

describe('PassageIndex.search', () => {
  it.each([
    ['15% dịch vụ công mức độ 4', [0, 2]],
    ['50% DVC mức 4', [2, 0]],
    ['tổng kinh phí', [4]],
    ['57,600 tỷ đồng', [4]],
    ['Sở TT&TT', [6]],
    ['Sở Thông tin và Truyền thông', [6]],
    ['phủ sóng di động băng rộng', [5]],
    ['thương mại điện tử', [3]],
  ])('%j ranks passages %j first', (question, expected) => {
    const hits = index.search(queryTerms(question), { limit: 10 });
    expect(ids(hits).slice(0, expected.length)).toEqual(expected);
  });

  it('puts the passage with the rare term first, though another has the common terms more often', () => {
    // Passage 2 says "dịch vụ công … mức độ 4" twice as often; only passage 0 has "15%".
    const hits = index.search(['dich vu', 'vu cong', 'muc 4', '15%'], { limit: 10 });
    expect(ids(hits)).toEqual([0, 2]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('returns hits best first, every score positive', () => {
    const hits = index.search(queryTerms('dịch vụ công trực tuyến mức độ 4 cho người dân và doanh nghiệp'), {
      limit: 10,
    });
    expect(hits.length).toBeGreaterThan(2);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
  });

  it.each([
    ['only Quảng Bình', mask(1), [2]],
    ['only Hà Tĩnh', mask(0), [0]],
    ['Hà Tĩnh and Quảng Bình', mask(0, 1), [0, 2]],
    ['only Bạc Liêu, which has no such passage', mask(2), []],
    ['no document', mask(), []],
    ['null: everything', null, [0, 2]],
  ])('documentMask %s', (_label, documentMask, expected) => {
    const hits = index.search(['dich vu', 'muc 4', '15%'], { limit: 10, documentMask });
    expect(ids(hits)).toEqual(expected);
  });

  it('treats documents beyond the end of the mask as excluded', () => {
    expect(ids(index.search(['dich vu', 'kinh phi'], { limit: 10, documentMask: new Uint8Array([0, 1]) }))).toEqual([
      2,
    ]);
  });

  it('scores a passage the same whether or not other documents are masked out', () => {
    const all = index.search(['dich vu', 'muc 4', '15%'], { limit: 10 });
    const onlyQuangBinh = index.search(['dich vu', 'muc 4', '15%'], { limit: 10, documentMask: mask(1) });
    expect(onlyQuangBinh).toEqual(all.filter((hit) => hit.passageId === 2));
  });

  it.each([
    [[5, 1], 0],
    [[1, 5], 2],
    [[0.1, 1], 2],
  ])('weights %j on ["15%", "50%"] put passage %i first', (weights, first) => {
    const hits = index.search(['15%', '50%'], { limit: 10, weights });
    expect(hits[0]!.passageId).toBe(first);
  });

  it.each([
    [[0, 1], [2]],
    [[-1, 1], [2]],
    [[Number.NaN, 1], [2]],
    [[1, 0], [0]],
    [[0, 0], []],
  ])('a term weighted %j is not searched', (weights, expected) => {
    expect(ids(index.search(['15%', '50%'], { limit: 10, weights }))).toEqual(expected);
  });

  it('multiplies a term score by its weight', () => {
    const [plain] = index.search(['kinh phi'], { limit: 1 });
    const [doubled] = index.search(['kinh phi'], { limit: 1, weights: [2] });
    expect(doubled!.score).toBeCloseTo(plain!.score * 2, 12);
  });

  it('marks in `matched` which query terms each passage contains', () => {
    const hits = index.search(['15%', '50%', 'dich vu', 'kinh phi', 'khong co'], { limit: 10 });
    const matched = new Map(hits.map((hit) => [hit.passageId, hit.matched]));
    expect(matched).toEqual(
      new Map([
        [0, 0b00101],
        [2, 0b00110],
        [4, 0b01000],
      ]),
    );
  });

  it('sets bit 31 as an unsigned number and no bit beyond the 32nd term', () => {
    const filler = Array.from({ length: 31 }, (_, i) => `khong co ${i}`);
    const hits = index.search([...filler, '15%', 'kinh phi'], { limit: 10 });
    const matched = new Map(hits.map((hit) => [hit.passageId, hit.matched]));
    expect(matched.get(0)).toBe(2 ** 31);
    // Term 32 still scores, it just has no bit.
    expect(matched.get(4)).toBe(0);
    expect(hits.find((hit) => hit.passageId === 4)!.score).toBeGreaterThan(0);
  });

  it.each([
    ['an empty query', [] as string[]],
    ['unknown terms', ['khong co', 'chinh phu', '99%']],
    ['stopwords', ['cua', 'cac', 'va']],
  ])('returns no hits for %s', (_label, terms) => {
    expect(index.search(terms, { limit: 10 })).toEqual([]);
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [100, 3],
  ])('limit %i returns %i hits', (limit, count) => {
    expect(index.search(['dich vu', 'kinh phi'], { limit })).toHaveLength(count);
  });

  it('is repeatable: scratch buffers are reset after every search', () => {
    const query = queryTerms('dịch vụ công mức độ 4 đạt 15%');
    const first = index.search(query, { limit: 10 });
    expect(index.search(query, { limit: 10 })).toEqual(first);
    // Searches that stop early (limit 1), filter, weight or touch other passages leave nothing behind.
    index.search(query, { limit: 1 });
    index.search(query, { limit: 10, documentMask: mask(1) });
    index.search(['doanh nghiep', 'kinh phi', 'cong nghe'], { limit: 10, weights: [3, 2, 1] });
    expect(index.search(query, { limit: 10 })).toEqual(first);
    expect(PassageIndex.build(PASSAGES).search(query, { limit: 10 })).toEqual(first);
  });
});

describe('PassageIndex with no passages', () => {
  const empty = PassageIndex.build([]);

  it('has nothing and finds nothing', () => {
    expect(empty.size).toBe(0);
    expect(empty.documentFrequency('dich vu')).toBe(0);
    expect(empty.idf('dich vu')).toBeCloseTo(Math.log(2), 12);
    expect(empty.search(['dich vu'], { limit: 10 })).toEqual([]);
    expect(empty.search([], { limit: 10, documentMask: new Uint8Array(0) })).toEqual([]);
  });
});

describe('PassageIndex over many passages', () => {
  // 3000 passages, each with its own decision number: thousands of distinct terms and postings,
  // and more touched passages than the first scratch buffer holds.
  const many: IndexedPassage[] = Array.from({ length: 3000 }, (_, i) => ({
    docIndex: i % 5,
    context: i % 2 === 0 ? HA_TINH_TARGETS : null,
    text: `Quyết định số ${100_000 + i}/QĐ-UBND: ${PASSAGES[i % PASSAGES.length]!.text}`,
  }));
  const big = PassageIndex.build(many);

  it.each(['quyet dinh', 'dich vu', 'muc tieu', 'kinh phi', '100000', '102999', '15%', 'muc 4'])(
    'documentFrequency(%j) equals a plain count',
    (term) => {
      const count = many.filter((passage) =>
        indexTerms(passage.context ? `${passage.context}. ${passage.text}` : passage.text).includes(term),
      ).length;
      expect(big.documentFrequency(term)).toBe(count);
    },
  );

  it('finds every passage that has the term when the limit allows', () => {
    const hits = big.search(['quyet dinh'], { limit: 5000 });
    expect(hits).toHaveLength(3000);
    expect(new Set(ids(hits)).size).toBe(3000);
  });

  it.each([0, 1, 1024, 1025, 2999])('the number of passage %i finds that passage first', (i) => {
    const hits = big.search(queryTerms(`quyết định ${100_000 + i}`), { limit: 3 });
    expect(hits[0]!.passageId).toBe(i);
  });

  it('is repeatable after searches that touch every passage', () => {
    const query = queryTerms('dịch vụ công mức độ 4 đạt 15%');
    const first = big.search(query, { limit: 20 });
    big.search(['quyet dinh'], { limit: 5000 });
    big.search(['quyet dinh', 'muc tieu'], { limit: 5, documentMask: new Uint8Array([1, 0, 1, 0, 1]) });
    expect(big.search(query, { limit: 20 })).toEqual(first);
  });
});
