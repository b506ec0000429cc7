/**
 * A few named values that must survive a restart and be shared by every bot process, such as Zalo's
 * single-use refresh token. Values are secrets: never log them.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}
