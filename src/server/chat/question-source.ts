import { AsyncLocalStorage } from 'node:async_hooks';
import type { QuestionLog } from '../../state/question-log/port.ts';

const askedFrom = new AsyncLocalStorage<string>();

/**
 * Runs `answer` with `source` (a web client's address) as where its question came from, for the question
 * log's per-source cap. The message flow records the question deep inside `answerNow` and carries no
 * client address, so the route hands it down this way rather than through every layer in between.
 */
export function answeringFor<T>(source: string, answer: () => Promise<T>): Promise<T> {
  return askedFrom.run(source, answer);
}

/** The question log the message flow records into, with the source of a web question filled in. */
export function attributeQuestionSources(log: QuestionLog): QuestionLog {
  return {
    record(question) {
      const source = question.source ?? askedFrom.getStore();
      return log.record(source ? { ...question, source } : question);
    },
    stats: (day) => log.stats(day),
    unanswered: (limit) => log.unanswered(limit),
  };
}
