/** An entry of an in-memory store that lives until `expiresAt` (Unix milliseconds on the store's clock). */
export interface Expiring {
  expiresAt: number;
}

/**
 * The entry under `key` while it lives, as Redis would return it; an expired entry is deleted as it is found,
 * so the memory stores need no timer to forget.
 */
export function liveEntry<K, V extends Expiring>(entries: Map<K, V>, key: K, now: number): V | undefined {
  const entry = entries.get(key);
  if (entry && entry.expiresAt <= now) {
    entries.delete(key);
    return undefined;
  }
  return entry;
}
