import type { QuestionIntent, UnderstoodQuestion } from './understand-question.ts';

/** What grounding returns: the passages and documents an answer may rest on, or why there are none. */

/** A question after follow-up resolution: what it says plus what it inherits from the conversation. */
export interface ResolvedQuestion extends UnderstoodQuestion {
  /** Documents the conversation is about ("Quyết định đó…"), by document id. */
  focusDocumentIds: string[];
  /** Search terms carried over from the previous question ("Còn Quảng Bình thì sao?"), searched at lower weight. */
  inheritedTerms: string[];
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

export type NotFoundReason = 'unknown-province' | 'unknown-number' | 'no-match' | 'out-of-scope' | 'empty';

export type Grounding =
  | { kind: 'conversation'; intent: Extract<QuestionIntent, 'greeting' | 'help' | 'reset'> }
  | { kind: 'not-found'; reason: NotFoundReason; unknownProvinces: string[]; knownProvinces: string[] }
  | { kind: 'catalogue'; documents: number[] }
  | {
      kind: 'metadata';
      intent: Extract<QuestionIntent, 'issue-date' | 'document-number' | 'issuer'>;
      documents: number[];
    }
  | { kind: 'overview'; documents: number[] }
  | {
      kind: 'facts';
      facts: DocumentFacts[];
      comparison: boolean;
      /** For "… đúng không?" and for instructions asserting a figure: whether the source bears it out. */
      verdict: 'confirmed' | 'corrected' | null;
      /** The question carried an instruction to the bot, which was not followed. */
      instructed: boolean;
      unknownProvinces: string[];
    };
