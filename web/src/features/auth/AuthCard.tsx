import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

/** The centred card of the sign-in, password and TOTP pages; full width on phones. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: 'linear-gradient(180deg, #c41d1d 0, #c41d1d 220px, #f5f5f5 220px)' }}>
      <div style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ color: '#fff', textAlign: 'center', marginBottom: 24 }}>两新党建与工会工作平台</Typography.Title>
        <Card title={title}>{children}</Card>
      </div>
    </div>
  );
}
