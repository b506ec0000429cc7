import { tokenize } from './tokenize.ts';

/**
 * Topics written with syllables that are common words on their own: "chữ ký số" (every "Quyết định số"
 * holds "số"), "an toàn thông tin" ("an" is in "an ninh", "thông tin" in every plan). A passage speaks of
 * such a topic only if it writes the phrase; its syllables scattered elsewhere do not count.
 * Folded and tokenized, as the index sees them ("ký số" is rewritten to "chữ ký số" there too).
 */
export const CONCEPT_PHRASES: readonly string[] = [
  'chu ky so',
  'chu ky dien tu',
  'an toan',
  'an ninh mang',
  // "Công nghiệp" alone is any industry, and "khu công nghiệp" an industrial zone.
  'cong nghiep cong nghe thong tin',
  'chuyen doi so',
  'dien thoai thong minh',
  'kinh te so',
  'xa hoi so',
  'ha tang so',
  'du lieu lon',
  'tri tue nhan tao',
  'dien toan dam may',
  'internet van vat',
  'do thi thong minh',
  'thanh pho thong minh',
  // "Thời" is in "thời gian", "tiết" in "chi tiết": weather is a topic only as the phrase.
  'thoi tiet',
].map((phrase) => tokenize(phrase).join(' '));

/** The concept phrases a text writes, as token sequences. */
export function conceptPhrasesIn(tokens: readonly string[]): string[] {
  const joined = ` ${tokens.join(' ')} `;
  return CONCEPT_PHRASES.filter((phrase) => joined.includes(` ${phrase} `));
}

const WRITTEN = new WeakMap<object, Set<string>>();

/** The concept phrases a document writes anywhere, read once per document. */
export function conceptsWrittenIn(document: { text: string }): ReadonlySet<string> {
  let written = WRITTEN.get(document);
  if (!written) {
    written = new Set(conceptPhrasesIn(tokenize(document.text)));
    WRITTEN.set(document, written);
  }
  return written;
}
