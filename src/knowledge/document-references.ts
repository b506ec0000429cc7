import { parseVietnameseDate } from '../text/dates.ts';
import type { KnowledgeDocument } from './document.ts';

/**
 * The other documents a document names in its text: the laws, resolutions, directives and decisions it
 * implements, replaces or asks to carry out ("Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ",
 * "Luật An toàn thông tin mạng số 86/2015/QH13", "Điều 63 của Luật công nghệ thông tin"). Each is quoted as
 * written, up to its date and issuer, so an answer lists them without a word of its own.
 */

const TYPE = '(?:Nghị quyết|Quyết định|Chỉ thị|Nghị định|Thông tư|Kế hoạch|Chương trình|Đề án|Công văn)';
const NUMBER = String.raw`\d+[a-zđ]?(?:\/\d{4})?[\/-]\p{Lu}[\p{L}\d]*(?:[-\/]\p{L}[\p{L}\d]*)*`;
const DATE = String.raw`(?:,?\s+ngày\s+\d{1,2}(?:[\/.-]\d{1,2}[\/.-]\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?`;
/** "của Chính phủ", "của UBND tỉnh Hà Tĩnh": up to six words after "của", ending before "về", "và", "để"… */
const ISSUER = String.raw`(?:\s+của(?:\s+(?!(?:về|và|để|nhằm|đã|trên|trong|theo|thì|với|là|cho|đến|từ|tại)(?!\p{L}))\p{L}+){1,6})?`;
/** A law by name, with its number when given: the name is the words after "Luật", up to a number or a break. */
const LAW = String.raw`Luật\s+(?:[\p{L}]+\s+){0,6}?(?:số\s+)?\d+\/\d{4}\/QH\d+|Luật\s+\p{Ll}[\p{Ll}]*(?:\s+\p{Ll}[\p{Ll}]*){0,5}`;
const REFERENCE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${TYPE}\s+(?:số\s+)?${NUMBER}${DATE}${ISSUER}|(?:${LAW})${DATE})`,
  'gu',
);
/** A law named without a number ends before the words that follow its name in a sentence. */
const LAW_NAME_END = /\s+(?:và|ngày|của|để|nhằm|theo|trong|tại|đã|được|về|số|năm)(?:\s.*)?$/u;

export interface DocumentReference {
  /** As written: "Nghị quyết 36a/NQ-CP ngày 14 tháng 10 năm 2015 của Chính phủ". */
  text: string;
  /** Named without its date and issuer: "Nghị quyết 36a/NQ-CP", "Luật An toàn thông tin mạng số 86/2015/QH13". */
  name: string;
  /** Its kind as written: "Luật", "Nghị quyết", "Chỉ thị" … */
  type: string;
  /** Its number ("36a/NQ-CP", "86/2015/QH13"), or null for a law named only by its name. */
  number: string | null;
  /** Its date as the text gives it (ISO), or null. */
  date: string | null;
  /** "Chính phủ", "Thủ tướng Chính phủ", as the text gives it, or null. */
  issuer: string | null;
  /** What it is about, as the text says right after naming it: "về xây dựng Chính phủ điện tử", or null. */
  subject: string | null;
}

/** The first document number written in a text: "Nghị quyết số 36-NQ/TW ngày 01/7/2014 …" → "36-NQ/TW". */
export function documentNumberIn(text: string): string | null {
  return new RegExp(NUMBER, 'u').exec(text)?.[0] ?? null;
}

const DATE_IN_REFERENCE = new RegExp(DATE.replace(/\)\?$/u, ')'), 'u');
const ISSUER_IN_REFERENCE = /\s+của\s+(.+)$/u;
const ARTICLE_BEFORE = /((?:[Kk]hoản \d+,? )?Điều \d+[a-z]?)\s+của\s+$/u;
/**
 * "… của Chính phủ về xây dựng Chính phủ điện tử và Chỉ thị …": the subject ends at the clause, the next name, or
 * what the sentence goes on to say of the naming document ("… vừa được UBND tỉnh ban hành").
 */
const SUBJECT_AFTER = new RegExp(
  String.raw`^,?\s+(về\s+[^;.\n(]*?)(?=\s+và\s+(?:${TYPE}|Luật)(?!\p{L})|\s+(?:vừa|đã|mới)\s+(?:được|ban hành)|\s*[;.\n(]|$)`,
  'u',
);

const read = new WeakMap<KnowledgeDocument, readonly DocumentReference[]>();

/**
 * Every document named in the text, once each (by number, else by name), in order, the document's own excluded.
 * Read once per document: questions about "luật đó" ask it again and again.
 */
export function documentReferences(document: KnowledgeDocument): readonly DocumentReference[] {
  let references = read.get(document);
  if (!references) {
    references = referencesIn(document);
    read.set(document, references);
  }
  return references;
}

function referencesIn(document: KnowledgeDocument): DocumentReference[] {
  const own = document.metadata.number?.toLowerCase() ?? null;
  const seen = new Set<string>();
  const references: DocumentReference[] = [];
  for (const match of document.text.matchAll(REFERENCE)) {
    let text = match[0].replace(/[\s,;:.]+$/u, '');
    const number = documentNumberIn(text);
    if (!number && text.startsWith('Luật')) text = text.replace(LAW_NAME_END, '');
    const key = (number ?? text).toLowerCase();
    if (key === own || seen.has(key) || text.split(/\s+/u).length < 2) continue;
    seen.add(key);
    const written = DATE_IN_REFERENCE.exec(text);
    const issuer = ISSUER_IN_REFERENCE.exec(text);
    const nameEnd = Math.min(written?.index ?? text.length, issuer?.index ?? text.length);
    // "Điều 63 của Luật công nghệ thông tin": the article cited is part of what the text names.
    const article = ARTICLE_BEFORE.exec(document.text.slice(Math.max(0, match.index - 40), match.index))?.[1];
    references.push({
      text: article ? `${article} của ${text}` : text,
      name: text.slice(0, nameEnd),
      type: text.startsWith('Luật') ? 'Luật' : new RegExp(`^${TYPE}`, 'u').exec(text)![0],
      number,
      date: written ? parseVietnameseDate(written[0].replace(/^,?\s+ngày\s+/u, '')) : null,
      issuer: issuer?.[1] ?? null,
      subject:
        SUBJECT_AFTER.exec(
          document.text.slice(match.index + match[0].length, match.index + match[0].length + 300),
        )?.[1] ?? null,
    });
  }
  return references;
}
