import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZaloOaClient } from '../../../src/channels/zalo-oa/zalo-oa-client.ts';
import { ZaloOaTokenError } from '../../../src/channels/zalo-oa/zalo-oa-token-error.ts';
import {
  REFRESH_MARGIN_MS,
  ZALO_OA_SECRET_NAMES,
  ZaloOaTokenManager,
} from '../../../src/channels/zalo-oa/zalo-oa-token-manager.ts';
import { MemorySecretStore } from '../../../src/state/secrets/memory.ts';
import type { SecretStore } from '../../../src/state/secrets/port.ts';
import { silentLogger } from '../../helpers/fake-zalo-kit.ts';
import { FakeZaloOa } from '../../helpers/fake-zalo-oa.ts';

/** Token refresh and rotation against the fake OAuth server, with a clock the tests move. */

const APP = { appId: 'app-1', appSecret: 'app-secret' };
const CONFIGURED = { ...APP, accessToken: 'access-0', refreshToken: 'refresh-0' };

let zalo: FakeZaloOa;
let clock: number;

beforeEach(async () => {
  zalo = await FakeZaloOa.start(CONFIGURED);
  clock = 1_800_000_000_000;
});

afterEach(async () => {
  await zalo.close();
});

function manager(
  secrets: SecretStore = new MemorySecretStore(),
  config: Partial<Omit<typeof CONFIGURED, 'appSecret'>> & { appSecret?: string | null } = {},
) {
  return new ZaloOaTokenManager({
    client: new ZaloOaClient({ apiBase: zalo.url, oauthBase: zalo.url }),
    config: { ...CONFIGURED, ...config },
    secrets,
    logger: silentLogger,
    now: () => clock,
  });
}

/** A store that is down: every call fails. */
const unreachable: SecretStore = {
  get: () => Promise.reject(new Error('connection refused')),
  set: () => Promise.reject(new Error('connection refused')),
};

/** A store that goes down and comes back when the test says so. */
class FlakySecretStore implements SecretStore {
  down = false;
  private readonly inner = new MemorySecretStore();

  get(name: string): Promise<string | null> {
    return this.down ? Promise.reject(new Error('connection refused')) : this.inner.get(name);
  }

  set(name: string, value: string): Promise<void> {
    return this.down ? Promise.reject(new Error('connection refused')) : this.inner.set(name, value);
  }
}

/** A real pino logger whose lines are kept, parsed, for counting. */
function recordingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const at = (level: number) => lines.filter((line) => line.level === level).map((line) => line.msg);
  return { logger, warnings: () => at(40), infos: () => at(30) };
}

