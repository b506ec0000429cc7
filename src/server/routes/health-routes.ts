import type { FastifyInstance } from 'fastify';
import type { App } from '../../app.ts';

/** `GET /healthz` (200 once ready, 503 before) and `GET /metrics` (Prometheus text). */
export function registerHealthRoutes(server: FastifyInstance, { app, isReady }: { app: App; isReady: () => boolean }): void {
  server.get('/healthz', async (_, reply) => {
    const ready = isReady();
    const body = {
      status: ready ? 'ok' : 'starting',
      documents: app.library.current().documents.length,
      redis: app.redis ? (app.redis.isReady() ? 'up' : 'down') : 'not configured',
    };
    return reply.status(ready ? 200 : 503).send(body);
  });

  server.get('/metrics', async (_, reply) => {
    const { metrics, stores } = app;
    try {
      const queue = await stores.queue.stats();
      metrics.queueWaiting.set(queue.waiting);
      metrics.queueActive.set(queue.active);
    } catch {
      // Queue state unknown while Redis is away; the other metrics still matter.
    }
    if (app.redis) metrics.redisUp.set(app.redis.isReady() ? 1 : 0);
    metrics.documents.set(app.library.current().documents.length);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
