import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

type LogDestination = { write(line: string): void };

/**
 * Paths pino blanks if anything ever puts them in a line. The request serializer below logs none of
 * them; this is the second lock, for a `request.log.info({ body })` someone adds later.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.body', 'req.query',
  'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'body', 'query', 'params',
  '*.password', '*.currentPassword', '*.newPassword', '*.idNumber', '*.phone', '*.name', '*.displayName', '*.username',
  '*.cookie', '*.authorization', '*.csrfToken', '*.totpCode',
];

/** An incoming X-Request-Id is kept when it is an id (a proxy's or a client's), never free text into the log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

type SerializedError = { type: string; message: string; stack: string; [field: string]: unknown };

/**
 * A database error's message and detail quote the failing values (names, ID numbers), so a SQLSTATE
 * error is logged by code, table and column only; other errors keep their message and stack.
 */
function errorSerializer(error: Error): SerializedError {
  const err = error as Error & Record<string, unknown>;
  const sqlState = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code);
  // The stack's first line repeats the message: only the frames are kept.
  const frames = (err.stack ?? '').split('\n').slice(1).join('\n');
  if (sqlState) return { type: 'DatabaseError', message: `SQLSTATE ${String(err.code)}`, stack: frames, code: err.code, constraint: err.constraint, table: err.table, column: err.column };
  return { type: err.name, message: err.message, stack: err.stack ?? '', code: err.code };
}

/**
 * The server log at `level` (README "Settings": LX_LOG_LEVEL), one JSON object a line. Fastify's own
 * request lines are off: src/api/plugins/observability.ts writes one line per request with the
 * route pattern (never the URL: searches carry names, ID numbers and phones in it), the status, the
 * duration and the user id. Bodies, headers and cookies are never logged, and redacted if they were.
 */
export function loggerOptions(level: LogLevel, stream?: LogDestination, format: LogFormat = 'json'): NonNullable<FastifyServerOptions['logger']> {
  const destination = stream ?? (format === 'pretty' ? prettyStream(process.stdout) : undefined);
  return {
    level,
    ...(destination ? { stream: format === 'pretty' && stream ? prettyStream(stream) : destination } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[已隐去]' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: errorSerializer,
    },
  };
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** LX_LOG_FORMAT=pretty: the same lines, readable at a terminal (no dependency; fields as pino wrote them). */
export function prettyStream(out: LogDestination): LogDestination {
  return {
    write(line: string) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { time, level, msg, reqId, pid: _pid, hostname: _host, ...rest } = o;
      const at = new Date(Number(time)).toISOString().slice(11, 23);
      const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
      out.write(`${at} ${(LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5)} ${reqId ? `[${String(reqId)}] ` : ''}${String(msg ?? '')}${fields ? ` ${fields}` : ''}\n`);
    },
  };
}
