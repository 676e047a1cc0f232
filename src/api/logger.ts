import type { FastifyServerOptions } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type LogDestination = { write(line: string): void };
type SerializedRequest = { method: string; url: string; remoteAddress?: string };

/**
 * The server log at `level` (README "Settings": LOG_LEVEL). A request line carries the method, the
 * path and the client address only: the query string is cut off because searches carry names, ID
 * numbers and phone numbers there, and bodies and headers (cookies, CSRF tokens) are never logged.
 */
export function loggerOptions(level: LogLevel, stream?: LogDestination): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: SerializedRequest) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.remoteAddress }),
    },
  };
}
