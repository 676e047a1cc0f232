import { Alert, Typography } from 'antd';

/**
 * What a reader is told when a record is seen only through a link to an enterprise in their area
 * (docs/organisations.md, "Seeing partly"), or when it is managed by another office. Counts only:
 * the hidden rows' names never reach the page.
 */
export function PartialNotice({ what, access, manageable, canManageKind, hidden }: {
  what: string;
  access: 'full' | 'partial';
  manageable: boolean;
  canManageKind: boolean;
  hidden: Array<{ count: number; label: string }>;
}) {
  const shown = hidden.filter((h) => h.count > 0);
  if (access === 'full' && (manageable || !canManageKind) && !shown.length) return null;
  const title = access === 'partial'
    ? `该${what}由其他单位登记管理，因覆盖您辖区内的企业而可见，仅显示与您辖区有关的信息`
    : `该${what}由其他单位管理，您只能查看`;
  return (
    <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="partial-notice" title={title}
      description={shown.length ? <Typography.Text>{shown.map((h) => `另有 ${h.count} ${h.label}不在您的管辖范围`).join('；')}</Typography.Text> : undefined} />
  );
}
