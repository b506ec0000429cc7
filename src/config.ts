import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The bundled knowledge folder, used when KNOWLEDGE_DIR is not set. */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));

const positiveInt = z.coerce.number().int().positive();
const port = z.coerce.number().int().min(0).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));
const url = z.url();
const redisUrl = z
  .string()
  .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value), 'must be a redis:// or rediss:// URL');
const idList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^-?\d+$/, 'ids are numbers')));
const secretToken = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'use 1–256 characters of A-Z a-z 0-9 _ -');
const apiKeyList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'use keys of 16–256 characters of A-Z a-z 0-9 _ -')));
/** An address or CIDR block Fastify's trustProxy understands, or one of its names for the private ranges. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}
/**
 * Whose X-Forwarded-For counts: nobody (false), every hop (true: only behind a proxy that overwrites the
 * header), or the proxies listed, so the client is the first address from the right that is not one of them.
 * No hop count: Fastify 5 trusts nobody with one, as a count cannot tell the proxy from a client.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, context): TrustProxy => {
    if (/^(true|yes|1)$/i.test(value)) return true;
    if (/^(false|no|0)$/i.test(value)) return false;
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length > 0 && entries.every(isProxyAddress)) return entries;
    context.addIssue({
      code: 'custom',
      message: "use false, true, or the proxies' addresses/CIDR blocks (or loopback) separated by commas",
    });
    return z.NEVER;
  });

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  KNOWLEDGE_DIR: z.string().min(1).default(BUNDLED_KNOWLEDGE_DIR),
  KNOWLEDGE_MAX_FILE_MB: positiveInt.default(10),
  KNOWLEDGE_WATCH: flag.default(true),
  // OCR of scanned PDFs and images (tesseract-ocr-vie, poppler-utils).
  OCR_CONCURRENCY: positiveInt.default(1),
  OCR_PAGE_TIMEOUT_MS: positiveInt.default(60_000),
  OCR_MAX_PAGES: positiveInt.default(50),
  OCR_CACHE_DIR: z.string().min(1).optional(),
  // Reading files in child processes, each within these caps (a file over one is refused and remembered).
  KNOWLEDGE_MAX_INFLATED_MB: positiveInt.default(64),
  KNOWLEDGE_MAX_PAGES: positiveInt.default(1000),
  KNOWLEDGE_MAX_TEXT_CHARS: positiveInt.default(5_000_000),
  KNOWLEDGE_MAX_FRONT_MATTER_KB: positiveInt.default(64),
  KNOWLEDGE_MAX_FRONT_MATTER_KEYS: positiveInt.default(200),
  KNOWLEDGE_READ_TIMEOUT_MS: positiveInt.default(60_000),
  KNOWLEDGE_READ_MEMORY_MB: positiveInt.default(512),
  KNOWLEDGE_READ_CONCURRENCY: positiveInt.default(2),
  KNOWLEDGE_CACHE_DIR: z.string().min(1).default('.cache/knowledge'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONVERSATION_MAX_TURNS: positiveInt.default(10),
  CONVERSATION_TTL_S: positiveInt.default(7 * 24 * 60 * 60),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(20),
  // The web chat: whose forwarded addresses count, integrators' keys, questions per client address.
  TRUST_PROXY: trustProxy.default(false),
  CHAT_API_KEYS: apiKeyList.default([]),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: positiveInt.default(60),
  DEDUPE_TTL_S: positiveInt.default(24 * 60 * 60),
  MAX_MESSAGE_CHARS: positiveInt.default(4000),
  REDIS_URL: redisUrl.optional(),
  REDIS_PREFIX: z.string().min(1).default('hoidap:'),
  QUEUE_CONCURRENCY: positiveInt.default(4),
  QUEUE_LEASE_MS: positiveInt.default(30_000),
  // Reliability: the deadline of every Redis call, the journal of acknowledged messages, the SIGTERM drain.
  REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(1000),
  DATA_DIR: z.string().min(1).default('.data'),
  SHUTDOWN_DRAIN_MS: positiveInt.default(10_000),
  ADMIN_TOKEN: z.string().min(8, 'use at least 8 characters').optional(),
  UPLOAD_MAX_BYTES: positiveInt.optional(),
  PUBLIC_URL: url.optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'expected <bot id>:<secret>')
    .optional(),
  TELEGRAM_API_ROOT: url.default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: url.optional(),
  TELEGRAM_WEBHOOK_SECRET: secretToken.optional(),
  TELEGRAM_ADMIN_IDS: idList.default([]),
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_OA_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_API_BASE: url.default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: url.default('https://oauth.zaloapp.com'),
  ZALO_BOT_TOKEN: z.string().min(1).optional(),
  ZALO_BOT_API_ROOT: url.default('https://bot-api.zaloplatforms.com'),
  ZALO_BOT_WEBHOOK_URL: url.optional(),
  ZALO_BOT_WEBHOOK_SECRET: z.string().min(8, 'use 8–256 characters').max(256).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_BASE_URL: url.optional(),
  LLM_TIMEOUT_MS: positiveInt.default(15_000),
  PROMPTS_DIR: z.string().min(1).optional(),
});

export type Settings = z.infer<typeof schema>;

/** No proxy, any proxy, or the proxies' addresses and CIDR blocks (Fastify's `trustProxy`). */
export type TrustProxy = boolean | string[];

