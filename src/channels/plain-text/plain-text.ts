import { type Reply, replyText } from '../../ports/channel.ts';

/**
 * Text for channels that show no markup (Zalo OA, Zalo Bot). Answers are already plain text with their
 * "Nguồn: …" line last; what an LLM answer might add in Markdown is reduced to its words, so a citizen never
 * sees stray asterisks on a phone.
 */
export function toPlainText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/^#{1,6}[ \t]+/gm, '')
    .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, '$1')
    .replace(/__(\S(?:[^_]*\S)?)__/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text a reply shows on a channel without markup: the answer with its source line, or the bot's notice. */
export function plainReplyText(reply: Reply): string {
  return toPlainText(replyText(reply));
}
