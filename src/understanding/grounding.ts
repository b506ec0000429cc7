import type { DocumentReference } from '../knowledge/document-references.ts';
import type { QuestionIntent, UnderstoodQuestion } from './understand-question.ts';

/** What grounding returns: the passages and documents an answer may rest on, or why there are none. */

/** A question after follow-up resolution: what it says plus what it inherits from the conversation. */
export interface ResolvedQuestion extends UnderstoodQuestion {
  /** Documents the conversation is about ("Quyết định đó…"), by document id. */
  focusDocumentIds: string[];
  /** Search terms carried over from the previous question ("Còn Quảng Bình thì sao?"), searched at lower weight. */
  inheritedTerms: string[];
  /** The topic words of the question it continues, near which an inherited kind of figure must stand. */
  inheritedTopicTerms: string[];
  /** All search terms of the turn it follows: which of the laws a plan names "luật đó" is. */
  previousTerms: string[];
  /** The focus documents are only a guess (no "đó/này"): when they do not answer, search everything. */
  focusIsSoft: boolean;
}

export interface PassageMatch {
  passageId: number;
  docIndex: number;
  text: string;
  context: string | null;
  score: number;
  /** Share of the question's content (weighted by rarity) found in this passage, 0–1. */
  coverage: number;
}

export interface DocumentFacts {
  docIndex: number;
  passages: PassageMatch[];
}

/**
 * Why nothing answers: no document for the province or number asked; the documents are about it but do not
 * state what was asked ('not-stated'); nothing matches at all; not a question about the documents; empty.
 */
export type NotFoundReason =
  | 'unknown-province'
  | 'unknown-number'
  | 'not-stated'
  /** "Thực tế đã đạt được bao nhiêu?": plans state targets, never what was achieved. */
  | 'outcome'
  | 'no-match'
  | 'out-of-scope'
  | 'empty'
  | 'which-document';

/** What the documents' status questions ask: in force?, which period?, which is the newest? */
export type StatusQuestion = 'validity' | 'horizon' | 'latest';

/** A document and the figure its best passage gives for the asked topic, for "tỉnh nào cao nhất". */
export interface RankedFact extends DocumentFacts {
  value: number | null;
}

export type Grounding =
  | { kind: 'conversation'; intent: Extract<QuestionIntent, 'greeting' | 'help' | 'reset' | 'small-talk'> }
  | { kind: 'not-found'; reason: NotFoundReason; unknownProvinces: string[]; knownProvinces: string[] }
  | { kind: 'catalogue'; documents: number[]; reorganised: string[] }
  | {
      kind: 'metadata';
      intent: Extract<QuestionIntent, 'issue-date' | 'document-number' | 'issuer' | 'implements'>;
      documents: number[];
      reorganised: string[];
      /** The date asked is the one the source page was posted on. */
      posted?: true;
      /** "… do HĐND tỉnh thông qua đúng không?": whether the issuer the question asserts is the document's. */
      verdict?: 'confirmed' | 'corrected';
    }
  /** "Luật đó ban hành ngày nào?": what a document's text writes of a document it names. */
  | {
      kind: 'named-reference';
      /** 'summary': what the named document is about. */
      intent: Extract<QuestionIntent, 'issue-date' | 'document-number' | 'issuer' | 'summary'>;
      docIndex: number;
      reference: DocumentReference;
      reorganised: string[];
    }
  | { kind: 'overview'; documents: number[]; reorganised: string[] }
  | { kind: 'summary'; documents: number[]; reorganised: string[] }
  /** A plan's targets year by year ("các mốc thời gian và mục tiêu tương ứng"). */
  | { kind: 'timeline'; documents: number[]; reorganised: string[] }
  /** The laws and documents the documents name in their text. */
  | { kind: 'references'; documents: number[]; reorganised: string[] }
  | {
      kind: 'list';
      docIndex: number;
      passageId: number;
      reorganised: string[];
      /** "Kể hết ra": every entry whole, past the length a list is otherwise cut to. */
      whole: boolean;
      /** "Có mấy nhiệm vụ?": the number of entries is said with them. */
      counted: boolean;
    }
  | {
      kind: 'status';
      asked: StatusQuestion;
      documents: number[];
      /** "Văn bản cũ đó": answer about what the documents replaced. */
      aboutReplaced: boolean;
      /** "Văn bản nào thay thế nó?": with no successor among ours, nothing is cited. */
      asksSuccessor: boolean;
      /** For 'latest': the oldest instead ("ban hành sớm nhất"). */
      oldest: boolean;
      /** For 'horizon' over several documents: which reaches farthest ("mốc xa nhất"), or nearest. */
      reach: 'farthest' | 'nearest' | null;
      /** For 'horizon' over all documents: those whose period names this year ("tỉnh nào … đến năm 2020"). */
      periodYear: number | null;
      /** Years the user asserted ("đến năm 2030 phải không?"), to confirm or correct. */
      claimedYears: number[];
      reorganised: string[];
    }
  | { kind: 'ranking'; facts: RankedFact[]; superlative: 'max' | 'min'; reorganised: string[] }
  | {
      kind: 'facts';
      facts: DocumentFacts[];
      comparison: boolean;
      /** For "… đúng không?" and for instructions asserting a figure: whether the source bears it out. */
      verdict: 'confirmed' | 'corrected' | null;
      /** The question carried an instruction to the bot, which was not followed. */
      instructed: boolean;
      unknownProvinces: string[];
      /** Provinces compared whose documents do not state what was asked ("chữ ký số" of Hà Tĩnh). */
      silentProvinces: string[];
      /** Former provinces whose documents answer a question that named their new unit ("tỉnh Cà Mau"). */
      reorganised: string[];
      /** Years a "… phải không?" asserted ("giai đoạn 2016-2020"), checked against the plan's period. */
      claimedYears: number[];
    };
