import type { Logger } from 'pino';
import { createOutageReporter, type OutageReporter } from '../observability/outage-reporter.ts';

/**
 * Runs a store call that must never stop an answer: when it fails, `fallback` stands in for its result and
 * the logs say so once per outage of the store named `what`.
 */
export type FailOpen = <T>(what: string, fallback: T, action: () => Promise<T>) => Promise<T>;

export function createFailOpen(logger: Logger): FailOpen {
  const outages = new Map<string, OutageReporter>();

  return async function failOpen<T>(what: string, fallback: T, action: () => Promise<T>): Promise<T> {
    let outage = outages.get(what);
    if (!outage) {
      outage = createOutageReporter(logger, what);
      outages.set(what, outage);
    }
    try {
      const result = await action();
      outage.succeeded();
      return result;
    } catch (error) {
      outage.failed(error);
      return fallback;
    }
  };
}
