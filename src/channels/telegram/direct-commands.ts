import type { Logger } from 'pino';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import { type QuestionLog, vietnamDay } from '../../state/question-log/port.ts';
import {
  RELOAD_FAILED_TEXT,
  reloadText,
  STATS_FAILED_TEXT,
  statsText,
  UNKNOWN_COMMAND_TEXT,
} from './command-replies.ts';

export interface DirectCommandDependencies {
  /** For /reload (re-read the folder) and /stats (documents loaded). */
  library: Pick<KnowledgeLibrary, 'current' | 'reload'>;
  /** For /stats (questions and unanswered today). */
  questionLog: Pick<QuestionLog, 'stats'>;
  now: () => number;
}

async function statsReply({ library, questionLog, now }: DirectCommandDependencies, log: Logger): Promise<string> {
  try {
    const stats = await questionLog.stats(vietnamDay(now()));
    return statsText(stats, library.current().documents.length);
  } catch (error) {
    log.error({ err: error }, '/stats failed');
    return STATS_FAILED_TEXT;
  }
}

async function reloadReply({ library }: DirectCommandDependencies, log: Logger): Promise<string> {
  try {
    const { documents, reports } = await library.reload();
    log.info({ documents }, 'knowledge reloaded from telegram /reload');
    return reloadText(documents, reports);
  } catch (error) {
    log.error({ err: error }, '/reload failed');
    return RELOAD_FAILED_TEXT;
  }
}

/**
 * The text the channel sends itself for a direct command (see map-update.ts): /stats and /reload for admins,
 * a list of the commands for anything else. A failure is logged and told to the admin, never thrown.
 */
export function directCommandReply(command: string, deps: DirectCommandDependencies, log: Logger): Promise<string> {
  if (command === 'stats') return statsReply(deps, log);
  if (command === 'reload') return reloadReply(deps, log);
  return Promise.resolve(UNKNOWN_COMMAND_TEXT);
}
