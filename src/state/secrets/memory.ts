import type { SecretStore } from './port.ts';

/** Secrets in this process only: a rotated token is lost on restart and not shared with other processes. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }
}
