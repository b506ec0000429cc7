import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import type { BotMetrics } from '../../observability/metrics.ts';
import type { MessageQueue } from '../../state/queue/port.ts';
import type { RedisConnection } from '../../state/redis-connection.ts';

export interface HealthRouteDependencies {
  library: Pick<KnowledgeLibrary, 'current'>;
  /** Figures that never wait on Redis (LastKnownQueueStats): `ageMs` says how old they are. */
  queue: Pick<MessageQueue, 'stats'>;
  redis: Pick<RedisConnection, 'isReady' | 'ping'> | null;
  metrics: BotMetrics;
  isReady: () => boolean;
}

const AGE_GAUGE = 'hoidap_queue_stats_age_seconds';

/**
 * `GET /healthz` and `GET /metrics` (Prometheus text).
 *
 * /healthz says whether this process should get traffic: 503 while starting and while stopping (SIGTERM: the
 * server keeps answering, with 503, while the messages waiting in this process are answered), 200 otherwise.
 * A Redis that is down or does not answer a PING within the command deadline gives 200 with
 * `"status":"degraded","redis":"down"`, not 503: every process shares the one Redis, so a 503 would take all of
 * them out of the load balancer (or have them restarted) at once, while each can still answer from memory and
 * keeps what it acknowledges in its journal. Alert on `"redis":"down"` or `hoidap_redis_up`, not on the status.
 *
 * /metrics never waits on Redis: the queue figures are the last known ones when Redis does not answer in a
 * tenth of a second, and `hoidap_queue_stats_age_seconds` says how old they are (0 when fresh).
 */
export function registerHealthRoutes(
  server: FastifyInstance,
  { library, queue, redis, metrics, isReady }: HealthRouteDependencies,
): void {
  const queueStatsAge = queueStatsAgeGauge(metrics);
  // Ready is set once after start and cleared once at SIGTERM: not ready after having been ready is stopping.
  let wasReady = false;

  server.get('/healthz', async (_, reply) => {
    const ready = isReady();
    wasReady ||= ready;
    const redisState = redis ? ((await redis.ping()) ? 'up' : 'down') : 'not configured';
    const status = !ready ? (wasReady ? 'stopping' : 'starting') : redisState === 'down' ? 'degraded' : 'ok';
    const body = { status, documents: library.current().documents.length, redis: redisState };
    return reply.status(ready ? 200 : 503).send(body);
  });

  server.get('/metrics', async (_, reply) => {
    try {
      const stats = await queue.stats();
      metrics.queueWaiting.set(stats.waiting);
      metrics.queueActive.set(stats.active);
      queueStatsAge.set((stats.ageMs ?? 0) / 1000);
    } catch {
      // A queue handed in without LastKnownQueueStats (tests): the other metrics still matter.
    }
    if (redis) metrics.redisUp.set(redis.isReady() ? 1 : 0);
    metrics.documents.set(library.current().documents.length);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

/** Registered on the bot's own registry once, whichever server registers these routes first. */
function queueStatsAgeGauge(metrics: BotMetrics): Gauge {
  const existing = metrics.registry.getSingleMetric(AGE_GAUGE);
  if (existing instanceof Gauge) return existing;
  return new Gauge({
    name: AGE_GAUGE,
    help: 'Age of the queue figures: 0 when just read, more while Redis does not answer (last known figures)',
    registers: [metrics.registry],
  });
}
