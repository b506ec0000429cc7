import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config.ts';
import type { KnowledgeFiles } from '../library/knowledge-files.ts';
import type { KnowledgeLibrary } from '../library/knowledge-library.ts';
import type { BotMetrics } from '../observability/metrics.ts';
import type { MessageFlow } from '../pipeline/message-flow.ts';
import type { Channel } from '../ports/channel.ts';
import type { QuestionLog } from '../state/question-log/port.ts';
import type { MessageQueue } from '../state/queue/port.ts';
import type { RedisConnection } from '../state/redis-connection.ts';
import { registerAdminRoutes } from './routes/admin-routes.ts';
import { registerChatRoutes, type WebChatAccess } from './routes/chat-routes.ts';
import { registerDocumentRoutes } from './routes/document-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';

/** Bodies above this are refused with 413: questions are short, and webhooks carry one update each. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** What the routes use; `serverDependencies(app)` picks them from the app. */
export interface ServerDependencies {
  logger: Logger;
  library: KnowledgeLibrary;
  flow: Pick<MessageFlow, 'answerNow'>;
  queue: Pick<MessageQueue, 'stats'>;
  questionLog: QuestionLog;
  /** Null without REDIS_URL. */
  redis: Pick<RedisConnection, 'isReady' | 'ping'> | null;
  metrics: BotMetrics;
  /** Null: no /admin. */
  adminToken: string | null;
  /** Where /admin writes uploads, corrections and removals: the knowledge folder every process watches. */
  knowledgeFiles: KnowledgeFiles;
  /** Largest file /admin accepts (UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
  /** PUBLIC_URL: admin forms posted from its origin count as this site's own, even when a proxy rewrites Host. */
  publicUrl: string | null;
  /** TRUST_PROXY: whose X-Forwarded-For and -Proto name the client; by default nobody's, the socket does. */
  trustProxy: TrustProxy;
  /** Who is asking on the web chat (session cookie or API key) and how often one address may ask. */
  webChat: WebChatAccess;
}

export interface ServerOptions extends ServerDependencies {
  channels: readonly Channel[];
  /** Reports whether the bot is ready to answer (knowledge loaded, channels started): /healthz says so. */
  isReady: () => boolean;
}

/**
 * The bot's HTTP server: web chat, JSON API, documents, health and metrics, the admin view, and every
 * channel's webhook. Built without listening, so tests drive it through `inject()`.
 */
export function createServer(options: ServerOptions): FastifyInstance {
  const { logger, library, flow, queue, questionLog, redis, metrics, adminToken, channels, isReady } = options;
  const { knowledgeFiles, uploadMaxBytes, publicUrl, webChat } = options;
  const server = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // The top-level disableRequestLogging is deprecated (FSTDEP023, a warning at every start).
    logController: new LogController({ disableRequestLogging: true }),
    // Anyone can send X-Forwarded-For: believed only from the proxies TRUST_PROXY names.
    trustProxy: options.trustProxy,
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
  // No response is to be sniffed into another type (a document's text served as HTML, JSON as script).
  server.addHook('onSend', async (_, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  server.setNotFoundHandler((_, reply) => {
    void reply.status(404).type('application/json').send({ error: 'not found' });
  });

  registerHealthRoutes(server, { library, queue, redis, metrics, isReady });
  registerChatRoutes(server, { flow, access: webChat, metrics, logger, publicUrl });
  registerDocumentRoutes(server, { library });
  if (adminToken) {
    registerAdminRoutes(server, {
      library,
      files: knowledgeFiles,
      questionLog,
      token: adminToken,
      uploadMaxBytes,
      trustedHosts: publicUrl ? [new URL(publicUrl).host] : [],
    });
  }
  for (const channel of channels) channel.registerRoutes?.(server);
  return server;
}
