import type { KnowledgeBase } from '../search/knowledge-base.ts';
import type { Answer } from './answer.ts';
import { sourcesBlock } from './citation.ts';

/**
 * One reply to a message that asked several things: each part's answer body in order, then one source
 * block for every document cited. A part the documents do not answer is named as such; when no part is
 * answered, the first refusal stands for all.
 */
export function mergeAnswers(knowledge: KnowledgeBase, parts: ReadonlyArray<{ part: string; answer: Answer }>): Answer {
  const answered = parts.filter(({ answer }) => answer.grounded);
  if (answered.length === 0) return parts[0]!.answer;
  const bodies: string[] = [];
  let lastLead: string | null = null;
  for (const { part, answer } of parts) {
    let body = answer.grounded ? bodyOf(answer) : `Về “${part.replace(/[?.!\s]+$/u, '')}”: ${NOT_STATED}`;
    if (bodies.includes(body)) continue;
    // "Theo Quyết định số 4086/QĐ-UBND …:" once, when the next part quotes the same document.
    const lead = LEAD.exec(body)?.[0] ?? null;
    if (lead && lead === lastLead && !body.slice(lead.length).startsWith('\n'))
      body = upperFirst(body.slice(lead.length));
    lastLead = lead ?? lastLead;
    bodies.push(body);
  }
  const sources = [...new Map(answered.flatMap(({ answer }) => answer.citations).map((c) => [c.source, c])).values()];
  const documents = sources.flatMap((citation) => {
    const docIndex = knowledge.documentsBySource.get(citation.source);
    return docIndex === undefined ? [] : [knowledge.documents[docIndex]!];
  });
  return {
    answer: `${bodies.join('\n\n')}\n\n${sourcesBlock(documents)}`,
    grounded: true,
    citations: sources,
    outcome: 'answered',
  };
}

const NOT_STATED = 'các văn bản tôi có không nêu thông tin này.';
const LEAD = /^Theo [^:\n]+:\s/u;

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
const SOURCES = '\n\nNguồn:';

/** A grounded answer without its source block, which the merged answer gives once for all parts. */
function bodyOf(answer: Answer): string {
  const at = answer.answer.lastIndexOf(SOURCES);
  return (at >= 0 ? answer.answer.slice(0, at) : answer.answer).trim();
}
