import { useRef } from 'react';
import { Button, Card, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { FormListFieldData } from 'antd';
import {
  COMMITTEE_ROLE_LABELS, COMMITTEE_ROLES, ELECTION_METHOD_LABELS, ELECTION_METHODS, type CommitteeRole, type ElectionMethod,
} from '../../../../src/domain/union-committee';
import type { PickOption } from '../orgs/api';
import { searchPeople } from '../orgs/api';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { addSeat, endSeat, recordElection, updateSeat, type CommitteeSeat } from './union-committee-api';

/**
 * The 委员会 card's forms (docs/unions.md "委员会与换届选举"): 换届选举 with the committee it elected,
 * 增补委员, 修改 and 离任. The 近亲属 declaration is asked of every seat and never answered for the
 * person; a "是" goes to the server, which refuses it citing 《工会法》第十条 — shown by the field.
 */
type Common = { open: boolean; onClose: () => void; onDone: () => void; onReload: () => void };

const ROLE_OPTIONS = COMMITTEE_ROLES.map((value) => ({ value, label: COMMITTEE_ROLE_LABELS[value] }));
const METHOD_OPTIONS = ELECTION_METHODS.map((value) => ({ value, label: ELECTION_METHOD_LABELS[value] }));
const YES_NO = [{ value: false, label: '否' }, { value: true, label: '是' }];
const FULL_TIME = [{ value: false, label: '兼职' }, { value: true, label: '专职' }];
const NOT_FUTURE = { validator: (_: unknown, v?: string) => (!v || v <= today() ? Promise.resolve() : Promise.reject(new Error('日期不能晚于今天'))) };

type SeatValues = { personId: string; role: CommitteeRole; fullTime: boolean; closeRelative: boolean; votes?: number };

/** One seat's fields; inside the election's list `at` is the list entry, alone it is undefined. */
function SeatFields({ at, search, withPerson = true }: { at?: number; search: (q: string) => Promise<PickOption[]>; withPerson?: boolean }) {
  const n = (f: string) => (at === undefined ? f : [at, f]);
  return <>
    {withPerson && <Form.Item name={n('personId')} label="人员" rules={[{ required: true, message: '请选择人员' }]}>
      <RemoteSelect search={search} placeholder="输入姓名搜索（本辖区人员）" />
    </Form.Item>}
    <Form.Item name={n('role')} label="职务" rules={[{ required: true, message: '请选择职务' }]}>
      <Select options={ROLE_OPTIONS} />
    </Form.Item>
    <Form.Item name={n('fullTime')} label="专职或兼职"><Radio.Group options={FULL_TIME} /></Form.Item>
    <Form.Item name={n('closeRelative')} label="是否为企业主要负责人的近亲属"
      rules={[{ required: true, message: '请申报是否为企业主要负责人的近亲属' }]}>
      <Radio.Group options={YES_NO} />
    </Form.Item>
  </>;
}

/** The person search, remembering the names it offered so the vote summary can name whom it counts. */
function usePeopleSearch() {
  const names = useRef(new Map<string, string>());
  const search = async (q: string) => {
    const found = await searchPeople(q);
    for (const o of found) names.current.set(o.value, o.label.split('（')[0]);
    return found;
  };
  return { search, nameOf: (id: string) => names.current.get(id) ?? '' };
}

type ElectionValues = {
  heldOn: string; termYears: 3 | 5; method?: ElectionMethod; voters?: number; voted?: number; notes?: string; seats: SeatValues[];
};

/**
 * The ballot's numbers (应到、实到、each one's votes) have no column of their own: they are written at
 * the head of the election's notes, which the committee's history and export already carry.
 */
function voteNotes(v: ElectionValues, nameOf: (id: string) => string): string | null {
  const counts = [v.voters != null ? `应到${v.voters}人` : '', v.voted != null ? `实到${v.voted}人` : ''].filter(Boolean).join('，');
  const votes = v.seats.filter((s) => s.votes != null).map((s) => `${nameOf(s.personId)}${s.votes}票`).join('、');
  const text = [counts, votes ? `得票：${votes}` : '', v.notes?.trim() ?? ''].filter(Boolean).join('；');
  return text || null;
}

function ElectionSeats({ search }: { search: (q: string) => Promise<PickOption[]> }) {
  const unique = {
    validator: async (_: unknown, seats?: SeatValues[]) => {
      if (!seats?.length) throw new Error('至少选举产生一名委员（或组织员）');
      const ids = seats.map((s) => s?.personId).filter(Boolean);
      if (new Set(ids).size !== ids.length) throw new Error('同一人员不能重复当选');
      if (seats.filter((s) => s?.role === 'chair').length > 1) throw new Error('主席只能有一名');
    },
  };
  const seatCard = (f: FormListFieldData, i: number, remove: (n: number) => void) => (
    <Card size="small" key={f.key} title={`当选人 ${i + 1}`} style={{ marginBottom: 8 }} data-testid={`election-seat-${i}`}
      extra={<Button size="small" type="link" danger onClick={() => remove(f.name)}>删除</Button>}>
      <SeatFields at={f.name} search={search} />
      <Form.Item name={[f.name, 'votes']} label="得票数"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
    </Card>
  );
  return (
    <Form.List name="seats" rules={[unique]}>
      {(fields, { add, remove }, { errors }) => <>
        {fields.map((f, i) => seatCard(f, i, remove))}
        <Button type="dashed" block onClick={() => add({ role: fields.length ? 'member' : 'chair', fullTime: false })} data-testid="election-add-seat">
          增加当选人
        </Button>
        <Form.ErrorList errors={errors} />
      </>}
    </Form.List>
  );
}

/** 换届选举 at the union's version: the union's term follows it, open seats end on its day. */
export function ElectionDialog({ unionId, unionVersion, ...rest }: Common & { unionId: string; unionVersion: number }) {
  const { search, nameOf } = usePeopleSearch();
  const submit = async (v: ElectionValues) => {
    const r = await recordElection(unionId, {
      version: unionVersion, heldOn: v.heldOn, termYears: v.termYears, method: v.method, notes: voteNotes(v, nameOf),
      seats: v.seats.map((s) => ({ personId: s.personId, role: s.role, fullTime: s.fullTime, closeRelative: s.closeRelative })),
    });
    return `已登记换届选举，任期至${r.election.termEndsOn}${r.endedSeats ? `；上届${r.endedSeats}名委员已离任` : ''}`;
  };
  return (
    <FormDialog<ElectionValues> title="登记换届选举" {...rest} submit={submit} testId="election-form" serverFields={[]}
      initialValues={{ heldOn: today(), method: 'members', seats: [{ role: 'chair', fullTime: false } as SeatValues] }}>
      <Form.Item name="heldOn" label="选举日期" rules={[DATE_RULE, NOT_FUTURE]}><Input type="date" max={today()} /></Form.Item>
      <Form.Item name="termYears" label="任期" rules={[{ required: true, message: '基层工会委员会任期为三年或五年' }]}
        extra="《工会法》第十六条：基层工会委员会每届任期三年或者五年">
        <Radio.Group options={[{ value: 3, label: '三年' }, { value: 5, label: '五年' }]} />
      </Form.Item>
      <Form.Item name="method" label="选举方式"><Select options={METHOD_OPTIONS} /></Form.Item>
      <Form.Item name="voters" label="应到人数（会员或会员代表）"><InputNumber min={1} style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="voted" label="实到人数" dependencies={['voters']} rules={[({ getFieldValue }) => ({
        validator: (_, v?: number) => (v == null || getFieldValue('voters') == null || v <= getFieldValue('voters') ? Promise.resolve() : Promise.reject(new Error('实到人数不能多于应到人数'))),
      })]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
      <ElectionSeats search={search} />
      <Form.Item name="notes" label="备注" style={{ marginTop: 16 }}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
    </FormDialog>
  );
}

/** 增补委员: one seat between elections, under the union's row lock on the server. */
export function SeatAddDialog({ unionId, ...rest }: Common & { unionId: string }) {
  const { search } = usePeopleSearch();
  return (
    <FormDialog<SeatValues & { since: string }> title="增补委员" {...rest} testId="seat-add-form" serverFields={['seat']}
      initialValues={{ since: today(), role: 'member', fullTime: false }}
      submit={async (v) => {
        const s = await addSeat(unionId, { personId: v.personId, role: v.role, fullTime: v.fullTime, closeRelative: v.closeRelative, since: v.since });
        return `已增补${s.personName}为${COMMITTEE_ROLE_LABELS[s.role]}`;
      }}>
      <SeatFields search={search} />
      <Form.Item name="since" label="任职日期" rules={[DATE_RULE, NOT_FUTURE]}><Input type="date" max={today()} /></Form.Item>
    </FormDialog>
  );
}

/** 修改: role, 专职/兼职, and a declaration that has turned to "是" (recorded with its day; the finding shows). */
export function SeatEditDialog({ seat, ...rest }: Common & { seat: CommitteeSeat | null }) {
  return (
    <FormDialog<Omit<SeatValues, 'personId'>> key={seat?.id} title={`修改委员：${seat?.personName ?? ''}`} {...rest} serverFields={[]}
      initialValues={seat ? { role: seat.role, fullTime: seat.fullTime, closeRelative: seat.closeRelative } : undefined}
      submit={async (v) => { await updateSeat(seat!.id, { version: seat!.version, ...v }); return '已保存'; }}>
      <SeatFields search={searchPeople} withPerson={false} />
    </FormDialog>
  );
}

/** 离任 with a day and a reason, at the seat's version. */
export function SeatEndDialog({ seat, ...rest }: Common & { seat: CommitteeSeat | null }) {
  return (
    <FormDialog<{ until: string; reason: string }> key={seat?.id} title={`委员离任：${seat?.personName ?? ''}`} {...rest} serverFields={[]}
      testId="seat-end-form" initialValues={{ until: today() }}
      submit={async (v) => { await endSeat(seat!.id, { version: seat!.version, ...v }); return '已登记离任'; }}>
      <Form.Item name="until" label="离任日期" rules={[DATE_RULE, NOT_FUTURE]} extra={seat ? `任职自${seat.since}` : undefined}>
        <Input type="date" max={today()} />
      </Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写离任原因' }]}>
        <Input placeholder="如：工作调动、辞职" maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
