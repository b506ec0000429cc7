import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { App } from '../app.ts';
import type { Channel } from '../channels/channel.ts';
import { registerAdminRoutes } from './routes/admin-routes.ts';
import { registerChatRoutes } from './routes/chat-routes.ts';
import { registerDocumentRoutes } from './routes/document-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';

/** Bodies above this are refused with 413: questions are short, and webhooks carry one update each. */
export const BODY_LIMIT_BYTES = 256 * 1024;

export interface ServerOptions {
  app: App;
  channels: readonly Channel[];
  /** Reports whether the bot is ready to answer (knowledge loaded, channels started): /healthz says so. */
  isReady: () => boolean;
}

/**
 * The bot's HTTP server: web chat, JSON API, documents, health and metrics, the admin view, and every
 * channel's webhook. Built without listening, so tests drive it through `inject()`.
 */
export function createServer({ app, channels, isReady }: ServerOptions): FastifyInstance {
  const server = Fastify({
    loggerInstance: app.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    disableRequestLogging: true,
    trustProxy: true,
  });

  // One JSON shape for every error; a handler never throws raw at a client.
  server.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    const message =
      status === 413
        ? 'request body too large'
        : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'malformed JSON'
          : status >= 500
            ? 'internal error'
            : error.message;
    void reply.status(status).type('application/json').send({ error: message });
  });
  server.setNotFoundHandler((_, reply) => {
    void reply.status(404).type('application/json').send({ error: 'not found' });
  });

  registerHealthRoutes(server, { app, isReady });
  registerChatRoutes(server, { app });
  registerDocumentRoutes(server, { app });
  if (app.config.adminToken) registerAdminRoutes(server, { app, token: app.config.adminToken });
  for (const channel of channels) channel.registerRoutes?.(server);
  return server;
}
