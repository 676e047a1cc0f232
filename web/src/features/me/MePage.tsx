import { useState } from 'react';
import { Button, Card, Descriptions, Empty, List, Tag } from 'antd';
import { MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from '../../../../src/domain/member';
import { DECLARATION_STATUS_LABELS, TRANSFER_STATUS_LABELS } from '../../../../src/domain/member-transfer';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useAsync } from '../../ui/useAsync';
import { DeclarationDialog } from '../transfers/DeclarationForm';
import { MyDuesCard } from '../dues/MyDuesCard';
import { getMyMember } from './api';

/**
 * 我的 — a phone-width page for a member's own account: my record (masked), my organisation and its
 * secretary, my transfer, my 亮身份 declarations and a button to declare.
 */
export function MePage() {
  const me = useAsync(getMyMember, []);
  const [declaring, setDeclaring] = useState(false);
  const notLinked = me.error instanceof ApiError && me.error.status === 404;
  const d = me.data;
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <PageHeader title="我的" extra={<Button type="primary" onClick={() => setDeclaring(true)} data-testid="me-declare">亮身份申报</Button>} />
      {notLinked ? <Card><Empty description="您的账号尚未关联党员信息。在非公企业工作的党员，可点击“亮身份申报”。" /></Card> : <ErrorAlert error={me.error} />}
      {d?.member && (
        <Card title="我的党员信息" size="small" style={{ marginBottom: 12 }} data-testid="me-member">
          <Descriptions column={1} size="small" items={[
            { label: '姓名', children: d.name },
            { label: '身份证号码', children: d.idNumber ?? '—' },
            { label: '联系电话', children: d.phone ?? '—' },
            { label: '党员类别', children: MEMBER_CATEGORY_LABELS[d.member.category] },
            { label: '状态', children: MEMBER_STATUS_LABELS[d.member.status] },
            { label: '入党日期', children: d.member.joinedOn ?? '—' },
            { label: '所在党组织', children: d.member.orgName },
            { label: '党组织书记', children: d.member.secretaryName ?? '暂无' },
            { label: '工作单位', children: d.member.enterpriseName ?? '—' },
          ]} />
        </Card>
      )}
      {d?.member && <MyDuesCard />}
      {d?.transfer && (
        <Card title="组织关系转接" size="small" style={{ marginBottom: 12 }} data-testid="me-transfer">
          <Descriptions column={1} size="small" items={[
            { label: '介绍信', children: d.transfer.letterNo ?? '—' },
            { label: '转出', children: d.transfer.fromOrgName ?? '—' },
            { label: '接收', children: d.transfer.toOrgName ?? '—' },
            { label: '状态', children: <Tag>{TRANSFER_STATUS_LABELS[d.transfer.status]}</Tag> },
            { label: '有效期至', children: d.transfer.validUntil ?? '—' },
          ]} />
        </Card>
      )}
      {d && (
        <Card title="我的亮身份申报" size="small" data-testid="me-declarations">
          <List size="small" dataSource={d.declarations} locale={{ emptyText: '暂无申报' }} renderItem={(x) => (
            <List.Item><div>{x.enterpriseName}（{x.namedOrg}）<br /><Tag>{DECLARATION_STATUS_LABELS[x.status]}</Tag>{x.reason}</div></List.Item>
          )} />
        </Card>
      )}
      {declaring && <DeclarationDialog open onClose={() => setDeclaring(false)} onDone={me.reload} />}
    </div>
  );
}
