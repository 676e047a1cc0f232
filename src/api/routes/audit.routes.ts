import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditPageOut, AuditVerifyOut } from '../../contracts/audit.js';
import { requireAction } from '../../core/access/require.js';
import { exportAuditXlsx, listAudit } from '../../core/audit/audit.query.service.js';
import { verifyAuditChain } from '../../core/audit/audit-verify.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { auditMacKey } from '../../core/crypto/pii-cipher.js';
import type { AuditFilter } from '../../core/audit/audit.repository.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';

const toFilter = (q: Omit<AuditListQuery, 'cursor' | 'limit'>): AuditFilter => ({
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
  actor: q.actor || undefined,
  action: q.action || undefined,
  entity: q.entity || undefined,
  entityId: q.entityId || undefined,
});

export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const macKey = (): Buffer | null => {
    try {
      return auditMacKey(keyringFor(keyringSettings(ctx.config, ctx.database.engine)));
    } catch {
      return null; // verify still walks the chain; the result says checkpoints were not authenticated
    }
  };

  app.get('/api/audit', { schema: { tags: ['audit'], summary: '审计日志', querystring: AuditListQuery, response: { 200: AuditPageOut } } },
    async (request) => listAudit(db, actorOf(request), toFilter(request.query), request.query.cursor ?? null, request.query.limit));

  app.get('/api/audit/export.xlsx', { schema: { tags: ['audit'], summary: '导出审计日志', querystring: AuditListQuery.omit({ cursor: true, limit: true }) } },
    async (request, reply) => {
      const file = await exportAuditXlsx(db, actorOf(request), toFilter(request.query));
      const name = encodeURIComponent(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${name}`)
        .send(file);
    });

  app.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计日志链', response: { 200: AuditVerifyOut } } },
    async (request) => {
      requireAction(actorOf(request), 'audit.read');
      return verifyAuditChain(db, { macKey: macKey() });
    });
};
