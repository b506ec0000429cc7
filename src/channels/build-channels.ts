import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { KnowledgeLibrary } from '../library/knowledge-library.ts';
import type { Channel, MessageIntake } from '../ports/channel.ts';
import type { QuestionLog } from '../state/question-log/port.ts';
import type { SecretStore } from '../state/secrets/port.ts';
import { createTelegramChannel } from './telegram/telegram-channel.ts';
import { createZaloBotChannel } from './zalo-bot/zalo-bot-channel.ts';
import { createZaloOaChannel } from './zalo-oa/zalo-oa-channel.ts';

export interface ChannelDependencies {
  config: Readonly<Config>;
  flow: MessageIntake;
  library: KnowledgeLibrary;
  questionLog: QuestionLog;
  secrets: SecretStore;
  logger: Logger;
}

/** The channels whose settings are present. Each platform's adapter is created here and nowhere else. */
export function buildChannels({ config, flow, library, questionLog, secrets, logger }: ChannelDependencies): Channel[] {
  const channels: Channel[] = [];
  if (config.telegram) {
    channels.push(createTelegramChannel({ config: config.telegram, flow, library, questionLog, logger }));
  }
  if (config.zaloOa) {
    channels.push(
      createZaloOaChannel({ config: config.zaloOa, flow, secrets, logger, dedupeTtlMs: config.dedupeTtlMs }),
    );
  }
  if (config.zaloBot) channels.push(createZaloBotChannel({ config: config.zaloBot, flow, logger }));
  return channels;
}
