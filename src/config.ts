import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The bundled knowledge folder, used when KNOWLEDGE_DIR is not set. */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  KNOWLEDGE_DIR: z.string().min(1).default(BUNDLED_KNOWLEDGE_DIR),
  KNOWLEDGE_MAX_FILE_MB: positiveInt.default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONVERSATION_MAX_TURNS: positiveInt.default(10),
  CONVERSATION_TTL_S: positiveInt.default(7 * 24 * 60 * 60),
});

export interface Config {
  knowledgeDir: string;
  knowledgeMaxFileBytes: number;
  logLevel: string;
  conversation: { maxTurns: number; ttlMs: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The only place that reads the environment. An invalid setting stops the start with a message that names
 * the variable; the result is frozen and passed down.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // Empty strings count as unset, as they do in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const settings = parsed.data;
  return Object.freeze({
    knowledgeDir: settings.KNOWLEDGE_DIR,
    knowledgeMaxFileBytes: settings.KNOWLEDGE_MAX_FILE_MB * 1024 * 1024,
    logLevel: settings.LOG_LEVEL,
    conversation: Object.freeze({ maxTurns: settings.CONVERSATION_MAX_TURNS, ttlMs: settings.CONVERSATION_TTL_S * 1000 }),
  });
}
