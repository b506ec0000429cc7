import type { Answer } from '../answer/answer.ts';
import type { Audience } from '../answer/answer-writer.ts';
import type { BotMetrics } from '../observability/metrics.ts';
import type { Reply } from '../ports/channel.ts';
import type { ChannelName, IncomingMessage } from '../ports/incoming-message.ts';
import type { QuestionLog } from '../state/question-log/port.ts';
import type { Assistant } from './assistant.ts';
import type { FailOpen } from './fail-open.ts';
import { NON_TEXT_TEXT } from './notices.ts';

/** What the assistant asks when someone starts or follows the bot: the greeting with example questions. */
const START_QUESTION = '/start';

/** A reply, and the answer it carries when it is one (a notice carries none). */
export interface PreparedReply {
  reply: Reply;
  answer: Answer | null;
}

/** The part shared by queued and immediate messages: ask the assistant, then log the question. */
export interface MessageAnswering {
  /** Rejects when the assistant does; the caller decides what the user hears then. */
  replyFor(message: IncomingMessage): Promise<PreparedReply>;
  /** Counts the answer and logs the question for the admins; a question log that is down is skipped. */
  record(message: IncomingMessage, answer: Answer): Promise<void>;
}

export interface MessageAnsweringDependencies {
  assistant: Assistant;
  questionLog: QuestionLog;
  metrics: BotMetrics;
  failOpen: FailOpen;
  now: () => number;
}

/** Officials use Telegram and want fuller answers; citizens on Zalo and the web want the figure first. */
function audienceOf(channel: ChannelName): Audience {
  return channel === 'telegram' ? 'official' : 'citizen';
}

export function createMessageAnswering({
  assistant,
  questionLog,
  metrics,
  failOpen,
  now,
}: MessageAnsweringDependencies): MessageAnswering {
  return {
    async replyFor(message) {
      if (message.kind === 'non-text') return { reply: { kind: 'notice', text: NON_TEXT_TEXT }, answer: null };
      const text = message.kind === 'start' ? START_QUESTION : message.text;
      const answer = await assistant.ask({
        channel: message.channel,
        user: message.userId,
        text,
        audience: audienceOf(message.channel),
      });
      return { reply: { kind: 'answer', answer }, answer };
    },

    async record(message, answer) {
      metrics.answers.inc({ grounded: String(answer.grounded) });
      await failOpen('question log', undefined, () =>
        questionLog.record({
          channel: message.channel,
          text: message.text,
          outcome: answer.outcome,
          grounded: answer.grounded,
          at: now(),
        }),
      );
    },
  };
}
