import { sql } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import type { StudyKind, StudyTopic } from '../../../domain/study.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's study library (docs/study.md, "Demo"): about twenty materials with real titles —
 * the district's 党章党规 and 党的理论 lessons, 工会法 and 劳动合同法 explained, the business guides a
 * street office writes for its secretaries, and a few organisations' 主题党日 materials for their own
 * members. Audio and video are links to the official sites' pages (www.12371.cn, www.acftu.org);
 * texts carry short study notes. Every date is in the past; nothing about who read what is made,
 * because the product keeps no such thing. Safe to run twice (skips once the district has materials).
 */
type M = { title: string; topic: StudyTopic; kind: StudyKind; summary: string; body?: string; url?: string; back: number };

const DISTRICT: M[] = [
  { title: '《中国共产党章程》学习辅导', topic: 'charter', kind: 'text', back: 300, summary: '党章总纲和各章要点，党员的权利和义务', body: '一、学习党章总纲，把握党的性质、宗旨和奋斗目标。\n二、逐条学习党员的八项义务和八项权利。\n三、对照党章查找差距：理想信念、组织纪律、作用发挥。\n四、支部组织讨论时，可结合本企业生产经营实际谈体会。' },
  { title: '《中国共产党支部工作条例（试行）》解读', topic: 'charter', kind: 'text', back: 280, summary: '支部的设置、基本任务、组织生活和支部委员会建设', body: '条例明确党支部是党的基础组织，是党组织开展工作的基本单元。\n非公有制经济组织党支部的基本任务是：宣传和执行党的路线方针政策，引导和监督企业遵守国家法律法规，团结凝聚职工群众，维护各方合法权益，促进企业健康发展。\n支部应当严格落实“三会一课”、主题党日、组织生活会、民主评议党员和谈心谈话制度。' },
  { title: '《中国共产党党员教育管理工作条例》要点', topic: 'charter', kind: 'text', back: 250, summary: '党员教育的内容、方式和日常管理', body: '党员教育坚持因地制宜、分类指导，对流动党员、年老体弱党员采取灵活方式。\n党员每年集中学习培训时间一般不少于32学时（基层党组织书记和班子成员每年不少于56学时）。\n党支部应当经常了解党员思想、工作和生活情况，做好关心帮扶。' },
  { title: '《中国共产党纪律处分条例》学习问答', topic: 'charter', kind: 'text', back: 200, summary: '六项纪律逐条问答', body: '问：六项纪律指什么？\n答：政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。\n问：非公企业党员应特别注意哪些方面？\n答：遵守国家法律法规，依法诚信经营，不参与商业贿赂，维护职工合法权益。' },
  { title: '习近平新时代中国特色社会主义思想专题党课', topic: 'theory', kind: 'video', back: 240, summary: '专题党课视频（共产党员网）', url: 'https://www.12371.cn/special/xxzd/' },
  { title: '党的二十大报告学习辅导', topic: 'theory', kind: 'video', back: 220, summary: '二十大报告主要精神解读视频', url: 'https://www.12371.cn/special/20da/' },
  { title: '《关于新时代加强和改进思想政治工作的意见》学习', topic: 'theory', kind: 'text', back: 160, summary: '思想政治工作的重点任务', body: '把思想政治工作贯穿企业生产经营全过程，做到与职工群众的实际问题相结合。\n党组织书记要经常同职工谈心谈话，及时掌握思想动态，解决实际困难。' },
  { title: '中国共产党简史（音频党课）', topic: 'history', kind: 'audio', back: 180, summary: '分章节收听', url: 'https://www.12371.cn/special/zggcdjs/' },
  { title: '“四史”学习教育读本导读', topic: 'history', kind: 'text', back: 130, summary: '党史、新中国史、改革开放史、社会主义发展史导读', body: '学习“四史”，重在知史爱党、知史爱国。\n建议各支部结合本地改革开放和民营经济发展历程组织学习，请老党员、企业创始人讲述亲身经历。' },
  { title: '《中华人民共和国工会法》解读', topic: 'union', kind: 'text', back: 210, summary: '工会的组建、职责和经费，非公企业建会要求', body: '《工会法》第三条规定，在中国境内的企业、事业单位、机关、社会组织中以工资收入为主要生活来源的劳动者，都有依法参加和组织工会的权利。\n《工会法》第十一条规定，基层工会、地方各级总工会、全国或者地方产业工会组织的建立，必须报上一级工会批准。\n企业应当按每月全部职工工资总额的百分之二向工会拨缴经费（《工会法》第四十三条）。' },
  { title: '《中国工会章程》学习要点', topic: 'union', kind: 'text', back: 150, summary: '会员的权利义务和基层组织', body: '凡在中国境内的企业、事业单位、机关、社会组织中以工资收入为主要生活来源的劳动者，承认工会章程，都可以加入工会为会员。\n基层工会委员会每届任期三年或者五年。' },
  { title: '集体协商和集体合同工作指引', topic: 'union', kind: 'video', back: 95, summary: '全国总工会集体协商微课', url: 'https://www.acftu.org/' },
  { title: '《中华人民共和国劳动合同法》要点', topic: 'law', kind: 'text', back: 190, summary: '订立、履行、解除和终止劳动合同', body: '用人单位自用工之日起即与劳动者建立劳动关系，应当订立书面劳动合同。\n已建立劳动关系，未同时订立书面劳动合同的，应当自用工之日起一个月内订立。\n用人单位与劳动者协商一致，可以变更劳动合同约定的内容，变更应当采用书面形式。' },
  { title: '《关于加强和改进非公有制企业党的建设工作的意见（试行）》解读', topic: 'business', kind: 'text', back: 270, summary: '非公企业党建“两个覆盖”的要求和方法', body: '扩大党的组织覆盖和工作覆盖，是非公有制企业党建工作的基础。\n具备条件的企业单独建立党组织；不具备条件的，通过联合组建、区域组建、行业组建等方式建立党组织，或者选派党建工作指导员开展工作。' },
  { title: '发展党员工作流程（五个阶段二十五个步骤）图解', topic: 'business', kind: 'text', back: 120, summary: '从入党申请到预备党员转正', body: '第一阶段：申请入党（递交入党申请书、党组织派人谈话）。\n第二阶段：入党积极分子的确定和培养教育。\n第三阶段：发展对象的确定和考察（政治审查、集中培训）。\n第四阶段：预备党员的接收（支部大会讨论、上级党组织审批）。\n第五阶段：预备党员的教育考察和转正。' },
  { title: '党费收缴、使用和管理规定解读', topic: 'business', kind: 'text', back: 100, summary: '按月交纳、计算基数和比例', body: '每月工资收入（税后）在3000元以下（含3000元）者，交纳月工资收入的0.5%；3000元以上至5000元（含5000元）者，交纳1%；5000元以上至10000元（含10000元）者，交纳1.5%；10000元以上者，交纳2%。\n党员应当增强党员意识，主动按月交纳党费。' },
];

