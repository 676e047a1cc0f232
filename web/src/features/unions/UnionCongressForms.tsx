import { Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  CONGRESS_KIND_LABELS, CONGRESS_KINDS, CONGRESS_MATTER_LABELS, CONGRESS_MATTERS, type CongressKind, type CongressMatter,
} from '../../../../src/domain/union-committee';
import { DATE_RULE, FormDialog, today } from '../orgs/ui';
import { addCongress } from './api';
import { addResolution, updateCongress, type CongressSession, type CongressView } from './union-committee-api';

/**
 * The 职代会 card's forms (docs/unions.md "职工代表大会"): a session with who should attend, the
 * managers among them and who came, and its resolutions with the votes. Whether a resolution passed
 * is the server's verdict (more than half of ALL representatives), never typed here.
 */
type Common = { open: boolean; onClose: () => void; onDone: () => void; onReload: () => void };

const KIND_OPTIONS = CONGRESS_KINDS.map((value) => ({ value, label: CONGRESS_KIND_LABELS[value] }));
const MATTER_OPTIONS = CONGRESS_MATTERS.map((value) => ({ value, label: CONGRESS_MATTER_LABELS[value] }));
const NUMBER = { style: { width: '100%' }, precision: 0 } as const;

const atMostRepresentatives = (message: string): Rule => ({ getFieldValue }) => ({
  validator: (_, v?: number | null) => {
    const reps = getFieldValue('representatives') as number | null | undefined;
    return v == null || reps == null || v <= reps ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

type SessionValues = {
  heldOn: string; kind: CongressKind; session?: string; employees?: number | null; representatives?: number | null;
  managers?: number | null; present?: number | null; matters?: CongressMatter[]; notes?: string;
};
const fields = (v: SessionValues) => ({
  heldOn: v.heldOn, kind: v.kind, session: v.session?.trim() || null, notes: v.notes?.trim() || null, employees: v.employees ?? null,
  representatives: v.representatives ?? null, managers: v.managers ?? null, present: v.present ?? null, matters: v.matters ?? [],
});

/** The managers' share as it is typed, against the province's ceiling when it has one (上海、浙江 20%). */
function ManagersShare({ maxPercent }: { maxPercent: number | null }) {
  return (
    <Form.Item noStyle dependencies={['managers', 'representatives']}>
      {({ getFieldValue }) => {
        const m = getFieldValue('managers') as number | null | undefined;
        const r = getFieldValue('representatives') as number | null | undefined;
        if (m == null || !r) return null;
        const share = Math.round((m / r) * 1000) / 10;
        const over = maxPercent != null && m * 100 > r * maxPercent;
        return <Typography.Paragraph type={over ? 'warning' : 'secondary'} style={{ marginTop: -16 }} data-testid="congress-managers-share">
          管理人员代表占 {share}%{maxPercent != null ? `（本地规定不超过${maxPercent}%）` : ''}
        </Typography.Paragraph>;
      }}
    </Form.Item>
  );
}

/** 登记 (no `session`) or 修改 a session at its version. */
export function CongressSessionDialog({ unionId, view, session, ...rest }: Common & { unionId: string; view: CongressView; session: CongressSession | null }) {
  const initial: Partial<SessionValues> = session
    ? {
      heldOn: session.heldOn, kind: session.kind, session: session.session ?? undefined, notes: session.notes ?? undefined, employees: session.employees,
      representatives: session.representatives, managers: session.managers, present: session.present, matters: session.matters,
    }
    : { heldOn: today(), kind: view.form ?? 'congress', employees: view.employees, matters: [] };
  const submit = async (v: SessionValues) => {
    if (session) await updateCongress(session.id, { version: session.version, ...fields(v) });
    else await addCongress(unionId, fields(v));
    return session ? '已保存' : '已登记';
  };
  const min = view.rule.minimum;
  return (
    <FormDialog<SessionValues> key={session?.id ?? 'new'} title={session ? '修改职代会记录' : '登记职代会（职工大会）'} {...rest} submit={submit}
      initialValues={initial} testId="congress-form" serverFields={[]}>
      <Form.Item name="heldOn" label="召开日期" rules={[DATE_RULE]}><Input type="date" max={today()} /></Form.Item>
      <Form.Item name="kind" label="形式" rules={[{ required: true, message: '请选择形式' }]} extra={view.formText}>
        <Select options={KIND_OPTIONS} />
      </Form.Item>
      <Form.Item name="session" label="届次"><Input maxLength={60} placeholder="如：第三届第二次" /></Form.Item>
      <Form.Item name="employees" label="职工人数"><InputNumber min={0} {...NUMBER} /></Form.Item>
      <Form.Item name="representatives" label="应到人数（职工代表；职工大会为全体职工）"
        extra={min != null ? `本地规定职工代表不少于${min}人` : undefined}><InputNumber min={1} {...NUMBER} /></Form.Item>
      <Form.Item name="managers" label="其中中层以上管理人员" dependencies={['representatives']}
        rules={[atMostRepresentatives('管理人员代表不能多于代表总数')]}><InputNumber min={0} {...NUMBER} /></Form.Item>
      <ManagersShare maxPercent={view.rule.managersMaxPercent} />
      <Form.Item name="present" label="实到人数" dependencies={['representatives']} extra="出席须达到应到人数的三分之二"
        rules={[atMostRepresentatives('实到人数不能多于应到人数')]}><InputNumber min={0} {...NUMBER} /></Form.Item>
      <Form.Item name="matters" label="审议事项"><Checkbox.Group options={MATTER_OPTIONS} /></Form.Item>
      <Form.Item name="notes" label="备注"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
    </FormDialog>
  );
}

type ResolutionValues = { title: string; matter?: CongressMatter | null; votesFor: number; votesAgainst?: number; votesAbstain?: number };

/** A resolution with its votes; their sum may not exceed those present (checked here and by the server). */
export function ResolutionDialog({ session, ...rest }: Common & { session: CongressSession | null }) {
  const limit = session?.present ?? session?.representatives ?? null;
  const sumOk: Rule = ({ getFieldValue }) => ({
    validator: () => {
      const sum = ['votesFor', 'votesAgainst', 'votesAbstain'].reduce((n, k) => n + ((getFieldValue(k) as number | undefined) ?? 0), 0);
      return limit == null || sum <= limit ? Promise.resolve() : Promise.reject(new Error(`票数之和（${sum}）多于${session?.present != null ? '实到' : '应到'}人数（${limit}）`));
    },
  });
  return (
    <FormDialog<ResolutionValues> key={session?.id} title="登记决议及表决结果" {...rest} testId="resolution-form" serverFields={[]}
      intro={session && <Typography.Paragraph type="secondary">{session.heldOn} {session.kindLabel}{session.session ? ` ${session.session}` : ''}
        {session.representatives != null ? `，应到${session.representatives}人、实到${session.present ?? '—'}人` : ''}</Typography.Paragraph>}
      initialValues={{ votesAgainst: 0, votesAbstain: 0 }}
      submit={async (v) => {
        const r = await addResolution(session!.id, { title: v.title, matter: v.matter ?? null, votesFor: v.votesFor, votesAgainst: v.votesAgainst ?? 0, votesAbstain: v.votesAbstain ?? 0 });
        return `已登记决议：${r.outcomeLabel}`;
      }}>
      <Form.Item name="title" label="决议事项" rules={[{ required: true, whitespace: true, message: '请填写决议事项' }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="matter" label="事项类别"><Select allowClear options={MATTER_OPTIONS} /></Form.Item>
      <Form.Item name="votesFor" label="赞成票" dependencies={['votesAgainst', 'votesAbstain']} extra="是否通过由系统按全体代表过半数判定"
        rules={[{ required: true, message: '请填写赞成票数' }, sumOk]}><InputNumber min={0} {...NUMBER} /></Form.Item>
      <Form.Item name="votesAgainst" label="反对票"><InputNumber min={0} {...NUMBER} /></Form.Item>
      <Form.Item name="votesAbstain" label="弃权票"><InputNumber min={0} {...NUMBER} /></Form.Item>
    </FormDialog>
  );
}
