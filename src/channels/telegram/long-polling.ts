import type { Logger } from 'pino';
import { type Telegram, TelegramError } from 'telegraf';
import { sleep } from '../../util/sleep.ts';
import { asShimSignal } from './call-deadline.ts';
import { redactToken } from './send-error.ts';
import { type TelegramUpdate, telegramUpdateSchema } from './telegram-update.ts';

/** The update kinds the bot asks Telegram for. */
export type AllowedUpdate = 'message';

export interface LongPollingOptions {
  telegram: Telegram;
  token: string;
  /** Stores an update for answering; throws when it could not (the update is then fetched again). */
  onUpdate: (update: TelegramUpdate) => Promise<void>;
  logger: Logger;
  allowedUpdates: readonly AllowedUpdate[];
  /** How long Telegram holds a getUpdates call open when nothing arrives. */
  timeoutSeconds: number;
  /** Wait after the n-th failure in a row. */
  backoffMs: (failures: number) => number;
}

/** An update that cannot be stored after this many tries is skipped (and logged) rather than block the rest. */
const MAX_ATTEMPTS_PER_UPDATE = 10;
/** The wait after a 429 that names no `retry_after`. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;
/** How much longer than its long-poll timeout a getUpdates call may take before it counts as hung. */
const POLL_MARGIN_MS = 10_000;
/** The offset is confirmed on the way out, best effort: a stop never waits longer than this for it. */
const CONFIRM_TIMEOUT_MS = 2000;

/**
 * Our own getUpdates loop rather than telegraf's launch(), so each update goes to the message flow and the
 * offset moves past an update only once the flow has stored it. Telegram allows one poller per token:
 * a second one gets 409 Conflict, which is logged as such and retried with backoff.
 */
export class LongPolling {
  private readonly abort = new AbortController();
  private offset = 0;
  /** Failed attempts to store the update at the offset, so one bad update cannot stop the bot for good. */
  private stuck = 0;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: LongPollingOptions) {}

  start(): void {
    if (this.loop) return;
    this.loop = this.run().catch((error: unknown) => {
      this.options.logger.fatal({ err: error }, 'telegram long polling stopped unexpectedly');
    });
  }

  /**
   * Ends the in-flight getUpdates at once, then confirms the last offset (for at most 2 s) so handled updates
   * are not sent again; one that is sent again all the same is recognised by the delivery ledger.
   */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    const signal = this.abort.signal;
    let failures = 0;
    logger.info({ timeoutSeconds: this.options.timeoutSeconds }, 'telegram long polling started');
    const pollDeadlineMs = this.options.timeoutSeconds * 1000 + POLL_MARGIN_MS;
    while (!signal.aborted) {
      let updates: readonly unknown[];
      try {
        updates = await this.options.telegram.callApi(
          'getUpdates',
          { offset: this.offset, timeout: this.options.timeoutSeconds, allowed_updates: this.options.allowedUpdates },
          // Stopped, or hung past its own timeout: a Bot API that went quiet must not hold the loop for ever.
          { signal: asShimSignal(AbortSignal.any([signal, AbortSignal.timeout(pollDeadlineMs)])) },
        );
      } catch (error) {
        if (signal.aborted) break;
        failures++;
        await sleep(this.failureDelay(error, failures), signal);
        continue;
      }
      failures = 0;
      await this.storeAll(updates, signal);
    }
    await this.confirmOffset();
    logger.info('telegram long polling stopped');
  }

  /** Stores a batch in order, moving the offset past each update done with; stops at one to fetch again. */
  private async storeAll(updates: readonly unknown[], signal: AbortSignal): Promise<void> {
    for (const raw of updates) {
      if (signal.aborted) return;
      const parsed = telegramUpdateSchema.safeParse(raw);
      if (!parsed.success) {
        this.options.logger.warn('telegram getUpdates returned something that is not an update; skipping it');
        continue;
      }
      const update = parsed.data;
      if (!(await this.store(update, signal))) return;
      this.offset = update.update_id + 1;
    }
  }

  /** True when the poller is done with the update (stored, or given up on); false to fetch it again. */
  private async store(update: TelegramUpdate, signal: AbortSignal): Promise<boolean> {
    const { logger } = this.options;
    try {
      await this.options.onUpdate(update);
      this.stuck = 0;
      return true;
    } catch (error) {
      if (++this.stuck < MAX_ATTEMPTS_PER_UPDATE) {
        // The offset stays on this update: Telegram hands it back on the next call.
        const afterMs = this.options.backoffMs(this.stuck);
        logger.error(
          { err: error, updateId: update.update_id, afterMs },
          'could not store a telegram update; fetching it again',
        );
        await sleep(afterMs, signal);
        return false;
      }
      logger.error(
        { err: error, updateId: update.update_id },
        'giving up on a telegram update that keeps failing; skipping it',
      );
      this.stuck = 0;
      return true;
    }
  }

  private failureDelay(error: unknown, failures: number): number {
    const { logger, token } = this.options;
    const backoff = this.options.backoffMs(failures);
    if (error instanceof TelegramError) {
      const description = redactToken(error.description ?? '', token);
      if (error.code === 409) {
        logger.error(
          { code: 409, description, afterMs: backoff },
          'telegram getUpdates conflict: another poller is running with this token, or a webhook is set. ' +
            'Only one poller may run; use webhook mode (TELEGRAM_WEBHOOK_URL) for several replicas',
        );
        return backoff;
      }
      if (error.code === 429) {
        const afterMs = (error.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS) * 1000;
        logger.warn({ code: 429, afterMs }, 'telegram getUpdates rate limited');
        return afterMs;
      }
      if (error.code === 401 || error.code === 404) {
        logger.error(
          { code: error.code, description, afterMs: backoff },
          'telegram rejected the bot token (check TELEGRAM_BOT_TOKEN)',
        );
        return backoff;
      }
      logger.warn({ code: error.code, description, afterMs: backoff }, 'telegram getUpdates failed; retrying');
      return backoff;
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ error: redactToken(message, token), afterMs: backoff }, 'telegram getUpdates failed; retrying');
    return backoff;
  }

  private async confirmOffset(): Promise<void> {
    if (this.offset === 0) return;
    try {
      // Telegram forgets updates below the offset of the next call: tell it now, not at the next start.
      await this.options.telegram.callApi(
        'getUpdates',
        { offset: this.offset, limit: 1, timeout: 0 },
        { signal: asShimSignal(AbortSignal.timeout(CONFIRM_TIMEOUT_MS)) },
      );
    } catch (error) {
      this.options.logger.debug(
        { error: redactToken(String(error), this.options.token) },
        'could not confirm the polling offset',
      );
    }
  }
}