export interface KnowledgeReadingSettings {
  /** The knowledge layer's ReadLimits, written out here because config sits below it. */
  limits: {
    maxInflatedBytes: number;
    maxPages: number;
    maxTextChars: number;
    maxFrontMatterBytes: number;
    maxFrontMatterKeys: number;
  };
  timeoutMs: number;
  memoryMb: number;
  concurrency: number;
  /** Absolute; holds `refused.json`. */
  cacheDir: string;
}

export interface Config {
  host: string;
  port: number;
  knowledgeDir: string;
  knowledgeMaxFileBytes: number;
  watchKnowledge: boolean;
  /** Pages recognised at once, per page deadline, pages per file, and the results cache (by content hash). */
  ocr: { concurrency: number; pageTimeoutMs: number; maxPages: number; cacheDir: string };
  /** How files are read: caps per file, the child processes' time and memory, where refusals are remembered. */
  knowledgeReading: KnowledgeReadingSettings;
  logLevel: string;
  conversation: { maxTurns: number; ttlMs: number };
  rateLimitPerMinute: number;
  /** TRUST_PROXY, as Fastify's trustProxy: whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy: TrustProxy;
  /**
   * The web chat and `POST /v1/chat`: integrators' keys (who may name their own users) and how many
   * questions one client address may send a minute, whatever sessions it holds.
   */
  webChat: { apiKeys: string[]; perAddressPerMinute: number };
  dedupeTtlMs: number;
  maxMessageChars: number;
  /** `commandTimeoutMs`: the longest wait for any Redis reply; past it Redis counts as down until it answers. */
  redis: { url: string; prefix: string; commandTimeoutMs: number } | null;
  queueConcurrency: number;
  /** How long a message being processed stays claimed; a crashed process's messages are taken over after it. */
  queueLeaseMs: number;
  /** Where the memory queue journals the messages it acknowledged (absolute; one folder per process). */
  dataDir: string;
  /** At SIGTERM, how long the messages waiting in this process may take to be answered before exit. */
  shutdownDrainMs: number;
  adminToken: string | null;
  /** Largest file /admin accepts; never above knowledgeMaxFileBytes, or the loader would refuse what was accepted. */
  uploadMaxBytes: number;
  publicUrl: string | null;
  telegram: {
    token: string;
    apiRoot: string;
    webhookUrl: string | null;
    webhookSecret: string | null;
    adminIds: string[];
  } | null;
  zaloOa: {
    appId: string;
    appSecret: string | null;
    oaSecretKey: string;
    accessToken: string;
    refreshToken: string | null;
    apiBase: string;
    oauthBase: string;
  } | null;
  zaloBot: {
    token: string;
    apiRoot: string;
    webhookUrl: string | null;
    webhookSecret: string | null;
  } | null;
  llm: { apiKey: string; model: string; baseUrl: string | null; timeoutMs: number; promptsDir: string | null } | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function toConfig(settings: Settings): Config {
  const s = settings;
  return {
    host: s.HOST,
    port: s.PORT,
    knowledgeDir: s.KNOWLEDGE_DIR,
    knowledgeMaxFileBytes: s.KNOWLEDGE_MAX_FILE_MB * 1024 * 1024,
    watchKnowledge: s.KNOWLEDGE_WATCH,
    ocr: {
      concurrency: s.OCR_CONCURRENCY,
      pageTimeoutMs: s.OCR_PAGE_TIMEOUT_MS,
      maxPages: s.OCR_MAX_PAGES,
      // Outside the knowledge folder, so the watcher never sees it; relative to where the bot is started.
      cacheDir: resolve(s.OCR_CACHE_DIR ?? '.cache/ocr'),
    },
    knowledgeReading: {
      limits: {
        maxInflatedBytes: s.KNOWLEDGE_MAX_INFLATED_MB * 1024 * 1024,
        maxPages: s.KNOWLEDGE_MAX_PAGES,
        maxTextChars: s.KNOWLEDGE_MAX_TEXT_CHARS,
        maxFrontMatterBytes: s.KNOWLEDGE_MAX_FRONT_MATTER_KB * 1024,
        maxFrontMatterKeys: s.KNOWLEDGE_MAX_FRONT_MATTER_KEYS,
      },
      timeoutMs: s.KNOWLEDGE_READ_TIMEOUT_MS,
      memoryMb: s.KNOWLEDGE_READ_MEMORY_MB,
      concurrency: s.KNOWLEDGE_READ_CONCURRENCY,
      cacheDir: resolve(s.KNOWLEDGE_CACHE_DIR),
    },
    logLevel: s.LOG_LEVEL,
    conversation: { maxTurns: s.CONVERSATION_MAX_TURNS, ttlMs: s.CONVERSATION_TTL_S * 1000 },
    rateLimitPerMinute: s.RATE_LIMIT_PER_MINUTE,
    trustProxy: s.TRUST_PROXY,
    webChat: { apiKeys: s.CHAT_API_KEYS, perAddressPerMinute: s.RATE_LIMIT_PER_ADDRESS_PER_MINUTE },
    dedupeTtlMs: s.DEDUPE_TTL_S * 1000,
    maxMessageChars: s.MAX_MESSAGE_CHARS,
    redis: s.REDIS_URL
      ? { url: s.REDIS_URL, prefix: s.REDIS_PREFIX, commandTimeoutMs: s.REDIS_COMMAND_TIMEOUT_MS }
      : null,
    queueConcurrency: s.QUEUE_CONCURRENCY,
    queueLeaseMs: s.QUEUE_LEASE_MS,
    // Relative to where the bot is started, like the OCR cache; never inside the knowledge folder.
    dataDir: resolve(s.DATA_DIR),
    shutdownDrainMs: s.SHUTDOWN_DRAIN_MS,
    adminToken: s.ADMIN_TOKEN ?? null,
    uploadMaxBytes: Math.min(s.UPLOAD_MAX_BYTES ?? Number.POSITIVE_INFINITY, s.KNOWLEDGE_MAX_FILE_MB * 1024 * 1024),
    publicUrl: s.PUBLIC_URL ?? null,
    telegram: s.TELEGRAM_BOT_TOKEN
      ? {
          token: s.TELEGRAM_BOT_TOKEN,
          apiRoot: s.TELEGRAM_API_ROOT,
          webhookUrl: s.TELEGRAM_WEBHOOK_URL ?? null,
          webhookSecret: s.TELEGRAM_WEBHOOK_SECRET ?? null,
          adminIds: s.TELEGRAM_ADMIN_IDS,
        }
      : null,
    // The Official Account channel runs when the app id, the OA secret key and an access token are set.
    zaloOa:
      s.ZALO_APP_ID && s.ZALO_OA_SECRET_KEY && s.ZALO_OA_ACCESS_TOKEN
        ? {
            appId: s.ZALO_APP_ID,
            appSecret: s.ZALO_APP_SECRET ?? null,
            oaSecretKey: s.ZALO_OA_SECRET_KEY,
            accessToken: s.ZALO_OA_ACCESS_TOKEN,
            refreshToken: s.ZALO_OA_REFRESH_TOKEN ?? null,
            apiBase: s.ZALO_API_BASE,
            oauthBase: s.ZALO_OAUTH_BASE,
          }
        : null,
    zaloBot: s.ZALO_BOT_TOKEN
      ? {
          token: s.ZALO_BOT_TOKEN,
          apiRoot: s.ZALO_BOT_API_ROOT,
          webhookUrl: s.ZALO_BOT_WEBHOOK_URL ?? null,
          webhookSecret: s.ZALO_BOT_WEBHOOK_SECRET ?? null,
        }
      : null,
    llm: s.OPENAI_API_KEY
      ? {
          apiKey: s.OPENAI_API_KEY,
          model: s.OPENAI_MODEL,
          baseUrl: s.OPENAI_BASE_URL ?? null,
          timeoutMs: s.LLM_TIMEOUT_MS,
          promptsDir: s.PROMPTS_DIR ?? null,
        }
      : null,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The only place that reads the environment. An invalid setting stops the start with a message that names
 * the variable (never its value: it may be a secret); the result is frozen and passed down.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // Empty strings count as unset, as they do in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const config = toConfig(parsed.data);
  if (config.telegram?.webhookUrl && !config.telegram.webhookSecret) {
    throw new ConfigError('invalid configuration: TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL');
  }
  if (config.zaloBot?.webhookUrl && !config.zaloBot.webhookSecret) {
    throw new ConfigError('invalid configuration: ZALO_BOT_WEBHOOK_SECRET is required with ZALO_BOT_WEBHOOK_URL');
  }
  return deepFreeze(config);
}