describe('ZaloOaTokenManager', () => {
  it('sends with the configured token while nothing is stored, without asking for a new one', async () => {
    expect(await manager().accessToken()).toBe('access-0');
    expect(zalo.refreshes()).toHaveLength(0);
  });

  it('rotates: each new refresh token is stored and the next refresh spends it', async () => {
    const secrets = new MemorySecretStore();
    const tokens = manager(secrets);
    expect(await tokens.refresh('access-0')).toBe('access-1');
    expect(await secrets.get(ZALO_OA_SECRET_NAMES.refreshToken)).toBe('refresh-1');
    expect(await secrets.get(ZALO_OA_SECRET_NAMES.expiresAt)).toBe(String(clock + 90_000 * 1000));
    expect(await tokens.accessToken()).toBe('access-1');

    expect(await tokens.refresh('access-1')).toBe('access-2');
    expect(zalo.refreshes().map(({ form }) => form.get('refresh_token'))).toEqual(['refresh-0', 'refresh-1']);
    expect(await secrets.get(ZALO_OA_SECRET_NAMES.refreshToken)).toBe('refresh-2');
  });

  it('prefers the stored chain over the configured tokens after a restart', async () => {
    const secrets = new MemorySecretStore();
    await manager(secrets).refresh('access-0');
    const restarted = manager(secrets);
    expect(await restarted.accessToken()).toBe('access-1');
    expect(await restarted.refresh('access-1')).toBe('access-2');
    expect(zalo.refreshes().at(-1)!.form.get('refresh_token')).toBe('refresh-1');
  });

  it('starts a new chain when the admin configures a new token pair', async () => {
    const secrets = new MemorySecretStore();
    await manager(secrets).refresh('access-0');
    zalo.validAccessTokens.add('access-new');
    zalo.validRefreshTokens.add('refresh-new');
    const reconfigured = manager(secrets, { accessToken: 'access-new', refreshToken: 'refresh-new' });
    expect(await reconfigured.accessToken()).toBe('access-new');
    await reconfigured.refresh('access-new');
    expect(zalo.refreshes().at(-1)!.form.get('refresh_token')).toBe('refresh-new');
  });

  it('collapses concurrent refreshes into one request', async () => {
    zalo.refreshDelayMs = 50;
    const tokens = manager();
    const results = await Promise.all([tokens.refresh('access-0'), tokens.refresh('access-0'), tokens.refresh()]);
    expect(results).toEqual(['access-1', 'access-1', 'access-1']);
    expect(zalo.refreshes()).toHaveLength(1);
  });

  it('does not refresh a refused token that another process already replaced', async () => {
    const secrets = new MemorySecretStore();
    const [first, second] = [manager(secrets), manager(secrets)];
    expect(await first.refresh('access-0')).toBe('access-1');
    expect(await second.refresh('access-0')).toBe('access-1');
    expect(zalo.refreshes()).toHaveLength(1);
  });

  it('refreshes ahead of expiry, not before the margin', async () => {
    const tokens = manager();
    await tokens.refresh('access-0');
    const expiresAt = clock + 90_000 * 1000;
    clock = expiresAt - REFRESH_MARGIN_MS - 60_000;
    expect(await tokens.accessToken()).toBe('access-1');
    clock = expiresAt - REFRESH_MARGIN_MS + 60_000;
    expect(await Promise.all([tokens.accessToken(), tokens.accessToken()])).toEqual(['access-2', 'access-2']);
    expect(zalo.refreshes()).toHaveLength(2);
  });

  it('keeps using a token with minutes left when the early refresh fails', async () => {
    const tokens = manager();
    await tokens.refresh('access-0');
    clock += 90_000 * 1000 - 60_000;
    zalo.refreshFailures.push('server-error');
    expect(await tokens.accessToken()).toBe('access-1');
  });

  it('fails retryable when the refresh fails, and keeps the refresh token for the next try', async () => {
    const tokens = manager();
    zalo.refreshFailures.push('server-error');
    const error = await tokens.refresh('access-0').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZaloOaTokenError);
    expect((error as ZaloOaTokenError).isRetryable).toBe(true);
    expect(await tokens.refresh('access-0')).toBe('access-1');
    expect(zalo.refreshes().map(({ form }) => form.get('refresh_token'))).toEqual(['refresh-0', 'refresh-0']);
  });

  it('cannot refresh without an app secret: fails for good, without a request', async () => {
    const error = await manager(undefined, { appSecret: null })
      .refresh('access-0')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZaloOaTokenError);
    expect((error as ZaloOaTokenError).isRetryable).toBe(false);
    expect(zalo.refreshes()).toHaveLength(0);
  });

  it('works on while the secret store is down, holding the rotated tokens in memory', async () => {
    const tokens = manager(unreachable);
    expect(await tokens.accessToken()).toBe('access-0');
    expect(await tokens.refresh('access-0')).toBe('access-1');
    expect(await tokens.accessToken()).toBe('access-1');
    expect(await tokens.refresh('access-1')).toBe('access-2');
    expect(zalo.refreshes().map(({ form }) => form.get('refresh_token'))).toEqual(['refresh-0', 'refresh-1']);
  });

  it('warns once per secret store outage, not once per send, and says when it is back', async () => {
    const secrets = new FlakySecretStore();
    const log = recordingLogger();
    const tokens = new ZaloOaTokenManager({
      client: new ZaloOaClient({ apiBase: zalo.url, oauthBase: zalo.url }),
      config: CONFIGURED,
      secrets,
      logger: log.logger,
      now: () => clock,
    });
    const send = async (times: number) => {
      for (let i = 0; i < times; i++) expect(await tokens.accessToken()).toBe('access-0');
    };

    await send(3);
    secrets.down = true;
    await send(100);
    expect(log.warnings()).toEqual(['Zalo OA secret store unavailable; continuing without it']);

    secrets.down = false;
    await send(10);
    expect(log.infos()).toEqual(['Zalo OA secret store available again']);

    secrets.down = true;
    await send(100);
    secrets.down = false;
    await send(1);
    expect(log.warnings()).toHaveLength(2);
    expect(log.infos()).toHaveLength(2);
  });
});
