import { type Logger, pino } from 'pino';

/**
 * Logs go to standard error as JSON lines, so standard output stays free for the CLI's answers.
 * Secrets never reach the logs: the known token fields are redacted wherever they appear.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.token', '*.accessToken', '*.refreshToken', '*.apiKey', '*.secret', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
