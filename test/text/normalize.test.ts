import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, foldVietnamese, normalizeVietnamese } from '../../src/text/normalize.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedTexts = readdirSync(SEEDS)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => [name, readFileSync(join(SEEDS, name), 'utf8')] as const);

/** Spelled out so the test does not depend on how its own source file is stored. */
const nfd = (text: string): string => text.normalize('NFD');

describe('normalizeVietnamese', () => {
  it.each([
    // Old ("new-style") tone placement on the last vowel → the traditional placement portals use.
    ['hoà', 'hòa'],
    ['hoá', 'hóa'],
    ['thuỷ', 'thủy'],
    ['uỷ', 'ủy'],
    ['khoẻ', 'khỏe'],
    ['toà', 'tòa'],
    ['xoá', 'xóa'],
    ['thoả', 'thỏa'],
    ['tuỳ', 'tùy'],
    ['hoạ', 'họa'],
    ['Hoà Bình', 'Hòa Bình'],
    ['Thanh Hoá', 'Thanh Hóa'],
    ['Khánh Hoà', 'Khánh Hòa'],
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['HOÀ', 'HÒA'],
    ['THUỶ', 'THỦY'],
    ['kế hoạch hoá gia đình', 'kế hoạch hóa gia đình'],
    ['Chuẩn hoá kiến thức', 'Chuẩn hóa kiến thức'],
    // "qu" and "gi" are consonants: the tone goes on the vowel after them.
    ['qủa', 'quả'],
    ['gìa', 'già'],
  ])('%j → %j (old tone placement)', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it.each([
    'hòa',
    'thủy',
    'hóa',
    'ủy',
    'khỏe',
    'quý',
    'quả',
    'già',
    'giữa',
    'gìn',
    'hoàng',
    'thuyền',
    'người',
    'khuỷu',
    'khuya',
    'ngoài',
    'hoài',
    'tuổi',
    'thuở',
    'của',
    'mùa',
    'cửa',
    'huỳnh',
    'Nguyễn',
    'quyết định',
    'nghĩa',
    'chịu',
    'Hòa Bình',
    'Thừa Thiên Huế',
    'Đắk Lắk',
    'Ủy ban nhân dân tỉnh Hà Tĩnh',
  ])('%j is already canonical', (word) => {
    expect(normalizeVietnamese(word)).toBe(word);
  });

  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['hoá', 'hóa'],
    ['uỷ', 'ủy'],
    ['khoẻ', 'khỏe'],
    ['Hoà Bình', 'Hòa Bình'],
    ['HOÀ', 'HÒA'],
  ])('old %j and new %j give one canonical form, from NFC and NFD alike', (old, canonical) => {
    const forms = [old, canonical, nfd(old), nfd(canonical)].map(normalizeVietnamese);
    expect(new Set(forms)).toEqual(new Set([canonical]));
  });

  it.each([
    'Quyết định số 4086/QĐ-UBND',
    'Ngày 28/12/2012, UBND tỉnh Hà Tĩnh đã ban hành',
    'Số lượng dịch vụ công cơ bản trực tuyến mức độ 3 được tích hợp trên cổng điện tử',
    'Tổng kinh phí thực hiện: 57,600 tỷ đồng',
    'Ưu tiên, chú trọng phát triển nhân lực công nghệ thông tin',
    'khuỷu tay',
    'Thừa Thiên Huế',
  ])('NFD %j becomes NFC', (text) => {
    const result = normalizeVietnamese(nfd(text));
    expect(result).toBe(text.normalize('NFC'));
    expect(result.normalize('NFC')).toBe(result);
  });

  it.each([
    'e-mail',
    'e-learning',
    'Internet',
    'LAN',
    'WAN',
    'GDP',
    'Mic.gov.vn',
    'https://hatinh.gov.vn',
    '57,600',
    '10.009.215',
    '37,15%',
    '4086/QĐ-UBND',
    '36-NQ/TW',
    '86/2015/QH13',
    'TT&TT',
    '9/6/2013 11:02:15 AM',
    '',
  ])('%j (not Vietnamese words) is unchanged', (text) => {
    expect(normalizeVietnamese(text)).toBe(text);
  });

  it.each(seedTexts)('%s: normalising is idempotent and never changes the folded text', (_name, text) => {
    const once = normalizeVietnamese(text);
    expect(normalizeVietnamese(once)).toBe(once);
    expect(foldVietnamese(once)).toBe(foldVietnamese(text));
  });

  // A word with one accent but more than one vowel group is not a Vietnamese syllable; the code only
  // recognises "two tones" as the sign of a foreign word, so it moves the accent of these names.
  it.each(['José', 'café', 'Pokémon'])('%j (foreign word with an accent) is unchanged', (word) => {
    expect(normalizeVietnamese(word)).toBe(word);
  });
});

