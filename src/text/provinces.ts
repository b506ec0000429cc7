import { foldVietnamese, normalizeVietnamese } from './normalize.ts';

/**
 * Vietnamese provinces and centrally-run cities as the decisions in the knowledge base name them
 * (the 63 units before the 2025 merger, which the 34 after it are all named among), with the other
 * spellings people type. Used to recognise a province in a question or a document, with or without
 * diacritics. A provincial city people name for its province ("giáo viên ở Đà Lạt") is an alias of the
 * province it was in before 2025, when its name cannot be read as common words without diacritics (so not
 * "Vinh", "Tam Kỳ" or "Đông Hà").
 */
const PROVINCES: ReadonlyArray<readonly [name: string, ...aliases: string[]]> = [
  ['An Giang', 'Long Xuyên'],
  ['Bà Rịa - Vũng Tàu', 'Bà Rịa Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'BR-VT', 'Vũng Tàu'],
  ['Bạc Liêu'],
  ['Bắc Giang'],
  ['Bắc Kạn', 'Bắc Cạn'],
  ['Bắc Ninh'],
  ['Bến Tre'],
  ['Bình Dương', 'Thủ Dầu Một'],
  ['Bình Định', 'Quy Nhơn'],
  ['Bình Phước'],
  ['Bình Thuận', 'Phan Thiết'],
  ['Cà Mau'],
  ['Cao Bằng'],
  ['Cần Thơ'],
  ['Đà Nẵng'],
  ['Đắk Lắk', 'Đắc Lắc', 'Daklak', 'Dak Lak', 'Buôn Ma Thuột', 'Buôn Mê Thuột'],
  ['Đắk Nông', 'Đắc Nông', 'Dak Nong'],
  ['Điện Biên'],
  ['Đồng Nai', 'Biên Hòa'],
  ['Đồng Tháp', 'Cao Lãnh'],
  ['Gia Lai', 'Pleiku'],
  ['Hà Giang'],
  ['Hà Nam'],
  ['Hà Nội'],
  ['Hà Tĩnh'],
  ['Hải Dương'],
  ['Hải Phòng'],
  ['Hậu Giang'],
  ['Hòa Bình'],
  ['Hồ Chí Minh', 'TP.HCM', 'TP HCM', 'TPHCM', 'HCM', 'Sài Gòn'],
  ['Hưng Yên'],
  ['Khánh Hòa', 'Nha Trang'],
  ['Kiên Giang', 'Rạch Giá', 'Phú Quốc'],
  ['Kon Tum'],
  ['Lai Châu'],
  ['Lạng Sơn'],
  ['Lào Cai', 'Sa Pa', 'Sapa'],
  ['Lâm Đồng', 'Đà Lạt'],
  ['Long An'],
  ['Nam Định'],
  ['Nghệ An'],
  ['Ninh Bình'],
  ['Ninh Thuận', 'Phan Rang'],
  ['Phú Thọ', 'Việt Trì'],
  ['Phú Yên', 'Tuy Hòa'],
  ['Quảng Bình', 'Đồng Hới'],
  ['Quảng Nam'],
  ['Quảng Ngãi'],
  ['Quảng Ninh', 'Hạ Long'],
  ['Quảng Trị'],
  ['Sóc Trăng'],
  ['Sơn La'],
  ['Tây Ninh'],
  ['Thái Bình'],
  ['Thái Nguyên'],
  ['Thanh Hóa'],
  ['Thừa Thiên Huế', 'Thừa Thiên - Huế', 'TT Huế', 'TT-Huế', 'TTH', 'Huế'],
  ['Tiền Giang', 'Mỹ Tho'],
  ['Trà Vinh'],
  ['Tuyên Quang'],
  ['Vĩnh Long'],
  ['Vĩnh Phúc', 'Vĩnh Yên'],
  ['Yên Bái'],
];

export interface ProvinceMention {
  /** Canonical name, e.g. "Thừa Thiên Huế". */
  name: string;
  /** Offset and length of the mention in the folded text (foldVietnamese of the input). */
  index: number;
  length: number;
}

/** Folded alias with separators removed → canonical name ("tthue" → "Thừa Thiên Huế"). */
const ALIAS_NAMES = new Map<string, string>();
/** The same key → each alias's syllables as written, in small letters ("lamdong" → [["lâm", "đồng"]]). */
const ALIAS_SYLLABLES = new Map<string, string[][]>();
const aliasPatterns: string[] = [];
const SEPARATORS = /[\s.-]+/;

function aliasKey(folded: string): string {
  return folded.replace(/[\s.-]+/g, '');
}

for (const [name, ...aliases] of PROVINCES) {
  for (const alias of [name, ...aliases]) {
    const words = foldVietnamese(alias)
      .split(/[\s.-]+/)
      .filter(Boolean);
    ALIAS_NAMES.set(aliasKey(words.join('')), name);
    const key = aliasKey(words.join(''));
    ALIAS_SYLLABLES.set(key, [...(ALIAS_SYLLABLES.get(key) ?? []), alias.toLowerCase().split(SEPARATORS)]);
    // Words may be joined by spaces, hyphens or dots ("TP.HCM", "Thừa Thiên - Huế"), or by nothing ("hatinh").
    aliasPatterns.push(words.join('[\\s.\\-]*'));
  }
}

/**
 * One alternation over every alias, longest first, so one pass over the text finds every mention and
 * "Thừa Thiên Huế" wins over "Huế" at the same place.
 */
const ANY_PROVINCE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${aliasPatterns.sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

export const PROVINCE_NAMES: readonly string[] = PROVINCES.map(([name]) => name);

/**
 * Whether words typed with diacritics are the province's and not other words that fold alike: "làm đồng bộ"
 * is not Lâm Đồng. A syllable typed bare matches either way ("Lam Đồng", "lam dong").
 */
function writtenAsAlias(written: string, key: string): boolean {
  if (!/[\u0080-\uffff]/.test(written)) return true;
  const syllables = normalizeVietnamese(written).toLowerCase().split(SEPARATORS);
  return (ALIAS_SYLLABLES.get(key) ?? []).some(
    (alias) =>
      alias.length !== syllables.length ||
      alias.every((syllable, i) => !/[\u0080-\uffff]/.test(syllables[i]!) || syllables[i] === syllable),
  );
}

/** Every mention of every province, in order, so callers can blank them all out. */
export function findProvinceMentions(text: string): ProvinceMention[] {
  const folded = foldVietnamese(text);
  // Folding keeps offsets for text in NFC: the written form of a match is then at the same place.
  const written = text.normalize('NFC').toLowerCase();
  const aligned = written.length === folded.length;
  const mentions: ProvinceMention[] = [];
  for (const match of folded.matchAll(ANY_PROVINCE)) {
    const key = aliasKey(match[0]);
    const name = ALIAS_NAMES.get(key);
    if (!name) continue;
    if (aligned && !writtenAsAlias(written.slice(match.index, match.index + match[0].length), key)) continue;
    mentions.push({ name, index: match.index, length: match[0].length });
  }
  return mentions;
}

/**
 * Every province named in the text, in order of appearance, each once.
 * Works on accented and unaccented text alike ("Quảng Bình", "quang binh", "QUẢNG BÌNH").
 */
export function findProvinces(text: string): ProvinceMention[] {
  const seen = new Set<string>();
  return findProvinceMentions(text).filter((mention) => !seen.has(mention.name) && seen.add(mention.name));
}

/** The canonical name for a province written any way, or null. */
export function canonicalProvince(text: string): string | null {
  const [first] = findProvinces(text);
  return first ? first.name : null;
}

/** Centrally-run cities, called "thành phố" rather than "tỉnh". */
const CITIES = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ']);

/** "tỉnh Hà Tĩnh", "thành phố Đà Nẵng". */
export function provinceLabel(name: string): string {
  return `${CITIES.has(name) ? 'thành phố' : 'tỉnh'} ${name}`;
}
