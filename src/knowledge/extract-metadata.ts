import { type DateMention, findDates } from '../text/dates.ts';
import { foldVietnamese, normalizeVietnamese } from '../text/normalize.ts';
import { findProvinces, PROVINCE_NAMES } from '../text/provinces.ts';
import type { DocumentMetadata } from './document.ts';
import { repairOcrNoise } from './ocr-noise.ts';

/**
 * A document's OWN number, date, issuer, province, type and title, read from its text: either an
 * official header ("Số: 14/2011/QĐ-UBND", "Bắc Ninh, ngày 30 tháng 01 năm 2011", "QUYẾT ĐỊNH")
 * or a news item ("Ngày 28/12/2012, UBND tỉnh Hà Tĩnh đã ban hành Quyết định số 4086/QĐ-UBND về …").
 * Documents cite many others (căn cứ, thay thế, thực hiện …); the scoring below exists so that a
 * cited number or date never passes for the document's own. Patterns run on the folded text
 * (no diacritics, lower case), so "QUYẾT ĐỊNH", "Quyết định" and "quyet dinh" read alike.
 */

export interface MetadataExtraction {
  /** Only what was found: number, date, issuer, province, type, title. */
  metadata: Partial<DocumentMetadata>;
  /** Short sentences for admins, in Vietnamese, about what could not be read or was a guess. */
  warnings: string[];
}

/** The NFC text and its folded form, index for index: patterns run on one, values are cut from the other. */
interface Source {
  text: string;
  folded: string;
}

interface NumberCandidate {
  number: string;
  index: number;
  end: number;
  type: string | null;
  /** Written on the header's "Số:" line. */
  header: boolean;
  /** Above zero: plausibly the document's own; below: cited. */
  score: number;
}

interface Heading {
  type: string;
  start: number;
  end: number;
  /** Title text on the heading's own line ("QUYẾT ĐỊNH Về việc …"). */
  rest: string;
}

const TYPES: Record<string, string> = {
  'quyet dinh': 'Quyết định',
  'ke hoach': 'Kế hoạch',
  'nghi quyet': 'Nghị quyết',
  'chi thi': 'Chỉ thị',
  'thong bao': 'Thông báo',
  'bao cao': 'Báo cáo',
  'chuong trinh': 'Chương trình',
  'de an': 'Đề án',
  'quy che': 'Quy chế',
  'quy dinh': 'Quy định',
  'huong dan': 'Hướng dẫn',
  'to trinh': 'Tờ trình',
  'cong van': 'Công văn',
  'nghi dinh': 'Nghị định',
  'thong tu': 'Thông tư',
  luat: 'Luật',
};
/** The first part of a number's symbol ("QĐ" in "4086/QĐ-UBND") names the kind of document. */
const SYMBOL_TYPES: Record<string, string> = {
  qd: 'Quyết định',
  kh: 'Kế hoạch',
  nq: 'Nghị quyết',
  ct: 'Chỉ thị',
  tb: 'Thông báo',
  bc: 'Báo cáo',
  ctr: 'Chương trình',
  da: 'Đề án',
  hd: 'Hướng dẫn',
  ttr: 'Tờ trình',
  nd: 'Nghị định',
  tt: 'Thông tư',
  qh: 'Luật',
};
const TYPE_WORDS = Object.keys(TYPES).join('|');
/** Kinds that head an official text, and kinds a news item names as its subject when it gives no number. */
const HEADING_WORDS =
  'quyet dinh|ke hoach|nghi quyet|chi thi|thong bao|bao cao|chuong trinh|de an|quy che|quy dinh|huong dan|to trinh';
const SUBJECT_WORDS = 'quyet dinh|ke hoach|nghi quyet|chi thi|chuong trinh|de an';

