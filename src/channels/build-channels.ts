import type { App } from '../app.ts';
import type { Channel } from './channel.ts';

/** The channels whose settings are present. Each platform's adapter is created here and nowhere else. */
export function buildChannels(_app: App): Channel[] {
  const channels: Channel[] = [];
  return channels;
}
