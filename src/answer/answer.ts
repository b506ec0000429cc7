/** A source an answer rests on, as the CLI and every channel report it. */
export interface Citation {
  number: string | null;
  /** Date of issue, YYYY-MM-DD. */
  date: string | null;
  issuer: string | null;
  province: string | null;
  title: string | null;
  /** File in the knowledge folder. */
  source: string;
}

/** Why the bot answered the way it did: counted in metrics and shown to admins for unanswered questions. */
export type AnswerOutcome =
  | 'answered'
  | 'unknown-province'
  | 'unknown-number'
  | 'no-match'
  | 'out-of-scope'
  | 'greeting'
  | 'small-talk'
  | 'help'
  | 'reset'
  | 'empty';

export interface Answer {
  answer: string;
  /** True when the text rests on documents of the knowledge folder, which are then cited. */
  grounded: boolean;
  /** First citation = the main source. Empty when not grounded. */
  citations: Citation[];
  outcome: AnswerOutcome;
}
