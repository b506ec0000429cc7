import type { FastifyInstance } from 'fastify';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import type { BotMetrics } from '../../observability/metrics.ts';
import type { MessageQueue } from '../../state/queue/port.ts';
import type { RedisConnection } from '../../state/redis-connection.ts';

export interface HealthRouteDependencies {
  library: Pick<KnowledgeLibrary, 'current'>;
  queue: Pick<MessageQueue, 'stats'>;
  redis: Pick<RedisConnection, 'isReady'> | null;
  metrics: BotMetrics;
  isReady: () => boolean;
}

/** `GET /healthz` (200 once ready, 503 before) and `GET /metrics` (Prometheus text). */
export function registerHealthRoutes(
  server: FastifyInstance,
  { library, queue, redis, metrics, isReady }: HealthRouteDependencies,
): void {
  server.get('/healthz', async (_, reply) => {
    const ready = isReady();
    const body = {
      status: ready ? 'ok' : 'starting',
      documents: library.current().documents.length,
      redis: redis ? (redis.isReady() ? 'up' : 'down') : 'not configured',
    };
    return reply.status(ready ? 200 : 503).send(body);
  });

  server.get('/metrics', async (_, reply) => {
    try {
      const stats = await queue.stats();
      metrics.queueWaiting.set(stats.waiting);
      metrics.queueActive.set(stats.active);
    } catch {
      // Queue state unknown while Redis is away; the other metrics still matter.
    }
    if (redis) metrics.redisUp.set(redis.isReady() ? 1 : 0);
    metrics.documents.set(library.current().documents.length);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
