/**
 * Checks and light clean-up of what a model wrote, before the citation guard reads it. Pure functions:
 * the text is the model's, only its form changes.
 */

const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/giu;
const LETTER = /\p{L}/gu;
/** Vietnamese prose marks about a third of its letters; English or code marks none. */
const MIN_MARKED_SHARE = 0.08;
const MIN_LETTERS = 12;

/** True for Vietnamese prose; false for empty output, another language, JSON or code. */
export function looksVietnamese(text: string): boolean {
  const normalized = text.normalize('NFC');
  const letters = normalized.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return false;
  const marked = normalized.match(VIETNAMESE_LETTER)?.length ?? 0;
  return marked / letters >= MIN_MARKED_SHARE;
}

/**
 * Markdown the channels would show as symbols (bold, headings, "*" bullets) becomes plain text; runs of
 * blank lines shrink to one. Answers go to Zalo as plain text and to Telegram escaped.
 */
export function tidyModelText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/^```[^\n]*\n?|```$/gm, '')
    .replace(
      /\*\*(.+?)\*\*|__(.+?)__/g,
      (_, bold: string | undefined, under: string | undefined) => bold ?? under ?? '',
    )
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^(\s*)[*•]\s+/gm, '$1- ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const DECLINES = /\b(?:không (?:nêu|đề cập|có thông tin|tìm thấy|cung cấp thông tin)|chưa (?:nêu|có thông tin))/iu;

/**
 * The model says the passages do not answer. When our grounding found that they do, the offline answer,
 * which quotes them, serves the user better than a refusal.
 */
export function declinesToAnswer(text: string, hasFigure: boolean): boolean {
  return !hasFigure && DECLINES.test(text.normalize('NFC'));
}
