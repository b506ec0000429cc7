import type { FastifyInstance } from 'fastify';
import type { Answer } from '../answer/answer.ts';
import type { IncomingMessage } from './incoming-message.ts';

/** What the bot says back: an answer from the assistant, or a short notice of its own (rate limit, stickers…). */
export type Reply = { kind: 'answer'; answer: Answer } | { kind: 'notice'; text: string };

/** The words a reply says, unformatted: the answer's text with its source line, or the notice. */
export function replyText(reply: Reply): string {
  return reply.kind === 'answer' ? reply.answer.answer : reply.text;
}

/**
 * One messaging platform. A channel turns platform updates into IncomingMessages (handing them to the
 * message flow) and sends replies in the platform's format and size limits.
 */
export interface Channel {
  readonly name: IncomingMessage['channel'];
  /** Adds the channel's webhook routes to the bot's HTTP server, if it has any. */
  registerRoutes?(server: FastifyInstance): void;
  /** Starts polling or registers the webhook with the platform. */
  start?(): Promise<void>;
  /** Stops taking updates; in-flight sends may finish. */
  stop?(): Promise<void>;
  /**
   * Sends the reply for a message. Throws when it could not be sent; a ChannelError with isRetryable
   * tells the flow to try again later.
   */
  deliver(message: IncomingMessage, reply: Reply): Promise<void>;
}

/** Where channels hand their messages: the message flow stores each one and later calls the channel's `deliver`. */
export interface MessageIntake {
  /**
   * Stores a message for answering; resolves once it is stored, which is when the platform may be told
   * "received". A delivery already answered is reported as a duplicate and not stored again.
   */
  accept(message: IncomingMessage): Promise<'queued' | 'duplicate'>;
}
