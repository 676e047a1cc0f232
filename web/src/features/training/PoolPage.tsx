import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TalentSummary } from '../../../../src/contracts/reserve-pool';
import { AVAILABILITIES, AVAILABILITY_LABELS, PLACEMENT_POSITION_LABELS, TALENT_STATUS_LABELS, type Availability } from '../../../../src/domain/support';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { DATE_RULE, FormDialog, RemoteSelect, today } from '../orgs/ui';
import { apiGet } from '../../api/client';
import { createTalent, listTalents } from './api';

type Values = { personId: string; recommender: string; recommendedOn: string; skills: string; availability: Availability };

/**
 * 党务工作后备人才库: the entries the person sees (name, 特长, 可任职情况, 状态, who recommended them, the
 * last placement) with the total and the export; 推荐入库 picks a person from the people records.
 * Placing an entry is offered where a secretary post is vacant (the organisation page).
 */
export function PoolPage() {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const list = useAsync(() => listTalents(q || undefined), [q]);
  const searchPeople = async (text: string) => (await apiGet<{ items: Array<{ id: string; name: string }> }>('/api/people', { name: text, limit: 20 })).items.map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <PageHeader title="党务工作后备人才库" extra={<Space wrap>
        <Input.Search allowClear placeholder="姓名或特长" onSearch={setQ} style={{ width: 200 }} />
        <Button type="primary" onClick={() => setOpen(true)} data-testid="pool-add">推荐入库</Button>
      </Space>} />
      <ErrorAlert error={list.error} />
      <Card size="small" extra={<ExportButton url={`/api/reserve-pool/export.xlsx${q ? `?q=${encodeURIComponent(q)}` : ''}`} fileName="党务工作后备人才库.xlsx" />}>
        <ListTotal loading={list.loading} total={list.data?.total ?? null} shown={list.data?.items.length ?? 0} unit="人" testId="pool-total" />
        <Table<TalentSummary> rowKey="id" size="small" scroll={{ x: true }} pagination={false} loading={list.loading} dataSource={list.data?.items ?? []} columns={[
          { title: '姓名', dataIndex: 'name' }, { title: '特长', dataIndex: 'skills' },
          { title: '可任职情况', key: 'a', render: (_, r) => AVAILABILITY_LABELS[r.availability] },
          { title: '状态', key: 's', render: (_, r) => <Tag>{TALENT_STATUS_LABELS[r.status]}</Tag> },
          { title: '推荐', key: 'r', render: (_, r) => `${r.recommender}（${r.recommendedOn}）` },
          { title: '最近使用', key: 'p', render: (_, r) => (r.lastPlacement ? `${r.lastPlacement.placedOn} ${r.lastPlacement.orgName}${PLACEMENT_POSITION_LABELS[r.lastPlacement.position]}` : '—') },
        ]} />
      </Card>
      <FormDialog<Values> title="推荐入库" open={open} onClose={() => setOpen(false)} onDone={list.reload} initialValues={{ recommendedOn: today(), availability: 'partTime' }}
        submit={async (v) => { await createTalent(v); return '已入库'; }}>
        <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}><RemoteSelect search={searchPeople} placeholder="输入姓名查找" /></Form.Item>
        <Form.Item name="skills" label="特长" rules={[{ required: true, whitespace: true, message: '请填写特长' }]}><Input maxLength={500} /></Form.Item>
        <Form.Item name="availability" label="可任职情况"><Select options={AVAILABILITIES.map((a) => ({ value: a, label: AVAILABILITY_LABELS[a] }))} /></Form.Item>
        <Form.Item name="recommender" label="推荐人（单位）" rules={[{ required: true, whitespace: true, message: '请填写推荐人' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="recommendedOn" label="推荐日期" rules={[DATE_RULE]}><Input type="date" /></Form.Item>
      </FormDialog>
    </>
  );
}