describe('format characters', () => {
  // Written as escapes: the characters are invisible, and an editor may drop them.
  it.each([
    ['Hà\u200b Tĩnh', 'Hà Tĩnh', 'zero-width space next to a space'],
    ['Hà \u200bTĩnh', 'Hà Tĩnh', 'zero-width space after a space'],
    ['Hà\u200bTĩnh', 'Hà Tĩnh', 'zero-width space where the space belongs'],
    ['ha\u200btinh', 'ha tinh', 'between unaccented syllables'],
    ['HÀ\u200bTĨNH', 'HÀ TĨNH', 'between capitals'],
    ['Ủy\u200bban\u200bnhân\u200bdân tỉnh', 'Ủy ban nhân dân tỉnh', 'every space a zero-width space'],
    ['Tĩ\u200bnh', 'Tĩnh', 'inside a syllable'],
    ['Nguy\u200bễn', 'Nguyễn', 'inside a syllable, both halves look like syllables'],
    ['thu\u200bong', 'thuong', 'inside an unaccented syllable'],
    ['Inter\u200bnet', 'Internet', 'inside a foreign word'],
    ['Quả\u200cng Bình', 'Quảng Bình', 'zero-width non-joiner'],
    ['Quả\u200dng Bình', 'Quảng Bình', 'zero-width joiner'],
    ['\ufeffQuyết định số 4086/QĐ-UBND', 'Quyết định số 4086/QĐ-UBND', 'byte order mark'],
    ['Quyết\ufeff định', 'Quyết định', 'zero-width no-break space inside the text'],
    ['công\u00ad nghệ thông tin', 'công nghệ thông tin', 'soft hyphen'],
    ['chuyển đổi\u00adsố', 'chuyển đổi số', 'soft hyphen between syllables'],
    ['\u200eHà Tĩnh\u200f', 'Hà Tĩnh', 'left-to-right and right-to-left marks'],
    ['\u202aHà Tĩnh\u202c', 'Hà Tĩnh', 'bidi embedding'],
    ['\u2066Hà Tĩnh\u2069', 'Hà Tĩnh', 'bidi isolate'],
    ['37,15\u200b%', '37,15%', 'between a number and its percent sign'],
    ['4086/\u200bQĐ-UBND', '4086/QĐ-UBND', 'inside a document number'],
    ['Hoà\u200bBình', 'Hòa Bình', 'tone placement still applies'],
    ['\u200b\u200d', '', 'nothing else'],
  ])('%j → %j (%s)', (text, expected) => {
    expect(normalizeVietnamese(text)).toBe(expected);
    expect(normalizeVietnamese(nfd(text))).toBe(expected);
  });

  it.each([
    ['Hà\u200b Tĩnh', 'ha tinh'],
    ['Hà\u200bTĩnh', 'ha tinh'],
    ['Tĩ\u200bnh', 'tinh'],
    ['\ufeffQuyết định', 'quyet dinh'],
    ['\u202aĐắk Lắk\u202c', 'dak lak'],
    ['dịch vụ công\u00ad trực tuyến', 'dich vu cong truc tuyen'],
    ['Đà\u200dNẵng', 'da nang'],
    ['cờ 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} Hà', 'co 🏴 ha'],
  ])('foldVietnamese(%j) is %j, as after normalising', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
    expect(foldVietnamese(nfd(text))).toBe(folded);
    expect(foldVietnamese(normalizeVietnamese(text))).toBe(folded);
  });

  it('keeps the replacement character, which shares a code unit with nothing removed', () => {
    expect(foldVietnamese('\ufffd Hà')).toBe('\ufffd ha');
  });
});

describe('foldVietnamese', () => {
  it.each([
    ['Hà Tĩnh', 'ha tinh'],
    ['Quyết định số 4086/QĐ-UBND', 'quyet dinh so 4086/qd-ubnd'],
    ['Đắk Lắk', 'dak lak'],
    ['ĐẮK LẮK', 'dak lak'],
    ['đồng', 'dong'],
    ['Đà Nẵng', 'da nang'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Ưu tiên', 'uu tien'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Bà Rịa - Vũng Tàu', 'ba ria - vung tau'],
    ['TP.Đà Lạt', 'tp.da lat'],
    ['57,600 tỷ đồng', '57,600 ty dong'],
    ['dịch vụ công mức độ 4', 'dich vu cong muc do 4'],
    ['ha tinh', 'ha tinh'],
    ['', ''],
  ])('%j → %j', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
    expect(foldVietnamese(nfd(text))).toBe(folded);
  });

  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['Khánh Hoà', 'Khánh Hòa'],
  ])('old %j and new %j fold alike', (old, canonical) => {
    expect(foldVietnamese(old)).toBe(foldVietnamese(canonical));
  });

  it.each(seedTexts)('%s folds to ASCII letters apart from punctuation', (_name, text) => {
    // No letter with a mark and no "đ" survives folding.
    expect(foldVietnamese(text)).not.toMatch(/[\p{M}đĐÀ-ỹ]/u);
  });
});

describe('collapseWhitespace', () => {
  it.each([
    ['Hà\u00a0Tĩnh', 'Hà Tĩnh', 'no-break space'],
    ['Hà\u202fTĩnh', 'Hà Tĩnh', 'narrow no-break space'],
    ['Hà\tTĩnh', 'Hà Tĩnh', 'tab'],
    ['Hà \t\u00a0 Tĩnh', 'Hà Tĩnh', 'mixed run'],
    ['Hà\u200b Tĩnh', 'Hà Tĩnh', 'zero-width space next to a space'],
    ['Hà\u200bTĩnh', 'Hà Tĩnh', 'zero-width space between words'],
    ['\ufeffQuyết định', 'Quyết định', 'byte order mark'],
    ['  Quyết định\r\n số 4086 \n', 'Quyết định số 4086', 'line breaks and ends'],
    ['\u200b\u00a0 \t', '', 'nothing but white space'],
    ['Tổng kinh phí thực hiện: 57,600 tỷ đồng', 'Tổng kinh phí thực hiện: 57,600 tỷ đồng', 'already clean'],
    ['', '', 'empty'],
  ])('%j → %j (%s)', (text, expected) => {
    expect(collapseWhitespace(text)).toBe(expected);
  });
});
