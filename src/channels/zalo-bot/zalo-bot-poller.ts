import type { Logger } from 'pino';
import { isRecord } from '../../util/is-record.ts';
import { sleep } from '../../util/sleep.ts';
import { ZaloBotApiError } from './zalo-bot-api-error.ts';
import type { ZaloBotClient } from './zalo-bot-client.ts';

export interface ZaloBotPollerOptions {
  client: Pick<ZaloBotClient, 'getUpdates'>;
  /** Stores one update for answering; throws when it cannot (the update is then offered again). */
  onUpdate: (update: unknown) => Promise<void>;
  logger: Logger;
  /** Long-poll timeout asked of getUpdates. */
  pollTimeoutSeconds: number;
  /** Wait after the n-th failure in a row. */
  backoffMs: (failures: number) => number;
}

/**
 * Long polling of getUpdates, one update per call. A 408 means the poll timed out empty and is not an
 * error; other failures wait with backoff. stop() aborts the call in flight, so it ends promptly.
 * Only one consumer may poll a bot: run one process in this mode, or use the webhook.
 */
export class ZaloBotPoller {
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: ZaloBotPollerOptions) {}

  start(): void {
    if (this.running) return;
    const controller = new AbortController();
    this.controller = controller;
    this.running = this.loop(controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
    this.controller = null;
    this.running = null;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const { client, logger, pollTimeoutSeconds, backoffMs } = this.options;
    logger.info('Zalo Bot long polling started');
    let failures = 0;
    while (!signal.aborted) {
      let result: unknown;
      try {
        result = await client.getUpdates(pollTimeoutSeconds, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ZaloBotApiError && error.isPollTimeout) {
          failures = 0;
          continue;
        }
        failures++;
        const afterMs = backoffMs(failures);
        logger.warn({ err: error, failures, afterMs }, 'Zalo Bot getUpdates failed; polling again after a pause');
        await sleep(afterMs, signal);
        continue;
      }
      // One update per call is documented; a list is taken too.
      const updates = Array.isArray(result) ? result : isRecord(result) ? [result] : [];
      for (const update of updates) await this.storeUntilDone(update, signal);
    }
    logger.info('Zalo Bot long polling stopped');
  }

  /** The update is already taken from Zalo: keep offering it until it is stored or polling stops. */
  private async storeUntilDone(update: unknown, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await this.options.onUpdate(update);
        return;
      } catch (error) {
        const afterMs = this.options.backoffMs(attempt);
        this.options.logger.error({ err: error, attempt, afterMs }, 'could not store a Zalo Bot update; trying again');
        await sleep(afterMs, signal);
      }
    }
    this.options.logger.error('polling stopped before a Zalo Bot update could be stored; it is lost');
  }
}
