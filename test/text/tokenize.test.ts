import { describe, expect, it } from 'vitest';
import { indexTerms, isUnigram, queryTerms, tokenize } from '../../src/text/tokenize.ts';

const unigrams = (terms: string[]): string[] => terms.filter(isUnigram);
const bigrams = (terms: string[]): string[] => terms.filter((term) => !isUnigram(term));

describe('tokenize', () => {
  it.each([
    ['Hà Tĩnh', ['ha', 'tinh']],
    ['Quyết định số 4086/QĐ-UBND', ['quyet', 'dinh', 'so', '4086', 'quyet', 'dinh', 'uy', 'ban', 'nhan', 'dan']],
    ['dịch vụ công mức độ 4', ['dich', 'vu', 'cong', 'muc', '4']],
    [
      'Tổng kinh phí thực hiện: 57,600 tỷ đồng',
      ['tong', 'kinh', 'phi', 'thuc', 'hien', '57,600', '57', '600', 'ty', 'dong'],
    ],
    ['đạt 60% mức độ 3 và 15% mức độ 4', ['dat', '60%', 'muc', '3', 'va', '15%', 'muc', '4']],
    ['mức độ 3,4', ['muc', '3,4', '3', '4']],
    ['Tổng truy câp 10.009.215', ['tong', 'truy', 'cap', '10.009.215', '10', '009', '215']],
    ['hơn 1.000 người', ['hon', '1.000', '1', '000', 'nguoi']],
    ['học tập điện tử (e-learning)', ['hoc', 'tap', 'dien', 'tu', 'e', 'learning']],
    ['', []],
    ['…; – ./.', []],
  ])('%j → %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it.each([
    ['DVC', 'dịch vụ công'],
    ['dvc', 'dịch vụ công'],
    ['Dvc', 'dịch vụ công'],
    ['DVCTT', 'dịch vụ công trực tuyến'],
    ['CNTT', 'công nghệ thông tin'],
    ['mấy cb chuyên trách', 'mấy cán bộ chuyên trách'],
    ['cntt', 'Công nghệ thông tin'],
    ['CNTT-TT', 'công nghệ thông tin và truyền thông'],
    ['TT&TT', 'thông tin và truyền thông'],
    ['Sở TT&TT', 'Sở Thông tin và Truyền thông'],
    ['Sở TTTT', 'Sở Thông tin và Truyền thông'],
    ['UBND', 'Ủy ban nhân dân'],
    ['UBND', 'Uỷ ban nhân dân'],
    ['ubnd tỉnh', 'ủy ban nhân dân tỉnh'],
    ['HĐND', 'Hội đồng nhân dân'],
    ['hdnd', 'hội đồng nhân dân'],
    ['QĐ', 'quyết định'],
    ['CPĐT', 'Chính phủ điện tử'],
    ['CQĐT', 'chính quyền điện tử'],
    ['Cổng TTĐT tỉnh Bạc Liêu', 'Cổng thông tin điện tử tỉnh Bạc Liêu'],
    ['CBCCVC', 'cán bộ, công chức, viên chức'],
    ['TMĐT', 'thương mại điện tử'],
    ['KHHGĐ', 'kế hoạch hóa gia đình'],
    ['KHHGĐ', 'kế hoạch hoá gia đình'],
    ['khhgd', 'kế hoạch hóa gia đình'],
    ['CSDL', 'cơ sở dữ liệu'],
    ['KT-XH', 'kinh tế - xã hội'],
    ['vô top 10 tỉnh', 'vào nhóm 10 tỉnh'],
    ['trao đổi trên môi trường mạng', 'trao đổi trực tuyến'],
    ['lưu chuyển qua mạng', 'lưu chuyển trực tuyến'],
    ['lọt top 10', 'vào nhóm 10'],
  ])('%j gives the same tokens as %j', (short, full) => {
    expect(tokenize(short)).toEqual(tokenize(full));
  });

  it.each(['mức độ 4', 'cấp độ 4', 'mức 4', 'muc do 4', 'cap do 4', 'muc 4', 'MỨC ĐỘ 4', 'Mức Độ 4'])(
    '%j → ["muc", "4"]',
    (text) => {
      expect(tokenize(text)).toEqual(['muc', '4']);
    },
  );

  it.each(['15%', '15 %', '15 phần trăm', '15 phan tram', '15  %', '15 PHẦN TRĂM'])('%j → ["15%"]', (text) => {
    expect(tokenize(text)).toEqual(['15%']);
  });

  it.each([
    ['100 % văn bản', ['100%', 'van', 'ban']],
    ['Có 20 - 30% số hộ', ['co', '20', '30%', 'so', 'ho']],
    ['phần trăm số hộ', ['so', 'ho']],
  ])('percentages in running text: %j → %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it.each([
    ['57,600', ['57,600', '57', '600']],
    ['21,400 tỷ đồng', ['21,400', '21', '400', 'ty', 'dong']],
    ['3,4', ['3,4', '3', '4']],
  ])('%j keeps the number as written, then its parts', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it.each([
    ['Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?', 'ha tinh dat muc tieu bao nhieu % dvc muc 4?'],
    ['Dịch vụ công trực tuyến mức độ 4', 'dich vu cong truc tuyen muc do 4'],
    ['Thừa Thiên Huế', 'THUA THIEN HUE'],
    ['Quyết định số 2972/QĐ-UBND ngày 24/8/2017', 'quyet dinh so 2972/qd-ubnd ngay 24/8/2017'],
    ['Khánh Hoà', 'khanh hoa'],
  ])('accented %j and unaccented %j give the same tokens', (accented, unaccented) => {
    expect(tokenize(unaccented)).toEqual(tokenize(accented));
  });

  it.each([
    'Số lượng dịch vụ công cơ bản trực tuyến mức độ 3 đạt 60% mức độ 3 và 15% mức độ 4',
    'Quyết định số 4086/QĐ-UBND',
    'Hoà Bình',
    'Ủy ban nhân dân tỉnh Thừa Thiên Huế',
  ])('NFD %j gives the same tokens as NFC', (text) => {
    expect(tokenize(text.normalize('NFD'))).toEqual(tokenize(text.normalize('NFC')));
  });

  // "37,15%" (37.15 per cent) is split into "37" and "15%", so a question about Hà Tĩnh's "15%"
  // also finds Bạc Liêu's "Ngân sách Trung ương 37,15%". The fraction is not a percentage of its own.
  it.each([
    ['Ngân sách Trung ương 37,15%', '15%'],
    ['Ngân sách địa phương 29,86%', '86%'],
    ['vốn khác 32,99%', '99%'],
  ])('%j does not yield the token %j', (text, wrong) => {
    expect(tokenize(text)).not.toContain(wrong);
  });
});

