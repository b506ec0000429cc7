import { foldVietnamese } from '../text/normalize.ts';
import type { KnowledgeDocument } from './document.ts';

/**
 * When a document says it takes effect: "có hiệu lực kể từ ngày ký" (from signing), another "hiệu lực kể từ …"
 * statement, or nothing. Status answers quote the first; "có hiệu lực từ ngày nào?" is answered only where a
 * document states one. Read once per document, not per question.
 */
export type EffectClause = 'signing' | 'stated' | null;

const EFFECT = /\bhieu luc (?:ke )?tu\b( ngay ky)?/;
const clauses = new WeakMap<KnowledgeDocument, EffectClause>();

export function effectClause(document: KnowledgeDocument): EffectClause {
  if (clauses.has(document)) return clauses.get(document)!;
  const match = EFFECT.exec(foldVietnamese(document.text));
  const clause: EffectClause = match ? (match[1] ? 'signing' : 'stated') : null;
  clauses.set(document, clause);
  return clause;
}
