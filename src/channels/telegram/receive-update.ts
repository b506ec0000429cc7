import type { Logger } from 'pino';
import type { MessageIntake } from '../../ports/channel.ts';
import { type MappedUpdate, mapUpdate } from './map-update.ts';
import type { BotIdentity, TelegramUpdate } from './telegram-update.ts';

export interface UpdateReceiverOptions {
  flow: MessageIntake;
  identity: () => Promise<BotIdentity>;
  /** Telegram user ids allowed to use /reload and /stats. */
  adminIds: readonly string[];
  logger: Logger;
  now: () => number;
}

function mapOrSkip(update: TelegramUpdate, me: BotIdentity, options: UpdateReceiverOptions): MappedUpdate {
  try {
    return mapUpdate(update, { bot: me, adminIds: options.adminIds, receivedAt: options.now() });
  } catch (error) {
    // A bug on one odd update must not make Telegram (or the poller) send it again forever.
    options.logger.error(
      { err: error, messageId: String(update.update_id) },
      'could not map a telegram update; skipping it',
    );
    return { kind: 'ignored', reason: 'mapping failed' };
  }
}

/**
 * What the webhook route and the poller do with an update: map it and store the message in the flow.
 * Resolves once it is stored (or ignored); throws when the flow could not store it, so it comes again.
 */
export function updateReceiver(options: UpdateReceiverOptions): (update: TelegramUpdate) => Promise<void> {
  const { flow, identity, logger } = options;
  return async (update) => {
    const mapped = mapOrSkip(update, await identity(), options);
    if (mapped.kind === 'ignored') {
      logger.debug({ messageId: String(update.update_id), reason: mapped.reason }, 'telegram update ignored');
      return;
    }
    const { message } = mapped;
    const log = logger.child({ user: message.userId, messageId: message.messageId });
    const result = await flow.accept(message);
    log.debug({ kind: message.kind, result }, 'telegram update accepted');
  };
}
