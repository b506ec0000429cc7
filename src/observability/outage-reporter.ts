import type { Logger } from 'pino';

/**
 * Logs a dependency going away once per outage rather than once per message: the first failure is a
 * warning, the following ones are debug lines, and the first success after them says it is back.
 */
export interface OutageReporter {
  failed(error: unknown): void;
  succeeded(): void;
}

export function createOutageReporter(logger: Logger, what: string): OutageReporter {
  let down = false;
  return {
    failed(error) {
      if (down) {
        logger.debug({ err: error }, `${what} still unavailable`);
        return;
      }
      down = true;
      logger.warn({ err: error }, `${what} unavailable; continuing without it`);
    },
    succeeded() {
      if (!down) return;
      down = false;
      logger.info(`${what} available again`);
    },
  };
}
