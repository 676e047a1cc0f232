import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { constraintFault, faultLogFields, faultToAppError } from '../../db/constraint-catalogue.js';

type ErrorBody = { code: ErrorCode; message: string; details: Array<Record<string, unknown>> };

/** Content types the server does not take: Fastify's parser says 415, the multipart plugin 406. */
const MEDIA_TYPE_CODES = new Set(['FST_ERR_CTP_INVALID_MEDIA_TYPE', 'FST_INVALID_MULTIPART_CONTENT_TYPE']);

/** The one place where errors become HTTP: { code, message (Chinese), details[] }. Never a bare 500 text. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      // `current` only on a version conflict the route filled in (src/api/version-conflict.ts).
      const current = err.current === undefined ? {} : { current: err.current };
      return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details, ...current });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        code: v.keyword,
        message: v.message,
      }));
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: '请求参数不正确', details });
    }
    // A database rule the service did not check first: still the caller's input, so a 4xx naming the
    // field (src/db/constraint-catalogue.ts). Logged at warn by constraint name — the database's own
    // text quotes the failing row, personal data included, so neither the reply nor the log carries it.
    const fault = constraintFault(err);
    if (fault) {
      request.log.warn({ dbConstraint: faultLogFields(fault) }, 'database constraint reached the API');
      const e = faultToAppError(fault);
      return reply.status(e.status).send({ code: e.code, message: e.message, details: e.details });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '上传内容过大', details: [] });
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: [] });
    }
    if (fe.code && MEDIA_TYPE_CODES.has(fe.code)) {
      return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型', details: [{ code: fe.code, message: fe.message }] });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own 4xx: bad JSON, missing body…
      return reply.status(fe.statusCode).send({ code: 'BAD_REQUEST', message: '请求格式不正确', details: [{ code: fe.code, message: fe.message }] });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请联系管理员', details: [] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在', details: [] }),
  );
  registerShapeGuard(app);
}

/** A fallback body per status for replies that reach the wire without the documented shape. */
function fallbackBody(status: number): ErrorBody {
  const known: Record<number, [ErrorCode, string]> = {
    401: ['UNAUTHENTICATED', '请先登录'], 403: ['FORBIDDEN', '没有权限'], 404: ['NOT_FOUND', '请求的地址不存在'],
    408: ['REQUEST_TIMEOUT', '请求超时，请重试'], 413: ['PAYLOAD_TOO_LARGE', '上传内容过大'], 415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型'],
    429: ['RATE_LIMITED', '请求过于频繁，请稍后再试'], 431: ['HEADERS_TOO_LARGE', '请求地址或请求头过长'],
  };
  const [code, message] = known[status] ?? (status < 500 ? ['BAD_REQUEST', '请求格式不正确'] : ['INTERNAL', '服务器内部错误，请联系管理员']);
  return { code, message, details: [] };
}

function hasShape(payload: unknown): boolean {
  if (typeof payload !== 'string') return false;
  try {
    const v = JSON.parse(payload) as Record<string, unknown> | null;
    return !!v && typeof v.code === 'string' && typeof v.message === 'string' && Array.isArray(v.details);
  } catch {
    return false;
  }
}

/**
 * Whatever answers ≥ 400 — a plugin's reply.send of plain text, the static files' own errors — leaves
 * in the one shape. Handlers above already send it, so this only rewrites the odd one out.
 */
function registerShapeGuard(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || hasShape(payload)) return payload;
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.removeHeader('content-length');
    return JSON.stringify(fallbackBody(reply.statusCode));
  });
}

/**
 * Errors the router raises before any handler runs (bad percent-encoding, a parameter longer than
 * maxParamLength → 414): the same {code, Chinese message} shape. Passed to Fastify's options.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.status(status).send({ code: 'BAD_REQUEST', message: '请求地址不正确', details: [{ code: err.code, message: err.message.slice(0, 200) }] });
}

/**
 * Errors Node's HTTP parser finds before Fastify sees a request (headers or URL over the header
 * limit → 431, a malformed request line → 400, a slow client → 408): written to the socket in the
 * same shape. Passed to Fastify's options as `clientErrorHandler`.
 */
export function clientErrors(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(fallbackBody(status));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
