import { ABBREVIATIONS } from './abbreviations.ts';
import { foldVietnamese, stripFormatCharacters } from './normalize.ts';
import type { ProvinceMention } from './provinces.ts';

/**
 * Provinces written as their initials in chat ("HT chỉ tiêu … bn %", "QB", "LĐ", "TTH"). Two letters
 * stand for many things, so initials count only as a word of their own (not inside "4086/QĐ-UBND"), never
 * when they are a known abbreviation ("KH" kế hoạch, "CT" chỉ thị, "DN" doanh nghiệp), and only when
 * exactly one of the candidate provinces has them. In capitals they count anywhere; typed in small
 * letters ("qb có quy hoạch k") only where a place name stands, opening the message or after "tỉnh",
 * "ở", "của", "với", "còn"…, and without a vowel ("phần mềm ht quản lý" is not Hà Tĩnh, "tinh la" is not
 * Long An).
 */

/**
 * Capitals that are read as an abbreviation first, in small letters as typed: "KH" kế hoạch (not Khánh
 * Hòa), "CT" chỉ thị (not Cần Thơ), "TB" thông báo (not Thái Bình), "HD" hướng dẫn (not Hải Dương),
 * "ĐT" đầu tư (not Đồng Tháp), "CB" cán bộ, "VP" văn phòng, "KT" kinh tế, "PT" phát triển, "TH" thực
 * hiện, "SL" số lượng. "DN" is doanh nghiệp, while "ĐN" may still be Đà Nẵng.
 */
const NOT_INITIALS = new Set([
  ...Object.keys(ABBREVIATIONS),
  ...['tb', 'cv', 'tt', 'cp', 'qh', 'qđ', 'hd', 'hđ', 'dt', 'đt', 'ub', 'vb', 'cb', 'vp', 'kt', 'pt', 'th', 'sl'],
]);

/** First letter of every word, in capitals: "Hà Tĩnh" → "HT", "Bà Rịa - Vũng Tàu" → "BRVT". */
export function provinceInitials(name: string): string {
  return name
    .normalize('NFC')
    .split(/[\s\-–.]+/u)
    .filter(Boolean)
    .map((word) => [...word][0]!.toUpperCase())
    .join('');
}

/** Two to five capitals standing as a word, with what chat puts around one. */
const CAPITALS = /(?<=^|[\s([{"'“‘«,;:])\p{Lu}{2,5}(?=$|[\s,.;:!?…)\]}"'”’»])/gu;

/** Two to five small letters opening the message or after a word that a place name follows. */
const SMALL_LETTERS =
  /(?<=(?:^|(?:^|[\s,;:(])(?:tỉnh|tinh|ở|o|tại|tai|của|cua|bên|ben|với|voi|vs|và|va|còn|con|so|thế|the|vậy|vay|cho|về|ve|sánh|sanh|giữa|giua|hoạch|hoach|ubnd|cntt|tp)\s+)[\s"'“‘«(]*)\p{Ll}{2,5}(?=$|[\s,.;:!?…)\]}"'”’»])/gu;

/**
 * Province initials written in capitals in the text, each standing for exactly one of `candidates`
 * (the provinces there are documents for). Initials with "Đ" must match it ("BĐ" Bình Định); initials
 * typed without it match either ("LD" Lâm Đồng, "BD" Bình Dương or Bình Định, so none when both are
 * candidates). Offsets are in foldVietnamese(text), as for findProvinceMentions.
 */
export function findProvinceInitials(text: string, candidates: readonly string[]): ProvinceMention[] {
  const byInitials = new Map<string, string[]>();
  const byFolded = new Map<string, string[]>();
  for (const name of new Set(candidates)) {
    const initials = provinceInitials(name);
    if (initials.length < 2) continue;
    byInitials.set(initials, [...(byInitials.get(initials) ?? []), name]);
    const folded = foldVietnamese(initials);
    byFolded.set(folded, [...(byFolded.get(folded) ?? []), name]);
  }
  // Without format characters, folding maps the text character by character, so offsets add up.
  const source = stripFormatCharacters(text.normalize('NFC'));
  const mentions: ProvinceMention[] = [];
  let foldedAt = 0;
  let sourceAt = 0;
  const written = [...source.matchAll(CAPITALS), ...source.matchAll(SMALL_LETTERS)].sort((a, b) => a.index - b.index);
  for (const match of written) {
    const token = match[0];
    const folded = foldVietnamese(token);
    if (NOT_INITIALS.has(token.toLowerCase())) continue;
    // A vowel makes small letters a word ("la", "ta"), not initials ("LA" Long An in capitals still is).
    if (token === token.toLowerCase() && /[aeiouy]/.test(folded)) continue;
    const names = folded === token.toLowerCase() ? byFolded.get(folded) : byInitials.get(token.toUpperCase());
    if (names?.length !== 1) continue;
    foldedAt += foldVietnamese(source.slice(sourceAt, match.index)).length;
    sourceAt = match.index + token.length;
    mentions.push({ name: names[0]!, index: foldedAt, length: folded.length });
    foldedAt += folded.length;
  }
  return mentions;
}
