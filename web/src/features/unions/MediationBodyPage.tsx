import { Link, useParams } from 'react-router-dom';
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { CHAIR_BASIS_LABEL, MEDIATION_BODY_KIND_LABEL, MEDIATOR_BASIS_LABEL, MEDIATOR_SIDE_LABEL } from '../../../../src/domain/mediation';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { getBody, type MediationBodyDetail } from './mediation-api';

type Member = MediationBodyDetail['members'][number];

/** A mediation body: its place, union, members (《劳动争议调解仲裁法》第十条) and a link to its cases. */
export function MediationBodyPage() {
  const { id = '' } = useParams();
  const b = useAsync(() => getBody(id), [id]);
  const d = b.data;
  return (
    <>
      <PageHeader title={d?.name ?? '调解组织'} extra={<Link to="/mediation">返回劳动争议调解</Link>} />
      <ErrorAlert error={b.error} />
      {d && <>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { label: '类别', children: MEDIATION_BODY_KIND_LABEL[d.kind] },
            { label: '所在街道', children: d.streetName ?? '—' },
            ...(d.enterpriseId ? [{ label: '所在企业', children: <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link> }] : []),
            ...(d.unionId ? [{ label: '企业工会', children: <Link to={`/unions/${d.unionId}`}>{d.unionName}</Link> }] : []),
            { label: '成立日期', children: d.foundedOn ?? '—' },
            { label: '在办案件', children: d.openCases },
          ]} />
          {d.chairMissing && <Typography.Text type="warning">未登记调解委员会主任（主任由工会成员或者双方推举的人员担任，《劳动争议调解仲裁法》第十条）</Typography.Text>}
        </Card>
        {d.kind === 'enterprise' && <Card size="small" title={`组成人员（${d.members.filter((m) => !m.until).length}人在任）`}>
          <Table rowKey="id" size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={d.members}
            columns={[
              { title: '姓名', dataIndex: 'name', render: (n: string, m: Member) => <>{n}{m.chair ? <Tag color="red" style={{ marginLeft: 6 }}>主任</Tag> : null}</> },
              { title: '代表', dataIndex: 'side', render: (s: Member['side']) => MEDIATOR_SIDE_LABEL[s] },
              { title: '产生方式', dataIndex: 'basis', render: (v: Member['basis'], m: Member) => `${MEDIATOR_BASIS_LABEL[v]}${m.chairBasis ? `；主任${CHAIR_BASIS_LABEL[m.chairBasis]}` : ''}` },
              { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
              { title: '任职', key: 'since', render: (m: Member) => `${m.since}${m.until ? ` 至 ${m.until}（已离任）` : ' 起'}` },
            ]} />
        </Card>}
      </>}
    </>
  );
}
