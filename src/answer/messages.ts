import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { formatVietnameseDate } from '../text/dates.ts';
import { currentLabelSentence } from '../text/province-units.ts';
import { PROVINCE_NAMES, provinceLabel } from '../text/provinces.ts';
import type { PremiseCorrection } from '../understanding/premise-corrections.ts';
import { documentName } from './citation.ts';

/**
 * The bot's own sentences. None contains a figure, number or date: whatever the bot says of the documents
 * comes from the documents, so replies that cite nothing also claim nothing.
 */

export const EXAMPLE_QUESTIONS: readonly string[] = [
  'Hà Tĩnh đặt mục tiêu bao nhiêu phần trăm dịch vụ công trực tuyến mức độ 4?',
  'Quy hoạch CNTT của Quảng Bình được phê duyệt ngày nào?',
  'So sánh mục tiêu dịch vụ công trực tuyến của Hà Tĩnh và Quảng Bình',
];

/** "Hà Tĩnh, Quảng Bình và Bạc Liêu" */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

export function coveredProvinces(knowledge: KnowledgeBase): string[] {
  return [...knowledge.documentsByProvince.keys()];
}

/** What the bot covers, said after every refusal so the user knows what to ask instead. */
export function coverageNote(knowledge: KnowledgeBase): string {
  const provinces = coveredProvinces(knowledge);
  if (provinces.length === 0) return 'Hiện kho văn bản của tôi đang trống.';
  return (
    `Tôi trả lời về quy hoạch, kế hoạch phát triển công nghệ thông tin trong các văn bản đã được nạp, ` +
    `hiện có của ${listInWords(provinces.map(provinceLabel))}. ` +
    `Bạn có thể hỏi, ví dụ: “${EXAMPLE_QUESTIONS[0]!.replace(/ mức độ 4/, '')}”`
  );
}

/** The first thing a new user reads (/start, following the Official Account): what the bot does and how to ask. */
export function greetingText(knowledge: KnowledgeBase): string {
  const provinces = coveredProvinces(knowledge);
  const covered =
    provinces.length > 0
      ? `Hiện tôi có văn bản của ${listInWords(provinces.map(provinceLabel))}.`
      : 'Hiện kho văn bản của tôi đang trống.';
  return [
    'Xin chào! Tôi trả lời câu hỏi về quy hoạch, kế hoạch phát triển công nghệ thông tin của các tỉnh, dựa trên văn bản gốc và luôn ghi rõ nguồn (số hiệu, ngày ban hành).',
    covered,
    '',
    'Ví dụ câu hỏi:',
    ...EXAMPLE_QUESTIONS.map((question) => `- ${question}`),
    '',
    'Gõ không dấu cũng được. Gõ “xoá lịch sử” để bắt đầu lại.',
  ].join('\n');
}

export function helpText(knowledge: KnowledgeBase): string {
  const lines = [
    'Tôi trả lời câu hỏi về quy hoạch, kế hoạch phát triển công nghệ thông tin của các tỉnh, dựa trên các văn bản trong kho, và luôn ghi rõ nguồn (số hiệu, ngày ban hành).',
    '',
    'Văn bản hiện có:',
    ...knowledge.documents.map((document) => `- ${document.metadata.province ?? '?'}: ${documentName(document)}`),
    '',
    'Ví dụ câu hỏi:',
    ...EXAMPLE_QUESTIONS.map((question) => `- ${question}`),
    '',
    'Gõ “xoá lịch sử” để bắt đầu cuộc trò chuyện mới.',
  ];
  return lines.join('\n');
}

/** For "cảm ơn", "ok", "tạm biệt": short and polite, never a refusal and never the last answer again. */
export const SMALL_TALK_TEXT =
  'Không có gì ạ. Bạn cần hỏi thêm về quy hoạch, kế hoạch CNTT của tỉnh nào cứ nhắn cho tôi nhé.';