describe('indexTerms', () => {
  it('gives syllables and adjacent-syllable bigrams', () => {
    expect(indexTerms('dịch vụ công mức độ 4')).toEqual([
      'dich',
      'dich vu',
      'vu',
      'vu cong',
      'cong',
      'cong muc',
      'muc',
      'muc 4',
      '4',
    ]);
  });

  it.each([
    ['Sở Thông tin và Truyền thông', ['va'], ['tin va', 'va truyen']],
    ['hạ tầng của các cơ quan', ['cua', 'cac'], ['tang cua', 'cac co']],
  ])('%j: stopwords %j are no unigrams, but bigrams with one content word stay %j', (text, stopwords, kept) => {
    const terms = indexTerms(text);
    for (const stopword of stopwords) expect(unigrams(terms)).not.toContain(stopword);
    expect(terms).toEqual(expect.arrayContaining(kept));
    // Two stopwords in a row make no bigram.
    expect(terms).not.toContain('cua cac');
  });

  it.each([
    ['làm chủ trên không gian mạng', 'khong'],
    ['có bao nhiêu', 'bao'],
  ])('%j: question words are content in a passage (%j kept)', (text, word) => {
    expect(unigrams(indexTerms(text))).toContain(word);
  });

  it('DVC in a question meets "dịch vụ công" in a passage', () => {
    const question = queryTerms('dvc muc 4');
    expect(question).toEqual(queryTerms('dịch vụ công mức độ 4'));
    const passage = new Set(indexTerms('Số lượng dịch vụ công mức độ 4 được cung cấp trực tuyến'));
    for (const term of question) expect(passage).toContain(term);
  });
});

