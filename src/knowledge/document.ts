/** What the bot knows about one decision, plan or resolution, whether from front matter or from its text. */
export interface DocumentMetadata {
  /** The document's own number as written: "4086/QĐ-UBND", "36-NQ/TW", "16". Null when the source gives none. */
  number: string | null;
  /** Date of issue, YYYY-MM-DD, or null when the source does not give it. */
  date: string | null;
  /** Issuing body: "UBND tỉnh Hà Tĩnh", "Ban Thường vụ Tỉnh ủy Lâm Đồng". */
  issuer: string | null;
  /** Canonical province name: "Hà Tĩnh". */
  province: string | null;
  /** Kind of document: "Quyết định", "Kế hoạch", "Nghị quyết", "Chỉ thị"… */
  type: string | null;
  /** Trích yếu: what the document is about. */
  title: string | null;
  /** What it replaces, as written ("Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh"). */
  replaces: string | null;
  /** What it implements, for documents best identified through it ("Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị"). */
  implements: string | null;
  /** Where the text was taken from (portal name or URL). */
  origin: string | null;
  /** Publication date on the portal, YYYY-MM-DD. */
  publishedDate: string | null;
}

/** The kind of file a document was read from; `image` is a scanned page (PNG, JPEG, TIFF). */
export type DocumentFormat = 'markdown' | 'text' | 'docx' | 'pdf' | 'doc' | 'odt' | 'rtf' | 'html' | 'image';

/** One document of the knowledge folder, ready to be split into passages. */
export interface KnowledgeDocument {
  /** Stable id derived from the file name: "ha-tinh-4086-qd-ubnd-2012". */
  id: string;
  /** Path relative to the knowledge folder. */
  source: string;
  format: DocumentFormat;
  metadata: DocumentMetadata;
  /** Body text (NFC), front matter removed. */
  text: string;
}

export const EMPTY_METADATA: DocumentMetadata = Object.freeze({
  number: null,
  date: null,
  issuer: null,
  province: null,
  type: null,
  title: null,
  replaces: null,
  implements: null,
  origin: null,
  publishedDate: null,
});
