import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one bot process, on a registry of its own (never the global one), so tests and
 * several apps in one process do not share counters.
 */
export interface BotMetrics {
  readonly registry: Registry;
  /** Messages by channel and outcome (answered, unknown-province, duplicate, rate-limited, failed…). */
  messages: Counter<'channel' | 'outcome'>;
  /** Seconds from receiving a message to its reply being handed to the platform. */
  answerSeconds: Histogram<'channel'>;
  /** Answers by whether they rest on documents. */
  answers: Counter<'grounded'>;
  documents: Gauge;
  /** 1 when the Redis connection is ready, 0 when not, absent without Redis. */
  redisUp: Gauge;
  queueWaiting: Gauge;
  queueActive: Gauge;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): BotMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    messages: new Counter({
      name: 'hoidap_messages_total',
      help: 'Messages by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    answerSeconds: new Histogram({
      name: 'hoidap_answer_seconds',
      help: 'Time from receiving a message to handing its reply to the platform',
      labelNames: ['channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    answers: new Counter({
      name: 'hoidap_answers_total',
      help: 'Answers by whether they are grounded in documents',
      labelNames: ['grounded'],
      registers: [registry],
    }),
    documents: new Gauge({ name: 'hoidap_documents', help: 'Documents loaded', registers: [registry] }),
    redisUp: new Gauge({
      name: 'hoidap_redis_up',
      help: '1 when the Redis connection is ready',
      registers: [registry],
    }),
    queueWaiting: new Gauge({
      name: 'hoidap_queue_waiting',
      help: 'Messages waiting in the queue',
      registers: [registry],
    }),
    queueActive: new Gauge({
      name: 'hoidap_queue_active',
      help: 'Messages being processed by this process',
      registers: [registry],
    }),
  };
}
