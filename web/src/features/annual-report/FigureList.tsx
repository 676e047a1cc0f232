import { Link } from 'react-router-dom';
import { List, Space, Typography } from 'antd';
import type { ReportFigure } from '../../../../src/domain/annual-report';

type Figure = Omit<ReportFigure, 'key'> & { key?: string };
const text = (f: Figure) => (f.value === null ? '—' : `${f.value}${f.unit && typeof f.value === 'number' ? ` ${f.unit}` : ''}`);

/** Figures drawn from the records, each saying where it came from and linking to the records behind it. */
export function FigureList({ figures, testId }: { figures: Figure[]; testId?: string }) {
  return (
    <List size="small" dataSource={figures} locale={{ emptyText: '无' }} data-testid={testId} renderItem={(f) => (
      <List.Item key={f.key ?? f.label} data-testid={f.key ? `figure-${f.key}` : undefined}>
        <Space direction="vertical" size={0} style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text>{f.label}</Typography.Text>
            <Typography.Text strong data-testid="figure-value">{text(f)}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            来源：{f.link ? <Link to={f.link}>{f.source}</Link> : f.source}
          </Typography.Text>
        </Space>
      </List.Item>
    )} />
  );
}
