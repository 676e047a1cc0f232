import { Badge } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useAsync } from '../../ui/useAsync';
import { inboxCounts } from './api';

/** The 待办 menu icon with the number of open tasks of the person's role (none shown when zero). */
export function InboxMenuIcon() {
  const counts = useAsync(() => inboxCounts(), []);
  return (
    <Badge count={counts.data?.views.role ?? 0} size="small" overflowCount={999} offset={[6, -2]} data-testid="inbox-menu-count">
      <InboxOutlined />
    </Badge>
  );
}
