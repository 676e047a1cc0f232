import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Progress, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { UnionCoverage } from '../../../../src/contracts/union';
import type { UnionMember, UnionMemberImportResult } from '../../../../src/contracts/union-member';
import { download } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { FormDialog } from '../orgs/ui';
import { listUnions } from './api';
import { addMember, changeMemberStatus, errorReportUrl, importMembers, templateUrl, updateMember } from './member-api';

const day = (d?: Dayjs | null) => d?.format('YYYY-MM-DD');
type Base = { unionId: string; onClose(): void; onDone(): void };

type MemberValues = {
  name?: string; idNumber?: string; phone?: string; joinedOn?: Dayjs | null; cardNumber?: string | null; enterpriseId?: string | null;
  employerName?: string | null; dispatched?: boolean; dispatchEmployerName?: string | null;
};

/** 登记 / 修改会员: the person by ID number (an edit changes the membership only; personal data is the person page's). */
export function MemberFormDialog({ unionId, member, open, coverage, onClose, onDone }: Base & { member: UnionMember | null; open: boolean; coverage: UnionCoverage[] }) {
  const { message } = App.useApp();
  const submit = async (v: MemberValues) => {
    const employer = { enterpriseId: v.enterpriseId || null, employerName: v.enterpriseId ? null : v.employerName || null };
    const fields = { ...employer, joinedOn: day(v.joinedOn) ?? null, cardNumber: v.cardNumber || null, dispatched: !!v.dispatched, dispatchEmployerName: v.dispatched ? v.dispatchEmployerName || null : null };
    const r = member ? await updateMember(member.id, { version: member.version, changes: fields })
      : await addMember(unionId, { name: v.name!, idNumber: v.idNumber!, phone: v.phone || null, ...fields });
    message.success(member ? '已修改' : `已登记${r.member.name}`);
    for (const w of r.warnings) message.warning(w, 8);
  };
  return (
    <FormDialog<MemberValues> key={member?.id ?? 'new'} title={member ? `修改会员：${member.name}` : '登记会员'} open={open} onClose={onClose} submit={submit} onDone={onDone} okText="保存"
      initialValues={member ? { cardNumber: member.cardNumber, enterpriseId: member.enterpriseId, employerName: member.enterpriseId ? undefined : member.employerName, dispatched: member.dispatched, dispatchEmployerName: member.dispatchEmployerName } : { dispatched: false }}>
      {!member && <>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="idNumber" label="公民身份号码" extra="已登记的人员（如党员）按此号码认定为同一人" rules={[{ required: true, message: '请填写公民身份号码' }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="phone" label="手机号"><Input maxLength={20} /></Form.Item>
      </>}
      <Form.Item name="joinedOn" label="入会日期"><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="cardNumber" label="会员证号"><Input maxLength={40} /></Form.Item>
      <Form.Item name="enterpriseId" label="工作单位（本工会覆盖的企业）">
        <Select allowClear placeholder="选择覆盖企业，或在下方填写单位名称" options={coverage.filter((c) => !c.until).map((c) => ({ value: c.enterpriseId, label: c.enterpriseName }))} />
      </Form.Item>
      <Form.Item name="employerName" label="工作单位（其他单位名称）"><Input maxLength={200} /></Form.Item>
      <Form.Item name="dispatched" label="劳务派遣工" valuePropName="checked"><Switch /></Form.Item>
      <Form.Item noStyle dependencies={['dispatched']}>
        {({ getFieldValue }) => getFieldValue('dispatched') && <Form.Item name="dispatchEmployerName" label="派遣单位"><Input maxLength={200} /></Form.Item>}
      </Form.Item>
    </FormDialog>
  );
}

const KIND_LABEL = { retain: '保留会籍', reinstate: '恢复会籍', transfer: '转出', leave: '退会' } as const;
export type StatusKind = keyof typeof KIND_LABEL;
type StatusValues = { on: Dayjs; reason: string; targetUnionId?: string };

/** 会籍变动 with a date and a reason; 转出 names a union the user manages (else the server refuses). */
export function MemberStatusDialog({ unionId, member, kind, onClose, onDone }: Base & { member: UnionMember | null; kind: StatusKind | null }) {
  const [unions, setUnions] = useState<Array<{ value: string; label: string }>>([]);
  const { message } = App.useApp();
  const search = async (q: string) => {
    const page = await listUnions({ q: q || undefined, status: 'active' }, null, 20);
    setUnions(page.items.filter((u) => u.id !== unionId && u.access === 'full').map((u) => ({ value: u.id, label: u.name })));
  };
  useEffect(() => { if (kind === 'transfer') void search(''); }, [kind]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!member || !kind) return null;
  const submit = async (v: StatusValues) => {
    const r = await changeMemberStatus(member.id, { version: member.version, kind, on: day(v.on)!, reason: v.reason, targetUnionId: v.targetUnionId });
    message.success(`已办理${KIND_LABEL[kind]}`);
    for (const w of r.warnings) message.info(w, 8);
  };
  return (
    <FormDialog<StatusValues> key={`${member.id}:${kind}`} title={`${KIND_LABEL[kind]}：${member.name}`} open onClose={onClose} submit={submit} onDone={onDone}>
      {kind === 'transfer' && <Form.Item name="targetUnionId" label="转入的工会（须由您管理）" rules={[{ required: true, message: '请选择转入的工会' }]}>
        <Select showSearch filterOption={false} onSearch={(q) => void search(q)} options={unions} />
      </Form.Item>}
      <Form.Item name="on" label="办理日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
    </FormDialog>
  );
}

/** 导入会员名册: template, dry run, upload with progress; rejected rows listed with a downloadable report. */
export function MemberImportDialog({ unionId, open, onClose, onDone }: Base & { open: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<UnionMemberImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  useEffect(() => { if (open) { setFile(null); setResult(null); setError(null); setProgress(null); setDryRun(true); } }, [open]);
  const run = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const r = await importMembers(unionId, file, dryRun, (f) => setProgress(Math.round(f * 100)));
      setResult(r);
      if (r.applied) onDone();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const save = (url: string, name: string) => download(url, name).catch((e: unknown) => message.error(errorMessage(e)));
  return (
    <Modal title="导入会员名册" open={open} onCancel={onClose} width={720} footer={<Space>
      <Button onClick={onClose}>关闭</Button><Button type="primary" disabled={!file || progress !== null} onClick={run} data-testid="um-import-run">{dryRun ? '试运行' : '导入'}</Button>
    </Space>}>
      <Typography.Paragraph>
        列：姓名、性别、公民身份号码、手机号、入会日期、会员证号、工作单位、是否劳务派遣、派遣单位、会籍状态。任一行有错误时整个文件不导入。
        <Button type="link" onClick={() => void save(templateUrl, '工会会员名册导入模板.xlsx')}>下载模板</Button>
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <input type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="um-import-file" />
        <Radio.Group value={dryRun} onChange={(e) => setDryRun(e.target.value as boolean)} options={[{ label: '试运行（只检查）', value: true }, { label: '正式导入', value: false }]} />
      </Space>
      {progress !== null && <Progress percent={progress} size="small" />}
      <ErrorAlert error={error} />
      {result && <>
        <Alert type={result.rejected ? 'error' : 'success'} showIcon style={{ marginBottom: 8 }} message={result.rejected
          ? `共 ${result.rows} 行，${result.rejected} 行有错误，整个文件未导入`
          : `${result.applied ? '已导入' : '检查通过'}：共 ${result.rows} 行，新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}${result.rosterStarted ? '；本工会自今日起按名册统计会员数' : ''}`}
          action={result.rejected ? <Button size="small" onClick={() => void save(errorReportUrl(result.importId), '错误行.xlsx')}>下载错误报告</Button> : undefined} />
        <Table size="small" rowKey={(r) => `${r.row}:${r.column}:${r.code}`} pagination={{ pageSize: 8 }} scroll={{ x: 'max-content' }}
          dataSource={[...result.errors, ...result.warnings.map((w) => ({ ...w, message: `（提示）${w.message}` }))]}
          columns={[{ title: '行', dataIndex: 'row', key: 'row' }, { title: '列', dataIndex: 'column', key: 'column' }, { title: '说明', dataIndex: 'message', key: 'message' }]} />
      </>}
    </Modal>
  );
}
