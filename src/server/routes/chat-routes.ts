import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MessageFlow } from '../../pipeline/message-flow.ts';
import { chatPage } from '../web/chat-page.ts';

const USER_ERROR = 'field "user" must be a non-empty string';
const chatRequest = z.object({
  user: z.string({ error: USER_ERROR }).trim().min(1, USER_ERROR).max(128, 'field "user" is too long'),
  text: z
    .string({ error: 'field "text" must be a string' })
    .max(4000, 'field "text" is too long (at most 4000 characters)'),
});

/**
 * `GET /`: the web chat page. `POST /v1/chat` `{"user","text"}` → the same JSON as the CLI's `--jsonl`
 * lines: `{"user","answer","grounded","citations"}`.
 */
export function registerChatRoutes(server: FastifyInstance, { flow }: { flow: Pick<MessageFlow, 'answerNow'> }): void {
  server.get('/', async (_, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(chatPage()),
  );

  server.post('/v1/chat', async (request, reply) => {
    if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) {
      return reply.status(400).send({ error: 'expected a JSON object {"user","text"}' });
    }
    const parsed = chatRequest.safeParse(request.body);
    if (!parsed.success)
      return reply.status(400).send({ error: parsed.error.issues.map((issue) => issue.message).join('; ') });
    const { user, text } = parsed.data;
    const result = await flow.answerNow({
      channel: 'web',
      kind: 'text',
      messageId: randomUUID(),
      userId: user,
      chatId: user,
      text,
      receivedAt: Date.now(),
    });
    if (result.kind === 'notice') {
      return reply.status(429).send({ user, answer: result.text, grounded: false, citations: [] });
    }
    const { answer, grounded, citations } = result.answer;
    return reply.send({ user, answer, grounded, citations });
  });
}
