import { type Reply, replyText } from '../../ports/channel.ts';
import { packSentences } from './split-sentences.ts';

/** Telegram's limit for one text message. */
export const TELEGRAM_TEXT_LIMIT = 4096;

const SOURCE_MARKER = '\n\nNguồn:';

/** HTML parse mode needs only these three escaped; quotes are plain text outside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

/** Length once escaped, counted without building the string (additive, as packSentences needs). */
function escapedLength(text: string): number {
  let length = text.length;
  for (const char of text) {
    if (char === '&') length += 4;
    else if (char === '<' || char === '>') length += 3;
  }
  return length;
}

/**
 * Separates the "Nguồn: …" block the composer puts at the end of a grounded answer from the text before it.
 * Only the last such block counts: "Nguồn không nêu …" inside the text is not a source line.
 */
export function splitSourceBlock(text: string): { body: string; source: string | null } {
  const at = text.lastIndexOf(SOURCE_MARKER);
  if (at < 0) return { body: text, source: null };
  return { body: text.slice(0, at), source: text.slice(at + 2) };
}

/**
 * The messages to send for a text, in HTML parse mode: everything escaped, the source block in bold at
 * the end. Over the limit, the text is cut between sentences before escaping, so a cut never falls inside a
 * tag or an entity, and the source stays on the last message.
 */
export function formatHtmlParts(text: string, options: { boldSource?: boolean; limit?: number } = {}): string[] {
  const limit = options.limit ?? TELEGRAM_TEXT_LIMIT;
  const { body, source } = options.boldSource ? splitSourceBlock(text) : { body: text, source: null };
  const sourceHtml = source === null ? null : `<b>${escapeHtml(source)}</b>`;
  if (sourceHtml === null || sourceHtml.length > limit) {
    // No source, or one too long to stand as one message (never seen): plain text, cut like the rest.
    return packSentences(text, limit, escapedLength).map(escapeHtml);
  }
  const whole = body.trim() ? `${escapeHtml(body.trim())}\n\n${sourceHtml}` : sourceHtml;
  if (whole.length <= limit) return [whole];
  const parts = packSentences(body, limit, escapedLength).map(escapeHtml);
  const last = parts.at(-1);
  if (last !== undefined && last.length + 2 + sourceHtml.length <= limit) {
    parts[parts.length - 1] = `${last}\n\n${sourceHtml}`;
  } else {
    parts.push(sourceHtml);
  }
  return parts;
}

/** The messages for a reply: answers with their source in bold, notices as plain escaped text. */
export function formatReply(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (reply.kind === 'notice') return formatHtmlParts(reply.text, { limit });
  return formatHtmlParts(replyText(reply), { boldSource: reply.answer.grounded, limit });
}