/** For "Quyết định đó …" at the start of a conversation: which one? */
export const WHICH_DOCUMENT_TEXT =
  'Bạn đang hỏi về văn bản nào? Hãy cho tôi biết tên tỉnh hoặc số hiệu văn bản (ví dụ: “quyết định 4086 của Hà Tĩnh”).';

/** The documents about these provinces exist, but none states what was asked. */
export function notStatedText(provinces: readonly string[]): string {
  const about = provinces.length > 0 ? ` về ${listInWords(provinces.map(provinceLabel))}` : '';
  return `Các văn bản${about} mà tôi có không nêu thông tin này, nên tôi không trả lời được con số hay chi tiết bạn hỏi.`;
}

export const OUTCOME_TEXT =
  'Các văn bản tôi có là quy hoạch, kế hoạch: chúng nêu mục tiêu đặt ra, không nêu kết quả thực tế đã đạt được, nên tôi không trả lời được điều này. Bạn có thể hỏi mục tiêu mà văn bản đặt ra.';
export const RESET_TEXT = 'Đã xoá lịch sử trò chuyện. Bạn cứ hỏi câu mới nhé.';
export const EMPTY_TEXT = 'Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi về quy hoạch, kế hoạch CNTT của tỉnh bạn quan tâm.';
export const NOT_FOUND_TEXT =
  'Xin lỗi, tôi không tìm thấy thông tin này trong các văn bản tôi đang có, nên không thể trả lời chính xác.';
export const OUT_OF_SCOPE_TEXT =
  'Xin lỗi, tôi chỉ trả lời câu hỏi về quy hoạch, kế hoạch phát triển CNTT dựa trên các văn bản trong kho, và không làm theo yêu cầu khác.';
export const UNKNOWN_NUMBER_TEXT =
  'Xin lỗi, số hiệu văn bản bạn hỏi không có trong kho văn bản của tôi, nên tôi không thể trả lời về văn bản đó.';
/**
 * "Không đúng như vậy: số hiệu đúng là 635/QĐ-UBND.", "Không đúng như vậy. Quyết định số 4086/QĐ-UBND được ban
 * hành ngày 28/12/2012.": the premises corrected, without repeating the wrong number or date, which a reader
 * skimming the reply could take for the answer. Every number and date is the document's own.
 */
export function premiseCorrectionText(knowledge: KnowledgeBase, corrections: readonly PremiseCorrection[]): string {
  const sentences: string[] = [];
  const numbers = corrections.flatMap((correction) => (correction.kind === 'number' ? [correction.actual] : []));
  if (numbers.length > 0) sentences.push(`Không đúng như vậy: số hiệu đúng là ${listInWords(numbers)}.`);
  for (const correction of corrections) {
    if (correction.kind !== 'issue-date') continue;
    const document = knowledge.documents[correction.docIndex]!;
    const lead = sentences.length === 0 ? 'Không đúng như vậy. ' : '';
    sentences.push(
      `${lead}${documentName(document)} được ban hành ngày ${formatVietnameseDate(document.metadata.date!)}.`,
    );
  }
  return sentences.join(' ');
}

/** Said before a correct figure when the user's instruction tried to change it. */
export const INSTRUCTION_IGNORED_TEXT = 'Tôi chỉ trả lời đúng theo văn bản nguồn.';

/** Compared provinces whose documents do not state what was asked. */
export function silentProvincesText(provinces: readonly string[]): string {
  return `Các văn bản về ${listInWords(provinces.map(provinceLabel))} mà tôi có không nêu nội dung này.`;
}

/** "… của tỉnh Đắk Nông (nay thuộc tỉnh Lâm Đồng)": the province as asked, with what it is part of today. */
export function unknownProvinceText(provinces: readonly string[]): string {
  const labels = provinces.map((province) =>
    PROVINCE_NAMES.includes(province) ? currentLabelSentence(province) : provinceLabel(province),
  );
  return `Xin lỗi, hiện tôi chưa có văn bản nào về quy hoạch, kế hoạch CNTT của ${listInWords(labels)}.`;
}
