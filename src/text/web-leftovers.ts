/**
 * What a portal page leaves in a document's text that is no part of what the document says: the credit
 * opening a news item ("(Mic.gov.vn) - ", "(Quang Binh Portal) - ") and the "./." that closes an official
 * text. They stay in the index (nothing of a source is dropped) and are left out of what an answer quotes.
 */
const PORTAL_CREDIT = /^\((?=[^()]{0,40}(?:\.(?:vn|com|net|org)\b|portal|online))[^()]{2,40}\)\s*[-–—]\s*/iu;
const CLOSING_MARK = /\s*\.\/\.\s*$/u;

export function withoutWebLeftovers(text: string): string {
  return text.replace(PORTAL_CREDIT, '').replace(CLOSING_MARK, '.');
}