const STREET: Array<(street: string) => M> = [
  (s) => ({ title: `${s}“三会一课”规范化操作指引`, topic: 'business', kind: 'text', back: 75, summary: '支部党员大会、支部委员会、党小组会和党课的程序与记录', body: '一、支部党员大会一般每季度召开一次，会前确定议题并通知党员。\n二、支部委员会一般每月召开一次。\n三、党小组会一般每月召开一次。\n四、党课一般每季度至少一次，书记每年至少讲一次党课。\n五、会议记录当场填写，会后整理归档。' }),
  (s) => ({ title: `${s}非公企业党建工作指导员工作手册`, topic: 'business', kind: 'text', back: 45, summary: '走访企业、指导建立党组织、联系党员', body: '指导员每月至少走访一次联系企业，了解企业党员和职工情况。\n发现具备建立党组织条件的企业，及时报告街道并协助组建。' }),
];

const ORG = (org: string): M => ({
  title: `${org}主题党日学习材料：学党章、守党纪`, topic: 'charter', kind: 'text', back: 20, summary: '本支部党员学习用',
  body: '本月主题党日安排：集中学习党章第一章“党员”，每名党员结合岗位谈一条体会；随后开展志愿服务。\n请因工作未能参加的党员自行学习，如有问题请与支部书记联系。',
});

export const studyStep: DemoStep = {
  title: '生成学习资料（区、街道和党组织发布）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const county = `${ctx.district.countyCode}000000`;
    const done = await db.selectFrom('study_material').select('id').where('region_code', '=', county).limit(1).executeTakeFirst();
    if (done) { ctx.log('      已有学习资料，跳过'); return; }
    const streets = await db.selectFrom('region').select(['code', 'name']).where('parent_code', '=', county).orderBy('code').limit(2).execute();
    const orgs = await db.selectFrom('party_org').select(['id', 'name']).where('status', '=', 'active')
      .where('region_code', 'like', `${ctx.district.countyCode}%`).where('org_type', '=', 'branch').orderBy('id').limit(3).execute();
    const today = todayInChina();
    const on = (back: number) => sql<string>`${today}::date - ${back}::int`;
    const rows = [
      ...DISTRICT.map((m) => ({ m, where: { region_code: county } })),
      ...streets.flatMap((s) => STREET.map((f) => ({ m: f(s.name), where: { region_code: s.code } }))),
      ...orgs.map((o) => ({ m: ORG(o.name), where: { org_id: o.id } })),
    ];
    await db.transaction().execute(async (tx) => {
      for (const { m, where } of rows) {
        await tx.insertInto('study_material').values({
          title: m.title, topic: m.topic, kind: m.kind, summary: m.summary, body: m.body ?? null, url: m.url ?? null, published_on: on(m.back), ...where,
        }).execute();
      }
      await recordAudit(tx, ctx.actor, { action: 'study_material.create', entity: 'study_material', after: { demo: true, materials: rows.length } });
    });
    ctx.log(`      学习资料 ${rows.length} 份（区 ${DISTRICT.length}、街道 ${streets.length * STREET.length}、党组织 ${orgs.length}）`);
  },
};
