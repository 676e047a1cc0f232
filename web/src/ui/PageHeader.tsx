import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';

export type Crumb = { label: string; to?: string };

/** Title row of a page: optional breadcrumb, the title, and actions that wrap on phones. */
export function PageHeader({ title, crumbs, extra }: { title: ReactNode; crumbs?: Crumb[]; extra?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      {crumbs && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label }))}
        />
      )}
      <Flex wrap gap={12} align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
        {extra && <Flex wrap gap={8}>{extra}</Flex>}
      </Flex>
    </div>
  );
}
