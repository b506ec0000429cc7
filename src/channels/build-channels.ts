import type { App } from '../app.ts';
import type { Channel } from './channel.ts';
import { createTelegramChannel } from './telegram/telegram-channel.ts';
import { createZaloBotChannel } from './zalo-bot/zalo-bot-channel.ts';
import { createZaloOaChannel } from './zalo-oa/zalo-oa-channel.ts';

/** The channels whose settings are present. Each platform's adapter is created here and nowhere else. */
export function buildChannels(app: App): Channel[] {
  const { config, flow, library, stores, logger } = app;
  const channels: Channel[] = [];
  if (config.telegram) {
    channels.push(createTelegramChannel({ config: config.telegram, flow, library, questionLog: stores.questionLog, logger }));
  }
  if (config.zaloOa) {
    channels.push(createZaloOaChannel({ config: config.zaloOa, flow, secrets: stores.secrets, logger }));
  }
  if (config.zaloBot) channels.push(createZaloBotChannel({ config: config.zaloBot, flow, logger }));
  return channels;
}
