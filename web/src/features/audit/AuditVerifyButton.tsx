import { useState } from 'react';
import { Alert, Button, List, Modal, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PROBLEM_LABEL, verifyAudit, type AuditVerifyResult } from './api';

/** "校验日志链": recomputes the SM3 chain on the server and shows what, if anything, was tampered with. */
export function AuditVerifyButton() {
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setOpen(true);
    setLoading(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyAudit());
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => void run()} data-testid="audit-verify">校验日志链</Button>
      <Modal title="审计日志链校验" open={open} onCancel={() => setOpen(false)} footer={null} width={640}>
        {loading && <Typography.Text>正在逐条校验……</Typography.Text>}
        <ErrorAlert error={error} />
        {result && (
          <>
            <Alert
              type={result.ok ? 'success' : 'error'}
              showIcon
              title={result.ok ? `日志链完整：已校验 ${result.checked} 条` : `发现 ${result.problems.length} 处问题（已校验 ${result.checked} 条）`}
              description={result.checkpointsAuthenticated ? undefined : '未加载密钥，校验点签名未验证'}
              data-testid="audit-verify-result"
            />
            {result.lastHash && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>链头哈希：<Typography.Text code copyable>{result.lastHash}</Typography.Text></Typography.Paragraph>}
            {!result.ok && (
              <List size="small" dataSource={result.problems}
                renderItem={(p) => <List.Item>第 {p.seq} 条 · {PROBLEM_LABEL[p.kind]}：{p.message}</List.Item>} />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
