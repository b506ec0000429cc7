import type { KnowledgeDocument } from '../../knowledge/document.ts';
import type { KnowledgeBase } from '../../search/knowledge-base.ts';
import type { ConversationTurn } from '../../understanding/conversation-turn.ts';
import type { ResolvedQuestion } from '../../understanding/grounding.ts';
import { documentName } from '../citation.ts';

/** Turns the rewrite sees: a follow-up leans on the last few, not on the whole conversation. */
const HISTORY_TURNS = 4;

/**
 * A question that leans on the conversation ("Còn Quảng Bình thì sao?", "Quyết định đó…"): our own
 * follow-up resolution has already found what it inherits; only such a question needs rewriting.
 */
export function needsRewrite(question: ResolvedQuestion, history: readonly ConversationTurn[]): boolean {
  if (history.length === 0) return false;
  return (
    question.focusDocumentIds.length > 0 ||
    question.inheritedTerms.length > 0 ||
    question.refersBack ||
    question.elliptical
  );
}

/**
 * The conversation as the rewriting prompt reads it: one line per earlier question, with the provinces and
 * documents it was about (the store keeps questions, not answers).
 */
export function formatHistory(history: readonly ConversationTurn[], knowledge: KnowledgeBase): string {
  const byId = new Map<string, KnowledgeDocument>(knowledge.documents.map((document) => [document.id, document]));
  return history
    .slice(-HISTORY_TURNS)
    .map((turn, i) => {
      const documents = turn.documentIds.flatMap((id) => {
        const document = byId.get(id);
        return document ? [documentName(document)] : [];
      });
      const about = [
        ...(turn.provinces.length > 0 ? [`tỉnh: ${turn.provinces.join(', ')}`] : []),
        ...(documents.length > 0 ? [`văn bản: ${documents.join('; ')}`] : []),
      ];
      return `${i + 1}. ${turn.question.replace(/\s+/g, ' ').trim()}${about.length > 0 ? ` (${about.join('; ')})` : ''}`;
    })
    .join('\n');
}

const MAX_REWRITE_CHARS = 400;

/** The rewritten question when it is one plausible question; null sends the user's own words instead. */
export function usableRewrite(text: string): string | null {
  const line = text
    .normalize('NFC')
    .split('\n')
    .map((part) => part.trim())
    .find(Boolean)
    ?.replace(/^(?:câu hỏi(?: viết lại)?\s*:\s*)/iu, '')
    .replace(/^["“'](.*)["”']$/u, '$1')
    .trim();
  if (!line || line.length > MAX_REWRITE_CHARS) return null;
  return line;
}
