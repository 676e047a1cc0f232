import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, List, Popconfirm, Select, Switch, Typography } from 'antd';
import { PLACEMENT_POSITION_LABELS, PLACEMENT_POSITIONS, type PlacementPosition } from '../../../../src/domain/support';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { useAsync } from '../../ui/useAsync';
import { DATE_RULE, FormDialog, today } from '../orgs/ui';
import { addFunding, addSite, deleteFunding, deleteSite, getOrgSupport, getReserveCandidates, placeTalent, reportExpense, yuan } from './api';

const YEAR = () => new Date().getFullYear();

/**
 * 党建保障 on the organisation page: this year's 党建经费, its 阵地, the expense its enterprise reported
 * against the cap (1% of payroll unless the province set another share), and the 党费 returned at the
 * local ratio — each figure with where it comes from; recording and deleting (with a confirm) are
 * offered to those who manage the organisation.
 */
export function OrgSupportCard({ orgId }: { orgId: string }) {
  const year = YEAR();
  const s = useAsync(() => getOrgSupport(orgId, year), [orgId, year]);
  const [dialog, setDialog] = useState<'funding' | 'site' | 'expense' | null>(null);
  const { message } = App.useApp();
  const d = s.data;
  const remove = async (run: () => Promise<unknown>) => {
    try {
      await run();
      message.success('已删除');
      s.reload();
    } catch (e) { message.error(errorMessage(e)); }
  };
  return (
    <Card size="small" title={`党建保障（${year}年）`} style={{ marginBottom: 16 }} data-testid="org-support" extra={d?.manageable && <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
      <Button size="small" onClick={() => setDialog('funding')}>登记经费</Button><Button size="small" onClick={() => setDialog('site')}>登记阵地</Button><Button size="small" onClick={() => setDialog('expense')}>管理费列支</Button>
    </span>}>
      <ErrorAlert error={s.error} />
      {d && <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'f', label: '党建经费', children: `${yuan(d.fundingFen)} 元（${d.funding.length} 笔）` },
        { key: 's', label: '活动阵地', children: d.sites.length ? d.sites.map((x) => `${x.address} ${x.areaM2}㎡${x.shared ? '（共享）' : '（独立）'}`).join('；') : '—' },
        { key: 'e', label: '企业管理费列支', children: d.expense ? `${yuan(d.expense.amountFen)} 元，可税前扣除的上限为 ${yuan(d.expense.capFen)} 元${d.expense.overCap ? '（超出部分不能税前扣除）' : ''}` : '未登记' },
        { key: 'r', label: '党费返还', children: d.enterpriseOrg ? `${yuan(d.duesReturnedFen)} 元（实交 ${yuan(d.duesPaidFen)} 元 × ${d.returnRatioBp / 100}%）` : '不适用（未覆盖企业）' },
      ]} />}
      {d?.manageable && (d.funding.length > 0 || d.sites.length > 0) && <List size="small" data-testid="org-support-items" dataSource={[
        ...d.funding.map((f) => ({ key: `f${f.id}`, text: `经费 ${f.givenOn} ${yuan(f.amountFen)} 元（${f.source}，${f.purpose}）`, run: () => deleteFunding(orgId, f.id, f.version) })),
        ...d.sites.map((x) => ({ key: `s${x.id}`, text: `阵地 ${x.address} ${x.areaM2}㎡`, run: () => deleteSite(orgId, x.id, x.version, year) })),
      ]} renderItem={(i) => (
        <List.Item key={i.key} actions={[<Popconfirm key="d" title="删除这条记录？" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => void remove(i.run)}>
          <Button size="small" type="link" danger>删除</Button>
        </Popconfirm>]}>{i.text}</List.Item>
      )} />}
      {d && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>依据：{d.sources.expense}；{d.sources.duesReturn}</Typography.Paragraph>}
      <FormDialog<{ givenOn: string; amount: number; source: string; purpose: string }> title="登记党建经费" open={dialog === 'funding'} onClose={() => setDialog(null)} onDone={s.reload} initialValues={{ givenOn: today() }}
        submit={async (v) => { await addFunding(orgId, { givenOn: v.givenOn, amountFen: Math.round(v.amount * 100), source: v.source, purpose: v.purpose }); return '已登记'; }}>
        <Form.Item name="givenOn" label="拨付日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="source" label="来源" rules={[{ required: true, whitespace: true, message: '请填写来源' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, whitespace: true, message: '请填写用途' }]}><Input maxLength={200} /></Form.Item>
      </FormDialog>
      <FormDialog<{ address: string; areaM2: number; shared: boolean }> title="登记活动阵地" open={dialog === 'site'} onClose={() => setDialog(null)} onDone={s.reload} initialValues={{ shared: false }}
        submit={async (v) => { await addSite(orgId, year, { ...v, shared: !!v.shared }); return '已登记'; }}>
        <Form.Item name="address" label="地址" rules={[{ required: true, whitespace: true, message: '请填写地址' }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="areaM2" label="面积（平方米）" rules={[{ required: true, message: '请填写面积' }]}><InputNumber min={1} max={100000} /></Form.Item>
        <Form.Item name="shared" label="与其他组织共享" valuePropName="checked"><Switch /></Form.Item>
      </FormDialog>
      <FormDialog<{ payroll: number; amount: number }> title={`${year}年企业党组织工作经费列支`} open={dialog === 'expense'} onClose={() => setDialog(null)} onDone={s.reload}
        initialValues={d?.expense ? { payroll: d.expense.payrollFen / 100, amount: d.expense.amountFen / 100 } : undefined}
        submit={async (v) => { await reportExpense(orgId, { year, payrollFen: Math.round(v.payroll * 100), amountFen: Math.round(v.amount * 100), version: d?.expense?.version }); return '已登记'; }}>
        <Form.Item name="payroll" label="职工工资薪金总额（元）" rules={[{ required: true, message: '请填写工资总额' }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="amount" label="列支金额（元）" rules={[{ required: true, message: '请填写金额' }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
      </FormDialog>
    </Card>
  );
}

/** 书记空缺: the pool's candidates in the person's scope (the organisation's street first), and placing one. */
export function ReserveCandidatesCard({ orgId, manage }: { orgId: string; manage: boolean }) {
  const c = useAsync(() => (manage ? getReserveCandidates(orgId) : Promise.resolve(null)), [orgId, manage]);
  const [pick, setPick] = useState<{ id: string; name: string; version: number } | null>(null);
  const { message } = App.useApp();
  if (!manage || !c.data?.vacant) return null;
  return (
    <Card size="small" title={`书记空缺：后备人才（${c.data.total}人）`} style={{ marginBottom: 16 }} data-testid="reserve-candidates">
      <ErrorAlert error={c.error} />
      <List size="small" dataSource={c.data.items} locale={{ emptyText: '后备人才库中暂无可用人选' }} renderItem={(t) => (
        <List.Item actions={[<Button key="p" size="small" onClick={() => setPick({ id: t.id, name: t.name, version: t.version })}>登记使用</Button>]}>
          <span>{t.name}　<Typography.Text type="secondary">{t.skills}；{t.regionName ?? t.orgName ?? ''}</Typography.Text></span>
        </List.Item>
      )} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>登记使用只记入后备人才库的使用记录；任命书记请在“班子成员”中办理。</Typography.Paragraph>
      <FormDialog<{ position: PlacementPosition; placedOn: string }> title={`登记使用：${pick?.name ?? ''}`} open={!!pick} onClose={() => setPick(null)} onDone={c.reload} initialValues={{ position: 'secretary', placedOn: today() }}
        submit={async (v) => { await placeTalent(pick!.id, { version: pick!.version, orgId, position: v.position, placedOn: v.placedOn }); message.info('请在“班子成员”中办理任职'); return '已登记使用'; }}>
        <Form.Item name="position" label="职务"><Select options={PLACEMENT_POSITIONS.map((p) => ({ value: p, label: PLACEMENT_POSITION_LABELS[p] }))} /></Form.Item>
        <Form.Item name="placedOn" label="日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      </FormDialog>
    </Card>
  );
}
