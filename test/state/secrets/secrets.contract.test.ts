import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/state/secrets/memory.ts';
import type { SecretStore } from '../../../src/state/secrets/port.ts';
import { RedisSecretStore } from '../../../src/state/secrets/redis.ts';
import { useContractRedis } from '../redis-fixture.ts';

/** The behaviour every SecretStore must have; each `create` returns a fresh, empty store. */

const redis = useContractRedis();

const implementations: Array<[name: string, create: () => SecretStore]> = [
  ['MemorySecretStore', () => new MemorySecretStore()],
  ['RedisSecretStore', () => new RedisSecretStore(redis.client(), redis.prefix())],
];

describe.each(implementations)('%s (SecretStore contract)', (_name, create) => {
  it('stores, replaces and returns named values', async () => {
    const store = create();
    expect(await store.get('zalo-oa:refresh-token')).toBeNull();
    await store.set('zalo-oa:refresh-token', 'một');
    await store.set('zalo-oa:refresh-token', 'hai');
    expect(await store.get('zalo-oa:refresh-token')).toBe('hai');
  });
});
