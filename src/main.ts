import type { Logger } from 'pino';
import { channelDependencies, createApp, serverDependencies } from './app.ts';
import { buildChannels } from './channels/build-channels.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { watchKnowledge } from './library/knowledge-watcher.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { createServer } from './server/create-server.ts';
import { type OpenedJournal, QueueJournal } from './state/queue/queue-journal.ts';

/**
 * `npm start`: the HTTP server (web chat, API, admin, webhooks) and every channel whose settings are
 * present. With no settings at all: the web chat on http://127.0.0.1:3000 with the bundled knowledge.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  keepServingOnStrayErrors(logger);

  const journal = openJournal(config, logger);
  const app = await createApp({ config, logger, metrics: createMetrics({ defaultMetrics: true }), journal });
  const channels = buildChannels(channelDependencies(app));
  for (const channel of channels) app.flow.register(channel);
  let ready = false;
  const server = createServer({ ...serverDependencies(app), channels, isReady: () => ready });
  await server.listen({ host: config.host, port: config.port });
  app.flow.start();
  for (const channel of channels) {
    // A platform that is down at start must not keep the others (or the web chat) from serving.
    await channel
      .start?.()
      .catch((error: unknown) => logger.error({ err: error, channel: channel.name }, 'channel failed to start'));
  }
  const watcher = config.watchKnowledge ? watchKnowledge(app.library, config.knowledgeDir, logger) : null;
  ready = true;
  logger.info(
    {
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
      channels: channels.map((c) => c.name),
    },
    'hoidap-cntt is ready',
  );

  let stopping = false;
  /**
   * SIGTERM (a deploy): /healthz turns 503 so the load balancer stops sending, but the server keeps answering
   * (webhooks included) while the messages waiting in this process are answered, for at most
   * SHUTDOWN_DRAIN_MS; what is still waiting then stays in the journal (or in Redis) for the next start.
   * Only then does the server close. A hard deadline ends the process whatever hangs.
   */
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ready = false;
    logger.info({ signal, drainMs: config.shutdownDrainMs }, 'stopping: answering the messages waiting here first');
    setTimeout(() => {
      logger.warn('stopping took too long; exiting with what is left kept for the next start');
      process.exit(1);
    }, config.shutdownDrainMs + STOP_GRACE_MS).unref();
    await Promise.allSettled(channels.map((channel) => channel.stop?.()));
    await app.flow.drain(config.shutdownDrainMs);
    await server.close();
    await app.close();
    journal.journal?.close();
    await watcher?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** The memory queue's journal in DATA_DIR: an unwritable folder stops the start, naming the variable. */
function openJournal(config: Readonly<Config>, logger: Logger): OpenedJournal {
  try {
    return QueueJournal.open(config.dataDir, logger);
  } catch (error) {
    throw new ConfigError(`DATA_DIR: cannot write the queue journal in ${config.dataDir}: ${(error as Error).message}`);
  }
}

/** Past the drain, how long closing connections may take before the process exits anyway. */
const STOP_GRACE_MS = 5000;

/** An error nobody caught is logged with its context; the process keeps serving the other users. */
function keepServingOnStrayErrors(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));
}

/** Errors that explain themselves (a bad prompt file, a bad setting) are shown without a stack trace. */
const SELF_EXPLAINING = new Set(['PromptError', 'ConfigError']);

main().catch((error: unknown) => {
  const detail =
    error instanceof Error
      ? SELF_EXPLAINING.has(error.name)
        ? `${error.name}: ${error.message}`
        : error.stack
      : String(error);
  process.stderr.write(`failed to start: ${detail}\n`);
  process.exit(1);
});
