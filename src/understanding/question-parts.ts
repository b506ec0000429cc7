import { foldVietnamese } from '../text/normalize.ts';

/**
 * A message that asks two or three things ("… hoàn thành vào năm nào, và tỷ lệ dịch vụ công mức 3 là bao
 * nhiêu?", "… bố trí bao nhiêu ngân sách? Nếu cần vốn lớn hơn thì sao?") is answered part by part: one
 * grounding holds one kind of answer, and a year and a percentage from two passages are two answers.
 */

/** Words that make a clause a question of its own. "Không" is left out: stories are full of it. */
const ASKS = /\b(?:bao nhieu|may|nao|gi|j|ai|o dau|the nao|ra sao|sao)\b/;
/**
 * Where one question ends and the next begins inside a sentence: "…, và …", "… với lại …", and "…, ai ký?",
 * a question about the signer put after another one ("giai đoạn nào, ai ký vậy").
 */
const JOINER = /,?\s+(?:và|với lại|với cả|đồng thời|cùng với đó là)\s+|;\s+|,\s+(?=(?:do )?ai (?:ký|ky)(?![\p{L}]))/u;
const MAX_PARTS = 3;

const asks = (text: string): boolean => ASKS.test(foldVietnamese(text));

/** Clauses of one sentence joined where both sides ask something; "mức 3 và mức 4 bao nhiêu" stays whole. */
function clausesOf(sentence: string): string[] {
  const [first = '', ...rest] = sentence.split(JOINER);
  const clauses = [first];
  for (const piece of rest) {
    const last = clauses.length - 1;
    if (asks(clauses[last]!) && asks(piece)) clauses.push(piece);
    else clauses[last] = `${clauses[last]} và ${piece}`;
  }
  return clauses;
}

/** The questions a message asks, in order, when it asks two or three things; none when it asks one. */
export function questionParts(asked: string): string[] {
  const sentences = asked
    .split(/(?<=\?)\s+/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  const parts = sentences.flatMap(clausesOf).filter(asks);
  return parts.length >= 2 && parts.length <= MAX_PARTS ? parts : [];
}
