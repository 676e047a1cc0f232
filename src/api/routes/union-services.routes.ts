import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CompetitionAdd, FundsGenerate, FundsGenerated, FundsLine, FundsLinesExportQuery, FundsLinesPage, FundsLinesQuery, FundsMonthAdd, FundsPayment,
  FundsPayroll, FundsRollup, FundsRollupQuery, HardshipApply, HardshipClose, HardshipDecision, HardshipDetail, HardshipExportQuery, HardshipListQuery,
  HardshipPage, HardshipPaymentAdd, HardshipReviewAdd, HonourAdd, PersonHonours, ServiceParams, UnionCompetitions, UnionFunds, UnionFundsQuery,
  UnionServicesSummary,
} from '../../contracts/union-services.js';
import { HardshipRollup, HardshipRollupQuery } from '../../contracts/union-services-district.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { hardshipRollup, openHardshipRollupExport } from '../../core/union-services/hardship-rollup.query.js';
import { fundsLines, fundsRollup, getUnionFunds, openFundsLinesExport, openFundsRollupExport } from '../../core/union-services/funds.query.js';
import { addFundsMonth, generateFundsMonth, recordFundsPayment, setFundsPayroll } from '../../core/union-services/funds.service.js';
import { getHardship, listHardship, openHardshipExport } from '../../core/union-services/hardship.query.js';
import { addHardshipPayment, applyHardship, closeHardship, decideHardship, reviewHardship } from '../../core/union-services/hardship.service.js';
import { addCompetition, addHonour, listCompetitions, personHonours, unionServicesSummary } from '../../core/union-services/honours.service.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** Union services (docs/unions.md "工会服务"): 困难职工帮扶, 劳动竞赛 and honours, 工会经费. */
export const unionServicesRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  const tags = ['union-services'];
  const P = { params: ServiceParams };
  const year = () => Number(todayInChina().slice(0, 4));

  app.get('/api/unions/:id/services', { schema: { tags, summary: '工会服务概况（帮扶、经费、竞赛与荣誉）', ...P, response: { 200: UnionServicesSummary } } },
    async (request) => unionServicesSummary(db, actorOf(request), request.params.id));

  // ---- 困难职工帮扶 ----
  app.get('/api/hardship', { schema: { tags, summary: '困难职工帮扶档案列表（按工会、街道或区；姓名和脱敏证件号）', querystring: HardshipListQuery, response: { 200: HardshipPage } } },
    async (request) => listHardship(db, keyring(), actorOf(request), request.query));
  app.get('/api/hardship/export.xlsx', { schema: { tags, summary: '导出困难职工帮扶档案（与列表同一筛选和范围）', querystring: HardshipExportQuery } },
    async (request, reply) => {
      const file = await openHardshipExport(db, keyring(), actorOf(request), request.query);
      return sendXlsx(reply, `困难职工帮扶-${todayInChina()}.xlsx`, (out) => file.write(out));
    });
  app.get('/api/hardship/rollup', { schema: { tags, summary: '困难职工帮扶统计（按街道、困难类别；本年帮扶金、复核逾期）', querystring: HardshipRollupQuery, response: { 200: HardshipRollup } } },
    async (request) => hardshipRollup(db, actorOf(request), request.query));
  app.get('/api/hardship/rollup/export.xlsx', { schema: { tags, summary: '导出困难职工帮扶统计', querystring: HardshipRollupQuery } },
    async (request, reply) => {
      const file = await openHardshipRollupExport(db, actorOf(request), request.query);
      return sendXlsx(reply, `困难职工帮扶统计-${todayInChina()}.xlsx`, (out) => file.write(out));
    });
  app.post('/api/unions/:id/hardship', { schema: { tags, summary: '登记困难职工帮扶申请', ...P, body: HardshipApply, response: { 201: HardshipDetail } } },
    async (request, reply) => {
      const id = await applyHardship(db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await getHardship(db, keyring(), actorOf(request), id));
    });
  app.get('/api/hardship/:id', { schema: { tags, summary: '帮扶档案详情（帮扶金、复核）', ...P, response: { 200: HardshipDetail } } },
    async (request) => getHardship(db, keyring(), actorOf(request), request.params.id));
  const fileWrite = <B>(path: string, summary: string, body: z.ZodType<B>, run: (id: string, b: B, r: Parameters<typeof actorOf>[0]) => Promise<void>) =>
    app.post(path, { schema: { tags, summary, ...P, body, response: { 200: HardshipDetail, ...conflictResponse(HardshipDetail) } } },
      async (request) => {
        const id = (request.params as { id: string }).id;
        const current = () => getHardship(db, keyring(), actorOf(request), id);
        return withCurrent(async () => { await run(id, request.body as B, request); return current(); }, current);
      });
  fileWrite('/api/hardship/:id/decision', '认定或不予认定（乐观锁 version）', HardshipDecision, (id, b, r) => decideHardship(db, actorOf(r), id, b));
  fileWrite('/api/hardship/:id/payments', '登记帮扶金（乐观锁 version）', HardshipPaymentAdd, (id, b, r) => addHardshipPayment(db, actorOf(r), id, b));
  fileWrite('/api/hardship/:id/reviews', '年度复核（乐观锁 version）', HardshipReviewAdd, (id, b, r) => reviewHardship(db, actorOf(r), id, b));
  fileWrite('/api/hardship/:id/close', '脱困退出（乐观锁 version）', HardshipClose, (id, b, r) => closeHardship(db, actorOf(r), id, b));

  // ---- 劳动竞赛 and honours ----
  app.get('/api/unions/:id/competitions', { schema: { tags, summary: '劳动竞赛与劳模工匠荣誉', ...P, response: { 200: UnionCompetitions } } },
    async (request) => listCompetitions(db, actorOf(request), request.params.id));
  app.post('/api/unions/:id/competitions', { schema: { tags, summary: '登记劳动竞赛', ...P, body: CompetitionAdd, response: { 201: UnionCompetitions } } },
    async (request, reply) => reply.status(201).send(await addCompetition(db, actorOf(request), request.params.id, request.body)));
  app.post('/api/unions/:id/honours', { schema: { tags, summary: '登记劳模、五一劳动奖章、工匠、技术能手荣誉', ...P, body: HonourAdd, response: { 201: UnionCompetitions } } },
    async (request, reply) => reply.status(201).send(await addHonour(db, actorOf(request), request.params.id, request.body)));
  app.get('/api/people/:id/honours', { schema: { tags, summary: '人员的劳模、工匠等荣誉', ...P, response: { 200: PersonHonours } } },
    async (request) => personHonours(db, actorOf(request), request.params.id));

  // ---- 工会经费 ----
  app.get('/api/unions/:id/funds', { schema: { tags, summary: '工会经费（按月，某年）', ...P, querystring: UnionFundsQuery, response: { 200: UnionFunds } } },
    async (request) => getUnionFunds(db, actorOf(request), request.params.id, request.query.year ?? year()));
  app.post('/api/unions/:id/funds', { schema: { tags, summary: '登记某月经费（可填当月的上月工资总额）', ...P, body: FundsMonthAdd, response: { 201: FundsLine } } },
    async (request, reply) => reply.status(201).send(await addFundsMonth(db, actorOf(request), request.params.id, request.body)));
  app.post('/api/union-funds/generate', { schema: { tags, summary: '生成某月经费记录（本人管理的工会；已有的不变）', body: FundsGenerate, response: { 200: FundsGenerated } } },
    async (request) => generateFundsMonth(db, actorOf(request), request.body.month));
  const lineCurrent = (request: Parameters<typeof actorOf>[0], id: string) => async () => {
    const line = await db.selectFrom('union_funds_month').select(['union_id', 'month']).where('id', '=', id).executeTakeFirstOrThrow();
    const page = await fundsLines(db, actorOf(request), { year: Number(line.month.slice(0, 4)), month: Number(line.month.slice(5, 7)), unionId: line.union_id, offset: 0, limit: 1 });
    return page.items[0]!;
  };
  app.post('/api/union-funds/:id/payment', { schema: { tags, summary: '登记拨缴（累计已拨缴金额和日期；乐观锁 version）', ...P, body: FundsPayment, response: { 200: FundsLine, ...conflictResponse(FundsLine) } } },
    async (request) => withCurrent(() => recordFundsPayment(db, actorOf(request), request.params.id, request.body), lineCurrent(request, request.params.id)));
  app.post('/api/union-funds/:id/payroll', { schema: { tags, summary: '登记当月的上月工资总额（重算应拨缴；乐观锁 version）', ...P, body: FundsPayroll, response: { 200: FundsLine, ...conflictResponse(FundsLine) } } },
    async (request) => withCurrent(() => setFundsPayroll(db, actorOf(request), request.params.id, request.body), lineCurrent(request, request.params.id)));
  app.get('/api/union-funds/rollup', { schema: { tags, summary: '工会经费汇总（按街道；某月或全年）', querystring: FundsRollupQuery, response: { 200: FundsRollup } } },
    async (request) => fundsRollup(db, actorOf(request), request.query));
  app.get('/api/union-funds/rollup/export.xlsx', { schema: { tags, summary: '导出工会经费汇总', querystring: FundsRollupQuery } },
    async (request, reply) => {
      const file = await openFundsRollupExport(db, actorOf(request), request.query);
      return sendXlsx(reply, `工会经费汇总-${request.query.year}.xlsx`, (out) => file.write(out));
    });
  app.get('/api/union-funds/lines', { schema: { tags, summary: '工会经费明细（汇总的下钻；按工会和月份）', querystring: FundsLinesQuery, response: { 200: FundsLinesPage } } },
    async (request) => fundsLines(db, actorOf(request), request.query));
  app.get('/api/union-funds/lines/export.xlsx', { schema: { tags, summary: '导出工会经费明细（与明细同一筛选和范围）', querystring: FundsLinesExportQuery } },
    async (request, reply) => {
      const file = await openFundsLinesExport(db, actorOf(request), request.query);
      return sendXlsx(reply, `工会经费明细-${request.query.year}.xlsx`, (out) => file.write(out));
    });
};
