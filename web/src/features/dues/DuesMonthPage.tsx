import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Input, Row, Select, Space, Statistic, Table, Tag, message } from 'antd';
import { CalculatorOutlined, LockOutlined, SettingOutlined, UnlockOutlined, UploadOutlined } from '@ant-design/icons';
import type { DuesImportResult, DuesLedgerPage, DuesLedgerRow, DuesMonthQuery } from '../../../../src/contracts/dues';
import { roleAllows } from '../../../../src/domain/permissions';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useFilterParams, useKeysetList } from '../../ui/useKeysetList';
import { RemoteSelect } from '../orgs/ui';
import { searchOrgs } from '../members/api';
import { closeDuesMonth, computeDues, duesExportUrl, importDuesFile, listDuesLedger } from './api';
import { DuesImportAlert } from './DuesImportAlert';
import { ReductionDialog } from './ReductionDialog';
import { SettingsDialog } from './SettingsDialog';
import { ReopenDialog } from './ReopenDialog';
import { lastMonth, yuanText } from './money';
import { PaymentDialog } from './PaymentDialog';
import { BasisDialog } from './BasisDialog';

/**
 * 党费台账: one organisation's month — totals (应交、实交、欠交、返还), every member's row, a payment
 * recorded by hand, a bank or payment-platform file imported (checked first, then all or nothing),
 * the export of exactly these rows; the month closed (结账: amounts frozen, payments still recorded),
 * a member's 少交或免交 and its approval, the local settings for those who may change them. Works at phone width.
 */
const STATUS_TAG = { open: <Tag color="blue">未结账</Tag>, closed: <Tag color="default">已结账</Tag> } as const;
type Totals = DuesLedgerPage['totals'] & { status: DuesLedgerPage['monthStatus']; manageable: boolean };

