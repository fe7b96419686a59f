import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/index.js';

/**
 * Structured JSON logs on stdout, one object per line (pipe through `npx pino-pretty` to read them
 * by eye). Secrets never reach a log line: the redaction list covers credentials and tokens.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'scam-atlas' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
