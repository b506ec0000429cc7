import type { createClient } from 'redis';

/** The node-redis client every Redis store is handed (with deadlines applied by the connection). */
export type RedisClient = ReturnType<typeof createClient>;
