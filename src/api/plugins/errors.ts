import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';

/** The one place where errors become HTTP: { code, message (Chinese), details[] }. Never a bare 500 text. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        code: v.keyword,
        message: v.message,
      }));
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: '请求参数不正确', details });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '上传内容过大', details: [] });
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: [] });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own 4xx: bad JSON, wrong content type, missing body…
      return reply.status(fe.statusCode).send({ code: 'BAD_REQUEST', message: '请求格式不正确', details: [{ code: fe.code, message: fe.message }] });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请联系管理员', details: [] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在', details: [] }),
  );
}

/**
 * Errors the router raises before any handler runs (bad percent-encoding, a parameter longer than
 * maxParamLength → 414): the same {code, Chinese message} shape. Passed to Fastify's options.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.status(status).send({ code: 'BAD_REQUEST', message: '请求地址不正确', details: [{ code: err.code, message: err.message.slice(0, 200) }] });
}