describe('queryTerms', () => {
  it.each([
    ['Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?', ['bao', 'nhieu']],
    ['Hà Tĩnh có DVC mức 4 không?', ['co', 'khong']],
    ['CPĐT là gì?', ['la', 'gi']],
    [
      'Cho tôi biết tỷ lệ dịch vụ công trực tuyến mức độ 4 của tỉnh là bao nhiêu?',
      ['cho', 'toi', 'biet', 'la', 'bao', 'nhieu'],
    ],
    ['Quảng Bình đạt 50% DVC mức 4 đúng không?', ['dung', 'khong']],
    [
      'Xin vui lòng trả lời giúp: tổng kinh phí như thế nào?',
      ['xin', 'vui', 'long', 'tra', 'loi', 'giup', 'nhu', 'the', 'nao'],
    ],
  ])('%j has no unigram among the question words %j', (question, noise) => {
    const terms = unigrams(queryTerms(question));
    for (const word of noise) expect(terms).not.toContain(word);
  });

  it.each([
    ['Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức 4?', ['dich vu', 'vu cong', 'muc 4', 'muc tieu'], ['bao nhieu']],
    ['CPĐT là gì?', ['chinh phu', 'dien tu'], ['la gi']],
    ['Hà Tĩnh có đạt DVC mức 4 hay không?', ['dich vu', 'muc 4'], ['hay khong']],
  ])('%j has bigrams %j and none of %j', (question, present, absent) => {
    const terms = bigrams(queryTerms(question));
    expect(terms).toEqual(expect.arrayContaining(present));
    for (const term of absent) expect(terms).not.toContain(term);
  });

  it.each([
    ['Tỷ lệ dịch vụ công trực tuyến mức độ 4', ['ty', 'le', 'dich', 'vu', 'cong', 'truc', 'tuyen', 'muc', '4']],
    ['tong kinh phi 57,600 ty dong', ['tong', 'kinh', 'phi', '57,600', '57', '600', 'ty', 'dong']],
  ])('%j keeps every content syllable %j', (question, content) => {
    expect(unigrams(queryTerms(question))).toEqual(content);
  });

  it('keeps a bigram of a question word and a content word ("không gian")', () => {
    const terms = queryTerms('làm chủ trên không gian mạng');
    expect(unigrams(terms)).not.toContain('khong');
    expect(terms).toContain('khong gian');
  });

  it.each(['bao nhiêu?', 'là gì', 'có không', 'đúng không ạ?', ''])('%j alone gives no terms', (question) => {
    expect(queryTerms(question)).toEqual([]);
  });

  it('is the same for accented and unaccented questions', () => {
    expect(queryTerms('ha tinh dat muc tieu bao nhieu % dvc muc 4')).toEqual(
      queryTerms('Hà Tĩnh đặt mục tiêu bao nhiêu % DVC mức độ 4?'),
    );
  });
});

describe('isUnigram', () => {
  it.each([
    ['dich', true],
    ['57,600', true],
    ['15%', true],
    ['4', true],
    ['dich vu', false],
    ['muc 4', false],
  ])('%j → %s', (term, expected) => {
    expect(isUnigram(term)).toBe(expected);
  });
});

it('a network named after "qua mạng" is that network, not "online"', () => {
  expect(tokenize('kết nối qua mạng WAN')).toContain('wan');
  expect(tokenize('kết nối qua mạng WAN')).toContain('mang');
});