export function DuesMonthPage() {
  const [params, set] = useFilterParams();
  const orgId = params.get('org') ?? undefined;
  const month = params.get('month') ?? lastMonth();
  const paid = (params.get('paid') as DuesMonthQuery['paid']) ?? undefined;
  const filters = useMemo(() => (orgId ? { orgId, month, paid } : null), [orgId, month, paid]);
  const [tick, setTick] = useState(0);
  const list = useKeysetList((cursor?: string | null) => (filters ? listDuesLedger(filters, cursor) : Promise.resolve({ items: [], nextCursor: null, total: 0 })), `${params.toString()}#${tick}`);
  const [paying, setPaying] = useState<DuesLedgerRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<DuesImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [basis, setBasis] = useState(false);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [reducing, setReducing] = useState<DuesLedgerRow | null>(null);
  const [settings, setSettings] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [lastFile, setLastFile] = useState<File | null>(null);
  const { modal } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const { can, me } = useAuth();
  const manager = can('org.manage');
  // The settings are changed over the whole jurisdiction only (the server decides; this hides the entry from others).
  const settingsEntry = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'org.manage'));
  const toTotals = (p: DuesLedgerPage): Totals => ({ ...p.totals, status: p.monthStatus, manageable: p.manageable });

  const refresh = async () => {
    setTick((t) => t + 1);
    if (filters) {
      const p = await listDuesLedger(filters, null, 1).catch(() => null);
      if (p) setTotals(toTotals(p));
    }
  };
  useEffect(() => {
    setTotals(null);
    if (filters) void listDuesLedger(filters, null, 1).then((p) => setTotals(toTotals(p))).catch(() => {});
  }, [filters]);

  const compute = async () => {
    if (!orgId) return;
    setBusy(true); setError(null);
    try {
      const r = await computeDues(month, orgId);
      void message.success(`已计算${month}党费：${r.rows}条`);
      await refresh();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const close = () => {
    if (!orgId) return;
    modal.confirm({
      title: `结账：${month}党费`, okText: '结账', cancelText: '取消',
      content: '结账后，本月各党员的应交金额固定下来，不再因交纳基数或少交免交的变动而重新计算；结账后仍可登记本月党费的缴纳（含补交）。',
      okButtonProps: { id: 'dues-close-ok' },
      onOk: async () => {
        try {
          await closeDuesMonth(month, orgId);
          void message.success(`${month}党费已结账`);
          await refresh();
        } catch (e) { setError(e); }
      },
    });
  };
  const upload = async (file: File) => {
    setBusy(true); setError(null); setResult(null); setLastFile(file);
    try {
      const r = await importDuesFile(file, false);
      setResult(r);
      if (!r.rejected) await refresh();
    } catch (e) { setError(e); } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <>
      <PageHeader title="党费台账" extra={filters && <ExportButton url={duesExportUrl(filters)} fileName={`党费台账-${month}.xlsx`} testId="dues-export" />} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <div style={{ width: 240, maxWidth: '100%' }} data-testid="dues-org"><RemoteSelect search={searchOrgs} value={orgId} onChange={(v) => set('org', v)} placeholder="选择党组织" /></div>
          <Input type="month" value={month} onChange={(e) => e.target.value && set('month', e.target.value)} style={{ width: 150 }} data-testid="dues-month" aria-label="月份" />
          <Select allowClear placeholder="交纳情况" value={paid} onChange={(v?: string) => set('paid', v)} style={{ width: 120 }}
            options={[{ value: 'unpaid', label: '未交清' }, { value: 'paid', label: '已交清' }]} />
          {manager && orgId && <Button icon={<CalculatorOutlined />} onClick={compute} loading={busy} data-testid="dues-compute">计算本月党费</Button>}
          {manager && <Button onClick={() => setBasis(true)} data-testid="dues-basis">设定交纳基数</Button>}
          {manager && orgId && totals?.manageable && totals.status === 'open' && <Button icon={<LockOutlined />} onClick={close} data-testid="dues-close">结账（关闭本月）</Button>}
          {manager && orgId && totals?.manageable && totals.status === 'closed' && <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="dues-reopen">重新开账</Button>}
          {settingsEntry && <Button icon={<SettingOutlined />} onClick={() => setSettings(true)} data-testid="dues-settings">党费设置</Button>}
          {manager && <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()} loading={busy} data-testid="dues-import">导入缴费文件</Button>}
          <input ref={fileInput} type="file" accept=".xlsx,.csv,.txt" style={{ display: 'none' }} data-testid="dues-import-file"
            onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(f); }} />
        </Flex>
        {!orgId && <Alert type="info" showIcon message="请选择党组织和月份" style={{ marginBottom: 12 }} />}
        <ErrorAlert error={error} style={{ marginBottom: 12 }} />
        {result && <DuesImportAlert result={result} file={lastFile} />}
        {totals && totals.status !== 'none' && orgId && (
          <div style={{ marginBottom: 8 }} data-testid="dues-month-status">{month}：{STATUS_TAG[totals.status]}</div>
        )}
        {totals && (
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="dues-totals">
            <Col xs={12} sm={6}><Statistic title="应交（元）" value={yuanText(totals.dueFen)} /></Col>
            <Col xs={12} sm={6}><Statistic title="实交（元）" value={yuanText(totals.paidFen)} /></Col>
            <Col xs={12} sm={6}><Statistic title="欠交（元）" value={yuanText(totals.arrearsFen)} valueStyle={totals.arrearsFen ? { color: '#cf1322' } : undefined} /></Col>
            <Col xs={12} sm={6}><Statistic title="按比例返还（元）" value={yuanText(totals.returnedFen)} /></Col>
          </Row>
        )}
        {totals?.status === 'none' && orgId && <Alert type="warning" showIcon message={`${month}的党费尚未计算`} style={{ marginBottom: 12 }} />}
        <ErrorAlert error={list.error} />
        <ListTotal loading={list.loading} total={list.total} shown={list.items.length} unit="名党员" testId="dues-total" />
        <Table<DuesLedgerRow> rowKey="id" size="small" pagination={false} loading={list.loading} dataSource={list.items} scroll={{ x: 360 }} data-testid="dues-table"
          columns={[
            { title: '姓名', dataIndex: 'name', width: 80 },
            { title: '应交', key: 'due', width: 70, render: (_, r) => <span title={r.basis}>{yuanText(r.dueFen)}{r.reduced && <Tag style={{ marginInlineStart: 4 }}>减免</Tag>}</span> },
            { title: '实交', key: 'paid', width: 90, render: (_, r) => (r.paidFen ? <>{yuanText(r.paidFen)}<br /><small>{r.paidOn}</small></> : '—') },
            {
              title: '', key: 'act', width: 90, render: (_, r) => (
                <Space direction="vertical" size={2}>
                  {r.paidFen >= r.dueFen
                    ? <Tag color="green">已交清</Tag>
                    : r.manageable ? <Button size="small" onClick={() => setPaying(r)} data-testid={`dues-pay-${r.name}`}>登记</Button> : <Tag color="red">未交</Tag>}
                  <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setReducing(r)} data-testid={`dues-reduce-${r.name}`}>少交/免交</Button>
                </Space>
              ),
            },
          ]} />
        {list.hasMore && <div style={{ textAlign: 'center', marginTop: 16 }}><Button onClick={list.loadMore}>加载更多</Button></div>}
      </Card>
      <BasisDialog orgId={orgId} month={month} open={basis} onClose={() => setBasis(false)} onDone={() => void refresh()} />
      {reducing && <ReductionDialog row={reducing} onClose={() => setReducing(null)} onDone={() => void refresh()} />}
      {reopening && orgId && <ReopenDialog month={month} orgId={orgId} onClose={() => setReopening(false)}
        onDone={() => { setReopening(false); void message.success(`${month}党费已重新开账`); void refresh(); }} />}
      <SettingsDialog open={settings} onClose={() => setSettings(false)} onDone={() => void refresh()} />
      {paying && <PaymentDialog row={paying} onClose={() => setPaying(null)} onDone={() => void refresh()} />}
    </>
  );
}
