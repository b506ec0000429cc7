import { pino } from 'pino';
import { createApp, serverDependencies } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Channel, replyText } from '../../src/ports/channel.ts';
import { ChannelError } from '../../src/ports/channel-error.ts';
import { createServer } from '../../src/server/create-server.ts';

/**
 * A bot process for the crash test: the real app, queue and server, with a fake channel (our own port)
 * whose webhook takes `{id, user, text}` and whose replies are POSTed to PLATFORM_URL, standing in for a
 * messaging platform. Prints `READY <port>` once it serves.
 */
const platform = process.env.PLATFORM_URL!;
const config = loadConfig(process.env);
const logger = pino({ level: process.env.WORKER_LOG_LEVEL ?? 'silent' }, pino.destination(2));
const app = await createApp({ config, logger });

const channel: Channel = {
  name: 'cli',
  registerRoutes(server) {
    server.post<{ Body: { id: string; user: string; text: string } }>('/webhooks/fake', async (request, reply) => {
      const { id, user, text } = request.body;
      await app.flow.accept({
        channel: 'cli',
        kind: 'text',
        messageId: id,
        userId: user,
        chatId: user,
        text,
        receivedAt: Date.now(),
      });
      return reply.send({ ok: true });
    });
  },
  async deliver(message, reply) {
    const text = replyText(reply);
    const response = await fetch(`${platform}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: message.messageId, text }),
    }).catch((error: unknown) => {
      throw new ChannelError('platform unreachable', { channel: 'cli', isRetryable: true, cause: error });
    });
    if (!response.ok) throw new ChannelError(`platform said ${response.status}`, { channel: 'cli', isRetryable: true });
  },
};

app.flow.register(channel);
const server = createServer({ ...serverDependencies(app), channels: [channel], isReady: () => true });
await server.listen({ host: '127.0.0.1', port: 0 });
app.flow.start();
process.stdout.write(`READY ${(server.server.address() as { port: number }).port}\n`);
process.once('SIGTERM', async () => {
  await server.close();
  await app.close();
  process.exit(0);
});
