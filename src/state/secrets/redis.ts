import { assertReady, type RedisClient } from '../redis-connection.ts';
import type { SecretStore } from './port.ts';

/** Named secrets in Redis (`{prefix}secret:{name}`), so a rotated token survives restarts and is shared. */
export class RedisSecretStore implements SecretStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async get(name: string): Promise<string | null> {
    assertReady(this.redis);
    return (await this.redis.get(`${this.prefix}secret:${name}`)) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    assertReady(this.redis);
    await this.redis.set(`${this.prefix}secret:${name}`, value);
  }
}