/** Issuers whose documents a province only ever cites: Prime Minister, Government, Party centre, National Assembly, ministries. */
const CENTRAL_SYMBOL =
  /^(?:TTg|CP|TW|VPCP|NHNN|(?:UBTV)?QH\d*|BTTTT|BTC|BNV|BKHĐT|BKHCN|BGDĐT|BYT|BCA|BQP|BTP|BXD|BGTVT|BNNPTNT|BTNMT|BLĐTBXH|BVHTTDL|BCT|BNG)$/;
const CENTRAL_OWNER = new RegExp(
  String.raw`^\s*,?\s*(?:ngay\s*)?[\d/.\- ]*(?:thang \d+ nam \d+)?\s*,?\s*cua\s+` +
    String.raw`(?:chinh phu|thu tuong|bo\b|quoc hoi|ban chap hanh|ban bi thu|trung uong|uy ban thuong vu quoc hoi)`,
);
const CENTRAL_CITIES = new Set(['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ']);

// "4086/QĐ-UBND", "14/2011/QĐ-UBND", "36-NQ/TW", "36a/NQ-CP", "86/2015/QH13", "4086 / QĐ-UBND" (on the NFC text).
const SYMBOL_PART = '[A-ZĐ][A-ZĐa-z0-9]*';
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}/.-])(\d{1,5}[a-z]?)(?:[ \t]*\/[ \t]*((?:19|20)\d\d))?(?:[ \t]*(\/)[ \t]*|(-))` +
    String.raw`(${SYMBOL_PART}(?:(?:-|[ \t]*\/[ \t]*)${SYMBOL_PART})*)(?![\p{L}\p{N}])`,
  'gu',
);
// "Nghị quyết số 16 của Ban thường vụ Tỉnh ủy": a number given without its symbol.
const BARE_NUMBER = new RegExp(
  String.raw`(?<!\p{L})(${TYPE_WORDS})\s+so\s+(\d{1,5}[a-z]?)(?![\p{L}\p{N}]|\s*[/-])`,
  'gu',
);
const TYPE_BEFORE = new RegExp(String.raw`(?<!\p{L})(${TYPE_WORDS})(?:\s+so)?\s*:?\s*$`, 'u');
// "Số:" at the start of a line or table cell (Markdown emphasis allowed), or "Số:" with its colon anywhere.
const HEADER_NUMBER = /(?:^|[\n|])[ \t*_#>]*so[ \t]*:?[ \t*_]*\n?[ \t]*$|\bso[ \t]*:\s*$/;
const BLANK_NUMBER = /(?:^|[\n|])[ \t*_#>]*so[ \t]*:?[ \t._…]*\/(?:\d{4}\/)?[a-z]/;
// Cue words before a number; the one nearest the number wins ("ban hành Quyết định số X thay thế Quyết định số Y").
const cues = (words: string[]): RegExp => new RegExp(String.raw`(?<!\p{L})(?:${words.join('|')})(?!\p{L})`, 'gu');
const OWN_CUE = cues([
  'ban hanh',
  'da ky',
  'ky (?:quyet dinh|nghi quyet|ke hoach|chi thi)',
  'thong qua',
  'quan triet',
  'cong bo',
  'nguon\\s*:',
]);
const CITED_CUE = cues([
  'can cu',
  'thay the',
  'thuc hien',
  'theo(?! do)',
  'tiep tuc',
  'trien khai',
  'sua doi',
  'bo sung',
  'bai bo',
  'huong dan',
  'quy dinh tai',
  'xet',
  'de nghi',
  'cu the hoa',
  'tong ket',
  'so ket',
]);
const ISSUING_VERB = /(?<!\p{L})(?:ban hanh|ky|thong qua|phe duyet)(?!\p{L})/u;
const ISSUER = new RegExp(
  String.raw`(?<![\p{L}\p{N}/-])(ban thuong vu (?:tinh|thanh) uy|tinh uy|thanh uy|(?:chu tich\s+)?(?:uy ban nhan dan|ubnd)` +
    String.raw`|hoi dong nhan dan|hdnd|so thong tin va truyen thong)(?:\s+(tinh|thanh pho|tp)\b\.?)?`,
  'gu',
);
const HEADING = new RegExp(String.raw`^(${HEADING_WORDS})(?!\p{L})`, 'u');
const SUBJECT = new RegExp(String.raw`(?<!\p{L})(${SUBJECT_WORDS})(?!\p{L})(?!\s+(?:so\s+)?\d)`, 'gu');
const TITLE_STOP = new RegExp(
  '^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|chu tich|can cu|khoa |ky hop|ban thuong vu|tinh uy|thanh uy' +
    String.raw`|ban chap hanh|dieu \d|xet |[-_=*.]{2,}|[ivx]+\.|\d+\.|phan |chuong )`,
);
const TITLE_CUE = /(?<!\p{L})(ve viec|v\/v|ve|ban hanh|phe duyet)(?!\p{L})/u;
const ACRONYMS = new Set([
  'CNTT',
  'CNTT-TT',
  'TT&TT',
  'TTTT',
  'UBND',
  'HĐND',
  'ICT',
  'VNPT',
  'KT-XH',
  'LAN',
  'WAN',
  'CSDL',
  'GIS',
]);
const PROPER_NAMES = [...PROVINCE_NAMES, 'Việt Nam'].map((name) => ({
  name,
  pattern: new RegExp(String.raw`(?<!\p{L})${name.toLowerCase()}(?!\p{L})`, 'gu'),
}));

/** Folding keeps the length of NFC Vietnamese; character by character it stays aligned for anything else. */
function foldAligned(text: string): string {
  const folded = foldVietnamese(text);
  if (folded.length === text.length) return folded;
  return [...text].map((ch) => (foldVietnamese(ch).length === ch.length ? foldVietnamese(ch) : ch)).join('');
}

/** Sentence ends; a single line break inside a wrapped sentence (after a lower-case letter or comma) is not one. */
function isBoundary(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === ';') return true;
  if ('.!?…'.includes(ch))
    return /^(?:\s|$)/.test(text.slice(i + 1, i + 2)) && !/(?<!\p{L})tp$/iu.test(text.slice(Math.max(0, i - 3), i));
  if (ch !== '\n') return false;
  const last = /(\S)[ \t]*$/.exec(text.slice(Math.max(0, i - 40), i));
  return !last || /^\n[ \t]*(?:\n|$)/.test(text.slice(i, i + 40)) || !/[\p{Ll},]/u.test(last[1]!);
}

function sentenceStart(text: string, index: number): number {
  for (let i = index - 1; i >= Math.max(0, index - 600); i--) if (isBoundary(text, i)) return i + 1;
  return Math.max(0, index - 600);
}

function sentenceEnd(text: string, index: number): number {
  for (let i = index; i < Math.min(text.length, index + 600); i++) if (isBoundary(text, i)) return i;
  return Math.min(text.length, index + 600);
}

function lastIndex(pattern: RegExp, text: string): number {
  return [...text.matchAll(pattern)].at(-1)?.index ?? -1;
}

/** Every number in the text, scored: the header "Số:" line wins, cited numbers fall below zero. */
function numberCandidates({ text, folded }: Source, headerEnd: number): NumberCandidate[] {
  const found: Array<{ number: string; index: number; end: number; type: string | null; symbol: string | null }> = [];
  for (const m of text.matchAll(NUMBER)) {
    const [, digits, year, slash, dash, written] = m;
    const symbol = written!.replace(/[ \t]*\/[ \t]*/g, '/');
    if (dash && !symbol.includes('/')) continue; // party numbers read "36-NQ/TW"; "số 4-CNTT" is not a number
    const head = foldVietnamese(symbol.split(/[-/]/)[0]!).replace(/\d+$/, '');
    const number = `${digits}${year ? `/${year}` : ''}${slash ?? dash}${symbol}`;
    found.push({ number, index: m.index, end: m.index + m[0].length, type: SYMBOL_TYPES[head] ?? null, symbol });
  }
  for (const m of folded.matchAll(BARE_NUMBER)) {
    const index = m.index + m[0].length - m[2]!.length;
    found.push({
      number: text.slice(index, index + m[2]!.length),
      index,
      end: index + m[2]!.length,
      type: TYPES[m[1]!]!,
      symbol: null,
    });
  }
  return found.map(({ symbol, ...candidate }) => {
    const clause = folded.slice(sentenceStart(text, candidate.index), candidate.index);
    const typed = TYPE_BEFORE.exec(clause);
    const header =
      candidate.index < headerEnd &&
      HEADER_NUMBER.test(folded.slice(Math.max(0, candidate.index - 40), candidate.index));
    let score = header ? 100 : 0;
    if (!header) {
      const own = lastIndex(OWN_CUE, clause);
      const cited = lastIndex(CITED_CUE, clause);
      // "Căn cứ Luật Ban hành văn bản … số 80/2015/QH13": a legal basis, whatever verb follows.
      if (/(?<!\p{L})can cu(?!\p{L})/u.test(clause)) score -= 10;
      else if (own > cited) score += 3;
      else if (cited >= 0) score -= 5;
      if (CENTRAL_OWNER.test(folded.slice(candidate.end, candidate.end + 80))) score -= 5;
      if (symbol) score += CENTRAL_SYMBOL.test(symbol.split(/[-/]/).pop()!) ? -2 : 1;
    }
    return { ...candidate, type: typed ? TYPES[typed[1]!]! : candidate.type, header, score };
  });
}

/** The type heading of an official text ("QUYẾT ĐỊNH", "KẾ HOẠCH"): in capitals at the start of a line. */
function findHeading({ text }: Source, limit: number): Heading | null {
  for (let start = 0; start < Math.min(text.length, limit); ) {
    const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const clean = text
      .slice(start, end)
      .replace(/[|#*_>]/g, ' ')
      .trim();
    const match = HEADING.exec(foldVietnamese(clean));
    const word = clean.slice(0, match?.[1]?.length ?? 0);
    // "QUYẾT ĐỊNH:" with a colon is the enacting formula before "Điều 1", not the heading.
    if (match && word === word.toUpperCase() && !clean.endsWith(':')) {
      return { type: TYPES[match[1]!]!, start, end, rest: clean.slice(word.length).trim() };
    }
    start = end + 1;
  }
  return null;
}

/** The lines under the type heading, up to the enacting authority, "Căn cứ" or a blank line. */
function headingTitle({ text }: Source, heading: Heading): string | null {
  const lines = heading.rest ? [heading.rest] : [];
  for (const raw of text.slice(heading.end + 1).split('\n')) {
    const line = raw.replace(/[|#*_>]/g, ' ').trim();
    const folded = foldVietnamese(line);
    if (!line && lines.length === 0) continue;
    // A plan's title may itself begin "Thực hiện …"; after the title, that is the body starting.
    if (!line || TITLE_STOP.test(folded) || (lines.length > 0 && /^thuc hien\s/.test(folded)) || lines.length >= 4)
      break;
    if (!/^cua\s/.test(folded)) lines.push(line); // "CỦA BAN THƯỜNG VỤ TỈNH ỦY" names the issuer, not the subject
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

/** Trích yếu without "Về việc"/"V/v", in sentence case when the source shouts it in capitals. */
function cleanTitle(raw: string): string | null {
  let title = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,;:]+$/, '');
  const prefix = /^(?:ve viec|v\/v|ve)(?!\p{L})\s*:?\s*/u.exec(foldVietnamese(title));
  if (prefix) title = title.slice(prefix[0].length);
  if (!/\p{L}/u.test(title)) return null;
  if (!/\p{Ll}/u.test(title)) {
    const keep = (token: string): boolean => /[\d/]/.test(token) || ACRONYMS.has(token.replace(/[^\p{L}&-]/gu, ''));
    title = title
      .split(/(\s+)/)
      .map((token) => (keep(token) ? token : token.toLowerCase()))
      .join('');
    for (const { name, pattern } of PROPER_NAMES) title = title.replace(pattern, name);
  }
  if (title.length > 300) title = `${title.slice(0, title.lastIndexOf(' ', 300))} …`;
  return title.replace(/\p{L}/u, (ch) => ch.toUpperCase());
}

/** "UBND tỉnh Bắc Ninh", "HĐND tỉnh Hà Giang", "Ban Thường vụ Tỉnh ủy Lâm Đồng" from the folded body name. */
function issuerName(body: string, level: string | undefined, province: string | null): string | null {
  if (!province) return null;
  if (body.startsWith('ban thuong vu'))
    return `Ban Thường vụ ${body.includes('thanh') ? 'Thành' : 'Tỉnh'} ủy ${province}`;
  if (body === 'tinh uy' || body === 'thanh uy') return `${body === 'tinh uy' ? 'Tỉnh' : 'Thành'} ủy ${province}`;
  const city = level ? level !== 'tinh' : CENTRAL_CITIES.has(province);
  const name = /hoi dong|hdnd/.test(body) ? 'HĐND' : body.startsWith('so ') ? 'Sở Thông tin và Truyền thông' : 'UBND';
  return `${name} ${city ? 'thành phố' : 'tỉnh'} ${province}`;
}

/** The first province the text names; a document names its own early, so a long annex need not be searched. */
function firstProvince(text: string): string | null {
  return findProvinces(text.slice(0, 20_000))[0]?.name ?? null;
}

/** The issuing body named in folded[from, to), and the province written right after it, if any. */
function issuerIn(folded: string, from: number, to: number, fallback: string | null, pick: 'first' | 'last') {
  const matches = [...folded.slice(from, to).matchAll(ISSUER)];
  const match = pick === 'first' ? matches[0] : matches.at(-1);
  if (!match) return null;
  const end = from + match.index + match[0].length;
  const [near] = findProvinces(folded.slice(end, end + 40));
  const province = near && near.index <= 2 ? near.name : null;
  return { issuer: issuerName(match[1]!.replace(/^chu tich\s+/, ''), match[2], province ?? fallback), province };
}

/** Province first, as the issuer's own name needs it: the header block, else the body named around the number. */
function issuerAndProvince(
  { text, folded }: Source,
  headerEnd: number,
  heading: Heading | null,
  own: NumberCandidate | undefined,
) {
  if (headerEnd > 0) {
    const block = folded
      .slice(0, headerEnd)
      .replace(/cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc/g, (s) => ' '.repeat(s.length));
    const province = findProvinces(block)[0]?.name ?? firstProvince(text);
    // "NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ TỈNH ỦY": the heading names a narrower body than the header.
    const of = heading ? /\ncua\s[^\n]*/.exec(folded.slice(heading.end, heading.end + 300)) : null;
    const narrower =
      heading && of
        ? issuerIn(folded, heading.end + of.index, heading.end + of.index + of[0].length, province, 'first')
        : null;
    return { issuer: (narrower ?? issuerIn(block, 0, block.length, province, 'last'))?.issuer ?? null, province };
  }
  const fallback = firstProvince(text);
  let found: ReturnType<typeof issuerIn> = null;
  if (own) {
    // "Nghị quyết số 16 của Ban thường vụ Tỉnh ủy", else "UBND tỉnh Hà Tĩnh đã ban hành Quyết định số 4086/QĐ-UBND".
    if (/^\s*(?:ngay [\d/.]+\s*)?,?\s*cua\s/.test(folded.slice(own.end, own.end + 40)))
      found = issuerIn(folded, own.end, own.end + 80, fallback, 'first');
    found ??= issuerIn(folded, sentenceStart(text, own.index), own.index, fallback, 'last');
  } else {
    // "… vừa được UBND tỉnh ban hành": the body right before the first issuing verb that has one.
    for (const verb of folded.matchAll(/(?<!\p{L})(?:ban hanh|thong qua)(?!\p{L})/gu)) {
      found = issuerIn(folded, sentenceStart(text, verb.index), verb.index, fallback, 'last');
      if (found) break;
    }
  }
  return { issuer: found?.issuer ?? null, province: found?.province ?? fallback };
}

/** The place-and-date line of a header: nothing but "Bắc Ninh," (and maybe the "Số:" column) before the date. */
function isHeaderDate(folded: string, date: DateMention, headerEnd: number): boolean {
  if (date.index >= headerEnd) return false;
  const lineStart = Math.max(folded.lastIndexOf('\n', date.index - 1), folded.lastIndexOf('|', date.index - 1)) + 1;
  const before = folded
    .slice(lineStart, date.index)
    .replace(/[*_#>]/g, ' ')
    .replace(/^\s*so\s*:?\s*\S+\s+/, '');
  return /^\s*(?:[a-z.][a-z. -]{0,40},)?\s*(?:ngay\s*)?$/.test(before);
}

function dateScore({ text, folded }: Source, date: DateMention, own: NumberCandidate[], headerEnd: number): number {
  // Web pages stamp items "9/6/2013 11:02:15 AM" or "Ngày cập nhật 14/10/2015": publication, not issue.
  if (/^\s+\d{1,2}:\d\d/.test(text.slice(date.index + date.length, date.index + date.length + 8))) return 0;
  if (/(?:cap nhat|ngay dang|dang ngay|xuat ban)[\s:]*$/.test(folded.slice(Math.max(0, date.index - 30), date.index)))
    return 0;
  if (isHeaderDate(folded, date, headerEnd)) return 10;
  // "Quyết định số 2972/QĐ-UBND ngày 24/8/2017", or "Ngày 28/12/2012, UBND tỉnh … đã ban hành Quyết định số …"
  // (but not "Ngày 07/10/2008, … tổ chức hội nghị quán triệt Nghị quyết số 16": that is the day of a meeting).
  for (const at of own) {
    if (date.index >= at.end && /^\s*,?\s*(?:ngay\s*)?$/.test(folded.slice(at.end, date.index))) return 8;
    const start = sentenceStart(text, at.index);
    if (date.index < start || date.index > at.index) continue;
    const before = folded.slice(start, date.index);
    const leadIn = /^[\s\-–]*(?:\([^)]*\)\s*[-–]?\s*)?(?:ngay\s*)?$/.test(before) || /,\s*ngay\s*$/.test(before);
    if (leadIn && ISSUING_VERB.test(folded.slice(date.index + date.length, at.index))) return 6;
  }
  return 0;
}

/** Type and title: the heading of an official text, else the number's own words, else the subject ("Kế hoạch thực hiện …"). */
function typeAndTitle(source: Source, heading: Heading | null, own: NumberCandidate | undefined) {
  const { text, folded } = source;
  if (heading) return { type: heading.type, title: headingTitle(source, heading) };
  if (own) {
    const end = sentenceEnd(text, own.end);
    const cue = TITLE_CUE.exec(folded.slice(own.end, end));
    return { type: own.type, title: cue && cue.index <= 150 ? text.slice(own.end + cue.index, end) : null };
  }
  const subject = [...folded.matchAll(SUBJECT)].find((m) => /\p{Lu}/u.test(text[m.index]!));
  if (!subject) return { type: null, title: null };
  const from = subject.index + subject[0].length;
  return {
    type: TYPES[subject[1]!]!,
    title: text.slice(from, sentenceEnd(text, from)).split(/\s(?:vừa|đã|mới)\s/u)[0]!,
  };
}

/**
 * How far into a text each part of an official header is looked for. A header ("Số: …", the national motto,
 * the place and date) fits in the first page; the type heading ("QUYẾT ĐỊNH") follows it; past these the
 * text is the body, whose numbers are citations of other documents.
 */
const NUMBER_SEARCH_CHARS = 3000;
const MOTTO_SEARCH_CHARS = 1500;
const HEADING_SEARCH_CHARS = 4000;
/** Where the header is taken to end when neither a heading nor "Căn cứ" marks it. */
const DEFAULT_HEADER_CHARS = 1500;

// About 65 lines: the fields are read in one pass over one header in a fixed order (number, then where
// the header ends, then date, issuer, type and title), each step using what the one before found.
export function extractMetadata(input: string): MetadataExtraction {
  const text = repairOcrNoise(normalizeVietnamese(input).replace(/\r\n?/g, '\n'));
  const source: Source = { text, folded: foldAligned(text) };
  const { folded } = source;
  const warnings: string[] = [];

  // An official text has a header ("Số:", the national motto) that ends where the type heading starts.
  const candidates = numberCandidates(source, NUMBER_SEARCH_CHARS);
  const official =
    candidates.some((c) => c.header) || /cong hoa xa hoi chu nghia/.test(folded.slice(0, MOTTO_SEARCH_CHARS));
  const heading = official ? findHeading(source, HEADING_SEARCH_CHARS) : null;
  const canCu = folded.search(/(?:^|\n)\s*can cu\b/);
  const headerEnd = official
    ? (heading?.start ?? (canCu >= 0 ? canCu : Math.min(text.length, DEFAULT_HEADER_CHARS)))
    : 0;

  // One entry per number, its best reading; the header outranks everything, cited numbers drop out.
  const best = new Map<string, NumberCandidate>();
  for (const c of candidates.filter((c) => (c.header ? c.index < headerEnd : c.index >= headerEnd))) {
    if ((best.get(c.number)?.score ?? -Infinity) < c.score) best.set(c.number, c);
  }
  const ranked = [...best.values()].filter((c) => c.score >= 1).sort((a, b) => b.score - a.score || a.index - b.index);
  const own = ranked[0];
  const rivals = ranked.filter((c) => c !== own && (c.header || !own?.header));
  if (own && rivals.length > 0) {
    warnings.push(
      `có nhiều số hiệu có thể là của văn bản này: ${[own, ...rivals].map((c) => c.number).join(', ')}; đã chọn ${own.number}`,
    );
  }
  if (own && !/[/-]/.test(own.number))
    warnings.push(`số hiệu "${own.number}" được ghi thiếu phần ký hiệu (như /QĐ-UBND)`);
  if (!own) {
    const blank = official && BLANK_NUMBER.test(folded.slice(0, headerEnd));
    warnings.push(blank ? 'số hiệu văn bản đang để trống (bản dự thảo?)' : 'không tìm thấy số hiệu văn bản');
  }

  const ownAt = own && !own.header ? candidates.filter((c) => c.number === own.number && c.score >= 1) : [];
  const dates = findDates(text)
    .map((date) => ({ date, score: dateScore(source, date, ownAt, headerEnd) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.date.index - b.date.index);
  const distinct = [...new Set(dates.map(({ date }) => date.iso))];
  if (distinct.length > 1)
    warnings.push(`chưa xác định chắc ngày ban hành: tìm thấy các ngày ${distinct.join(', ')}; đã chọn ${distinct[0]}`);
  if (distinct.length === 0) warnings.push('không tìm thấy ngày ban hành');

  const { issuer, province } = issuerAndProvince(source, headerEnd, heading, own);
  if (!province) warnings.push('không tìm thấy tên tỉnh');
  const { type, title } = typeAndTitle(source, heading, own);
  if (!type) warnings.push('không nhận ra loại văn bản (Quyết định, Kế hoạch, Nghị quyết…)');

  const found: Partial<DocumentMetadata> = {
    number: own?.number,
    date: distinct[0],
    issuer,
    province,
    type,
    title: title ? cleanTitle(title) : null,
  };
  const metadata = Object.fromEntries(
    Object.entries(found).filter(([, value]) => value != null),
  ) as Partial<DocumentMetadata>;
  return { metadata, warnings };
}
