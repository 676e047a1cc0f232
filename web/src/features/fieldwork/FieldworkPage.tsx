import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, List, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ExportButton, ListTotal } from '../../ui/ListTools';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getMyAssignments, getMyVisits, MY_VISITS_XLSX } from './api';
import { VisitDialog } from './VisitDialog';

/**
 * 实地走访 — the instructor's phone page (docs/inbox.md): the enterprises assigned to them, each one
 * tap from the visit form; below, their own visits with the total and an export.
 */
export function FieldworkPage() {
  const mine = useAsync(getMyAssignments, []);
  const visits = useAsync(() => getMyVisits(), []);
  const [visiting, setVisiting] = useState<{ id: string; name: string } | null>(null);
  const notInstructor = mine.error instanceof ApiError && mine.error.details.some((d) => d.code === 'NOT_AN_INSTRUCTOR');
  const reload = () => { mine.reload(); visits.reload(); };
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <PageHeader title="实地走访" />
      {notInstructor ? <Card><Empty description={mine.error instanceof Error ? mine.error.message : ''} /></Card> : <ErrorAlert error={mine.error} />}
      {mine.data && (
        <Card title={`我联系的企业（${mine.data.total}）`} size="small" style={{ marginBottom: 12 }} data-testid="my-enterprises">
          <List dataSource={mine.data.items} locale={{ emptyText: '暂无分配联系的企业' }} renderItem={(a) => (
            <List.Item actions={[<Button key="v" type="primary" onClick={() => setVisiting({ id: a.enterpriseId, name: a.enterpriseName })} data-testid="visit-button">登记走访</Button>]}>
              <List.Item.Meta title={<Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link>}
                description={<>{a.lastVisitOn ? `上次走访 ${a.lastVisitOn}` : '尚未走访'}{a.openTaskId && <Tag color="orange" style={{ marginLeft: 8 }}>问题待整改</Tag>}</>} />
            </List.Item>
          )} />
        </Card>
      )}
      {visits.data && (
        <Card title="我的走访记录" size="small" extra={<ExportButton url={MY_VISITS_XLSX} fileName="我的走访记录.xlsx" />} data-testid="my-visits">
          <ListTotal loading={visits.loading} total={visits.data.total} shown={visits.data.items.length} unit="次走访" />
          <List dataSource={visits.data.items} renderItem={(v) => (
            <List.Item>
              <List.Item.Meta title={<>{v.visitedOn} <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterpriseName}</Link></>}
                description={<>{v.findingLabels.map((l) => <Tag key={l} color={l === '问题已整改' ? 'green' : 'orange'}>{l}</Tag>)}
                  {v.notes && <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>{v.notes}</Typography.Paragraph>}</>} />
            </List.Item>
          )} />
        </Card>
      )}
      <VisitDialog enterprise={visiting} onClose={() => setVisiting(null)} onDone={reload} />
    </div>
  );
}
