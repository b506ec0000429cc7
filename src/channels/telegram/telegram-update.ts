import { z } from 'zod';

/**
 * The parts of a Bot API update the channel reads, checked at the edge: a webhook body is untrusted
 * input. Unknown fields pass through untouched; what is not read is not checked.
 */

const user = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  username: z.string().optional(),
});

const chat = z.looseObject({
  id: z.number().int(),
  type: z.string(),
});

const entity = z.looseObject({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: user.optional(),
});

const messageFields = {
  message_id: z.number().int(),
  from: user.optional(),
  chat,
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entity).optional(),
  caption_entities: z.array(entity).optional(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
};

export const telegramMessageSchema = z.looseObject({
  ...messageFields,
  reply_to_message: z.looseObject(messageFields).optional(),
});

/** Enough to be an update at all: anything else about it is decided when it is mapped. */
export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
});

export type TelegramUser = z.infer<typeof user>;
export type TelegramEntity = z.infer<typeof entity>;
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;

/** What the channel knows of its own bot (from getMe): to see mentions and replies to it in groups. */
export interface BotIdentity {
  id: number;
  username: string;
}
