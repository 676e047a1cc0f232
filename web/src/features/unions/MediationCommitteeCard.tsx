import { Link } from 'react-router-dom';
import { Card, List, Typography } from 'antd';
import { useAsync } from '../../ui/useAsync';
import { getBodies } from './mediation-api';

/** On a union's page: the 劳动争议调解委员会 linked to it (docs/unions.md "劳动争议调解"); nothing when none. */
export function MediationCommitteeCard({ unionId }: { unionId: string }) {
  const bodies = useAsync(() => getBodies({ unionId }), [unionId]);
  const items = bodies.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title="劳动争议调解委员会" style={{ marginBottom: 12 }} data-testid="union-mediation-card">
      <List size="small" dataSource={items} renderItem={(b) => <List.Item>
        <Link to={`/mediation/bodies/${b.id}`}>{b.name}</Link>
        <Typography.Text type="secondary">{b.enterpriseName ?? ''}{b.openCases ? ` · 在办案件${b.openCases}件` : ''}</Typography.Text>
      </List.Item>} />
    </Card>
  );
}
