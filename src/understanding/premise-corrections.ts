import { documentNumberIn } from '../knowledge/document-references.ts';
import { documentsWithNumber, foldDocumentNumber, type KnowledgeBase } from '../search/knowledge-base.ts';
import { foldVietnamese } from '../text/normalize.ts';
import type { ResolvedQuestion } from './grounding.ts';
import { documentsOfProvince } from './question-candidates.ts';

/**
 * A false premise a question rests on, corrected before it is answered: a number one slip from the document's
 * own, or a signing date the document does not have.
 */
export type PremiseCorrection =
  | { kind: 'number'; asked: string; actual: string }
  | { kind: 'issue-date'; docIndex: number };

/** The serial digits of a number and the symbol after them: "653/qd-ubnd" → ["653", "/qd-ubnd"]. */
function splitNumber(folded: string): [string, string] | null {
  const match = /^(\d{2,})(\D.*)$/.exec(folded);
  return match ? [match[1]!, match[2]!] : null;
}

/** "… thực hiện Nghị quyết 26-NQ/TW": the number is presented as what a plan carries out. */
const IMPLEMENTED = /\bthuc hien (?:nghi quyet|quyet dinh|chi thi|de an|chuong trinh|luat)\s*(?:so\s*)?$/;

/** The numbers a typed number may be a slip of: the documents' own when asserted, what they implement when named so. */
function numbersToMatch(
  knowledge: KnowledgeBase,
  question: ResolvedQuestion,
  docIndex: number,
  asked: string,
): string[] {
  const { number, implements: implemented } = knowledge.documents[docIndex]!.metadata;
  const numbers = question.asksConfirmation && number ? [number] : [];
  // A claim of what a plan implements is confirmed or corrected by its own verdict, not here.
  const folded = foldVietnamese(question.text);
  const at = folded.indexOf(foldVietnamese(asked).split(/[/-]/)[0]!);
  if (implemented && question.intent !== 'implements' && at > 0 && IMPLEMENTED.test(folded.slice(0, at))) {
    const own = documentNumberIn(implemented);
    if (own) numbers.push(own);
  }
  return numbers;
}

/** Two serials one slip apart: two neighbouring digits swapped (653 for 635) or one digit mistyped. */
function oneSlipApart(typed: string, real: string): boolean {
  if (typed.length !== real.length || typed === real) return false;
  const differing = [...typed].flatMap((digit, at) => (digit === real[at] ? [] : [at]));
  if (differing.length === 1) return true;
  const [first, second] = differing;
  return (
    differing.length === 2 && second === first! + 1 && typed[first!] === real[second] && typed[second] === real[first!]
  );
}

/**
 * "Kế hoạch của Bạc Liêu là QĐ 653/QĐ-UBND đúng không?": a number asserted for a province's document that we do
 * not have, one slip away from the number of that province's document (635/QĐ-UBND), is a false premise about
 * the number, not a question about another document; the question goes on about the real one, and the answer
 * says what the number is. Only an asserted number ("… đúng không?") is corrected: "Quyết định 2927 ban hành
 * ngày nào?" asks about a document we do not have, and is refused as such. So is a number presented as what a
 * province's plan implements ("kế hoạch của Huế thực hiện Nghị quyết 26-NQ/TW …" for 36-NQ/TW): that is what
 * the question takes for granted about the plan.
 */
function correctMisrememberedNumbers(
  knowledge: KnowledgeBase,
  question: ResolvedQuestion,
): { question: ResolvedQuestion; corrections: PremiseCorrection[] } {
  if (question.documentNumbers.length === 0) return { question, corrections: [] };
  const scope =
    question.provinces.length > 0
      ? question.provinces.flatMap((province) => documentsOfProvince(knowledge, province).documents)
      : knowledge.documents.map((_, docIndex) => docIndex);
  const corrections: PremiseCorrection[] = [];
  const documentNumbers = question.documentNumbers.map((asked) => {
    const typed = splitNumber(foldDocumentNumber(asked));
    if (!typed || documentsWithNumber(knowledge, asked).length > 0) return asked;
    const near = scope.flatMap((docIndex) =>
      numbersToMatch(knowledge, question, docIndex, asked).filter((actual) => {
        const real = splitNumber(foldDocumentNumber(actual));
        return real !== null && real[1] === typed[1] && oneSlipApart(typed[0], real[0]);
      }),
    );
    const [actual] = new Set(near);
    if (!actual || new Set(near).size > 1) return asked;
    corrections.push({ kind: 'number', asked, actual });
    return actual;
  });
  return corrections.length === 0
    ? { question, corrections }
    : { question: { ...question, documentNumbers }, corrections };
}

/**
 * "QĐ 4086 ký ngày 28 tháng 12 năm 2013 thay thế quyết định nào?": a signing year said of a document named by
 * its own number, which it was not signed in, while the question asks something else. The date is corrected
 * and the question answered; a question about nothing but the date is left to grounding, which answers it
 * with the right one.
 */
function correctIssueYear(
  knowledge: KnowledgeBase,
  question: ResolvedQuestion,
): { question: ResolvedQuestion; corrections: PremiseCorrection[] } {
  const year = question.assertedIssueYear;
  const asksMore = question.topicTerms.length > 0 && question.intent !== 'issue-date';
  if (year === null || !asksMore || question.documentNumbers.length !== 1) return { question, corrections: [] };
  const [docIndex] = documentsWithNumber(knowledge, question.documentNumbers[0]!);
  const date = docIndex === undefined ? null : knowledge.documents[docIndex]!.metadata.date;
  if (docIndex === undefined || !date || Number(date.slice(0, 4)) === year) return { question, corrections: [] };
  return { question: { ...question, assertedIssueYear: null }, corrections: [{ kind: 'issue-date', docIndex }] };
}

/** The premises of a question corrected, and the question as it goes on to be answered. */
export function correctPremises(
  knowledge: KnowledgeBase,
  question: ResolvedQuestion,
): { question: ResolvedQuestion; corrections: PremiseCorrection[] } {
  const numbers = correctMisrememberedNumbers(knowledge, question);
  const dates = correctIssueYear(knowledge, numbers.question);
  return { question: dates.question, corrections: [...numbers.corrections, ...dates.corrections] };
}
