import { createHash } from 'node:crypto';

/** What an `Authorization` header says about the caller of `POST /v1/chat`. */
export type KeyCheck =
  | { kind: 'none' }
  /** `keyId` names the key in conversation keys and logs without revealing it. */
  | { kind: 'key'; keyId: string }
  | { kind: 'invalid' };

function fingerprint(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The integrators' keys (CHAT_API_KEYS). Keys are compared by their SHA-256, so the lookup's timing says
 * nothing about a key; a key's id is the start of that hash, stable when the list is reordered or grows.
 */
export class ApiKeys {
  private readonly ids = new Map<string, string>();

  constructor(keys: readonly string[]) {
    for (const key of keys) {
      const hash = fingerprint(key);
      this.ids.set(hash, hash.slice(0, 12));
    }
  }

  /** Only `Bearer` counts: a browser's saved Basic credentials for /admin are none of this route's business. */
  check(authorization: string | undefined): KeyCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { kind: 'none' };
    const keyId = this.ids.get(fingerprint(match[1]!));
    return keyId ? { kind: 'key', keyId } : { kind: 'invalid' };
  }
}
