import type { KnowledgeDocument } from '../knowledge/document.ts';
import { formatVietnameseDate } from '../text/dates.ts';
import { currentLabelSentence } from '../text/province-units.ts';
import type { Citation } from './answer.ts';

export function citationOf(document: KnowledgeDocument): Citation {
  const { number, date, issuer, province, title } = document.metadata;
  return { number, date, issuer, province, title, source: document.source };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * How a document is named in running text: "Quyết định số 4086/QĐ-UBND", or for a document without a number,
 * what it has ("Kế hoạch thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị").
 */
export function documentName(document: KnowledgeDocument): string {
  const { number, type, title, implements: implemented } = document.metadata;
  const kind = type ?? 'Văn bản';
  if (number) return `${kind} số ${number}`;
  if (implemented) return `${kind} thực hiện ${implemented}`;
  if (title) return title.toLowerCase().startsWith(kind.toLowerCase()) ? title : `${kind} ${lowerFirst(title)}`;
  return kind;
}

/**
 * The source line every grounded answer ends with, built from metadata only, never from generated text:
 * "Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh". What the source does not give is said.
 */
export function sourceLine(document: KnowledgeDocument): string {
  const { number, date, issuer, publishedDate } = document.metadata;
  let line = documentName(document);
  if (date) line += ` ngày ${formatVietnameseDate(date)}`;
  // "… của Bộ Chính trị của UBND tỉnh …" would misread: a name that already ends in an issuer takes "do … ban hành".
  if (issuer) line += number ? ` của ${issuer}` : `, do ${issuer} ban hành`;
  const missing = [!number && 'số hiệu', !date && 'ngày ban hành'].filter(Boolean);
  const notes: string[] = [];
  if (missing.length > 0) notes.push(`nguồn không nêu ${missing.join(' và ')}`);
  if (publishedDate && (!number || !date)) notes.push(`tin đăng ngày ${formatVietnameseDate(publishedDate)}`);
  if (notes.length > 0) line += ` (${notes.join('; ')})`;
  return line;
}

/**
 * Where a document is from, as an answer names it: its province, "tỉnh Bạc Liêu (nay thuộc tỉnh Cà Mau)" for a
 * former province whose new unit the question named, or the document itself when it has no province.
 */
export function placeOf(document: KnowledgeDocument, reorganised: readonly string[] = []): string {
  const province = document.metadata.province;
  if (!province) return documentName(document);
  return reorganised.includes(province) ? currentLabelSentence(province) : province;
}

/** "Nguồn: …" from metadata, as every grounded answer ends: one line, or a list for several documents. */
export function sourcesBlock(documents: readonly KnowledgeDocument[]): string {
  if (documents.length === 1) return `Nguồn: ${sourceLine(documents[0]!)}.`;
  return ['Nguồn:', ...documents.map((document) => `- ${sourceLine(document)}.`)].join('\n');
}
