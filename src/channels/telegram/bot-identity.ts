import type { Telegraf } from 'telegraf';
import { toChannelError } from './send-error.ts';
import type { BotIdentity } from './telegram-update.ts';

/**
 * Who the bot is (getMe), asked once and shared by every caller; a failure is forgotten so that the next
 * caller asks again. Also sets `bot.botInfo`, as telegraf's own launch() would.
 */
export function botIdentityLoader(bot: Telegraf, token: string): () => Promise<BotIdentity> {
  let identity: Promise<BotIdentity> | null = null;
  return () => {
    identity ??= bot.telegram.getMe().then(
      (me) => {
        bot.botInfo = me;
        return { id: me.id, username: me.username };
      },
      (error: unknown) => {
        identity = null;
        throw toChannelError(error, token, 'getMe');
      },
    );
    return identity;
  };
}
