import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { createOutageReporter, type OutageReporter } from '../../observability/outage-reporter.ts';
import type { SecretStore } from '../../state/secrets/port.ts';
import type { ZaloOaClient } from './zalo-oa-client.ts';
import { ZaloOaTokenError } from './zalo-oa-token-error.ts';

type ZaloOaConfig = NonNullable<Config['zaloOa']>;

/** Names in the SecretStore; the values are secrets. */
export const ZALO_OA_SECRET_NAMES = {
  accessToken: 'zalo-oa:access-token',
  refreshToken: 'zalo-oa:refresh-token',
  /** Unix milliseconds, as text. */
  expiresAt: 'zalo-oa:access-token-expires-at',
  /** Which configured token pair the stored chain grew from (a hash): new settings start a new chain. */
  seed: 'zalo-oa:token-seed',
} as const;

/** An access token with less than this left is refreshed before use. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

interface TokenState {
  accessToken: string;
  refreshToken: string | null;
  /** Null when unknown (the configured token): then only a refusal by the API triggers a refresh. */
  expiresAt: number | null;
}

export interface ZaloOaTokenManagerOptions {
  client: Pick<ZaloOaClient, 'refreshAccessToken'>;
  config: Pick<ZaloOaConfig, 'appId' | 'appSecret' | 'accessToken' | 'refreshToken'>;
  secrets: SecretStore;
  logger: Logger;
  now?: () => number;
}

/**
 * The OA access token: read from the SecretStore (shared by every bot process), else the configured one;
 * refreshed before it expires and when the API refuses it. Zalo's refresh token is single-use, so each new
 * one is stored at once and preferred over the configured one from then on. Concurrent refreshes in this
 * process collapse into one request; a refresh that loses the race with another process (its refresh token
 * already spent) picks up the tokens that process stored. Tokens are never logged.
 */
export class ZaloOaTokenManager {
  private readonly client: ZaloOaTokenManagerOptions['client'];
  private readonly config: ZaloOaTokenManagerOptions['config'];
  private readonly secrets: SecretStore;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly seed: string;
  /** Every send reads the store: while it is down, that is one warning per outage, not one per message. */
  private readonly storeOutage: OutageReporter;
  private inFlight: Promise<string> | null = null;
  /** The last pair this process obtained, for when the store cannot be read or lost a write. */
  private latest: TokenState | null = null;

  constructor(options: ZaloOaTokenManagerOptions) {
    this.client = options.client;
    this.config = options.config;
    this.secrets = options.secrets;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.storeOutage = createOutageReporter(options.logger, 'Zalo OA secret store');
    this.seed = createHash('sha256')
      .update(`${options.config.accessToken}\n${options.config.refreshToken ?? ''}`)
      .digest('hex')
      .slice(0, 16);
  }

  /** A token to send with, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const state = await this.read();
    if (!this.expiringSoon(state) || !this.canRefresh(state)) return state.accessToken;
    try {
      return await this.refresh();
    } catch (error) {
      // A token with a few minutes left still works: the next send tries the refresh again.
      if (state.expiresAt !== null && state.expiresAt > this.now()) return state.accessToken;
      throw error;
    }
  }

  /**
   * Gets a new access token. `rejected` is the token the API just refused: when the current token is
   * already another one (refreshed meanwhile, here or elsewhere), that one is returned without a request.
   */
  refresh(rejected?: string): Promise<string> {
    this.inFlight ??= this.refreshOnce(rejected).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private expiringSoon(state: TokenState): boolean {
    return state.expiresAt !== null && state.expiresAt - this.now() < REFRESH_MARGIN_MS;
  }

  private canRefresh(state: TokenState): boolean {
    return Boolean(this.config.appSecret && state.refreshToken);
  }

  private async refreshOnce(rejected: string | undefined): Promise<string> {
    const state = await this.read();
    if ((rejected === undefined || state.accessToken !== rejected) && !this.expiringSoon(state))
      return state.accessToken;
    const { appId, appSecret } = this.config;
    if (!appSecret || !state.refreshToken) {
      this.logger.error(
        'the Zalo OA access token needs refreshing, but ZALO_APP_SECRET or ZALO_OA_REFRESH_TOKEN is not set',
      );
      throw new ZaloOaTokenError('cannot refresh the Zalo OA access token: no app secret or refresh token', {
        isRetryable: false,
      });
    }
    let fresh: Awaited<ReturnType<ZaloOaClient['refreshAccessToken']>>;
    try {
      fresh = await this.client.refreshAccessToken({ appId, appSecret, refreshToken: state.refreshToken });
    } catch (error) {
      const after = await this.read();
      if (after.refreshToken !== state.refreshToken) {
        this.logger.info('the Zalo OA token was refreshed by another process; using the stored one');
        return after.accessToken;
      }
      this.logger.error({ err: error }, 'refreshing the Zalo OA access token failed');
      throw new ZaloOaTokenError('refreshing the Zalo OA access token failed', { isRetryable: true, cause: error });
    }
    const next: TokenState = {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken,
      expiresAt: this.now() + fresh.expiresInSeconds * 1000,
    };
    this.latest = next;
    await this.save(next);
    this.logger.info({ expiresAt: new Date(next.expiresAt!).toISOString() }, 'Zalo OA access token refreshed');
    return next.accessToken;
  }

  private configured(): TokenState {
    return { accessToken: this.config.accessToken, refreshToken: this.config.refreshToken, expiresAt: null };
  }

  /** The newest pair known: the store's, unless this process holds a newer one or the store is unreachable. */
  private async read(): Promise<TokenState> {
    const own = this.latest ?? this.configured();
    let values: Array<string | null>;
    try {
      const names = ZALO_OA_SECRET_NAMES;
      values = await Promise.all(
        [names.accessToken, names.refreshToken, names.expiresAt, names.seed].map((name) => this.secrets.get(name)),
      );
    } catch (error) {
      // Sends go on with the tokens this process knows (the configured pair, or the last one it refreshed).
      this.storeOutage.failed(error);
      return own;
    }
    this.storeOutage.succeeded();
    const [accessToken, refreshToken, expiresAt, seed] = values;
    // Stored tokens that grew from other settings are stale: the admin configured a new pair since.
    if (!accessToken || (seed && seed !== this.seed)) return own;
    const stored: TokenState = {
      accessToken,
      refreshToken: refreshToken ?? own.refreshToken,
      expiresAt: expiresAt && Number.isFinite(Number(expiresAt)) ? Number(expiresAt) : null,
    };
    if (this.latest && (this.latest.expiresAt ?? 0) > (stored.expiresAt ?? 0)) return this.latest;
    return stored;
  }

  private async save(state: TokenState): Promise<void> {
    const names = ZALO_OA_SECRET_NAMES;
    try {
      // The refresh token first: the old one is spent, so this is the value that cannot be got back.
      if (state.refreshToken) await this.secrets.set(names.refreshToken, state.refreshToken);
      await this.secrets.set(names.accessToken, state.accessToken);
      await this.secrets.set(names.expiresAt, String(state.expiresAt ?? ''));
      await this.secrets.set(names.seed, this.seed);
    } catch (error) {
      this.logger.error({ err: error }, 'could not store the new Zalo OA tokens; only this process knows them now');
    }
  }
}
