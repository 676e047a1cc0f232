import { useRef, useState, type ReactNode } from 'react';
import { App, Collapse, Empty, Form, List, Modal, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formFieldOf } from '../../ui/fieldPath';
import type { FindingDto } from '../../../../src/contracts/coverage';
import type { PickOption } from './api';

/** Shared pieces of the organisation pages (orgs, unions, instructors, work lists, planner). */

export const SEVERITY: Record<string, { color: string; label: string }> = {
  overdue: { color: 'red', label: '逾期' },
  warning: { color: 'orange', label: '注意' },
  info: { color: 'blue', label: '提示' },
};
export const severityTag = (s: string) => <Tag color={SEVERITY[s]?.color ?? 'default'}>{SEVERITY[s]?.label ?? s}</Tag>;

/**
 * "为什么这样显示？": the rule's explanation (ending with 依据) and, when the rule also rests on
 * further texts (its parameters), those — cited in Chinese. The rule id is never shown: it is for
 * links and filters.
 */
export function WhyExplained({ finding }: { finding: FindingDto }) {
  const more = finding.message.endsWith(`依据：${finding.source}`) ? null : finding.source;
  return (
    <Collapse size="small" ghost items={[{
      key: 'why',
      label: <Typography.Text type="secondary">为什么这样显示？</Typography.Text>,
      children: (
        <div data-testid="why">
          <Typography.Paragraph style={{ marginBottom: 4 }}>{finding.message}</Typography.Paragraph>
          {more && <Typography.Text type="secondary">相关规定：{more}</Typography.Text>}
        </div>
      ),
    }]} />
  );
}

export function FindingList({ findings, empty = '暂无提醒', testId }: { findings: FindingDto[]; empty?: string; testId?: string }) {
  if (!findings.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-testid={testId} />;
  return (
    <List size="small" data-testid={testId} dataSource={findings} renderItem={(f) => (
      <List.Item key={f.ruleId} style={{ display: 'block' }}>
        <Space wrap>{severityTag(f.severity)}<Typography.Text strong>{f.title}</Typography.Text><Typography.Text>{f.summary}</Typography.Text></Space>
        <WhyExplained finding={f} />
      </List.Item>
    )} />
  );
}

/** A select that asks the server as the person types (enterprises, people). */
export function RemoteSelect({ search, value, onChange, placeholder, id }: {
  search: (q: string) => Promise<PickOption[]>; value?: string; onChange?: (v: string) => void; placeholder?: string; id?: string;
}) {
  const [options, setOptions] = useState<PickOption[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const onSearch = (q: string) => {
    const n = ++seq.current;
    if (!q.trim()) return;
    setTimeout(() => {
      if (n !== seq.current) return;
      setLoading(true);
      search(q.trim()).then((o) => n === seq.current && setOptions(o), () => setOptions([])).finally(() => setLoading(false));
    }, 250);
  };
  return (
    <Select id={id} showSearch={{ filterOption: false, onSearch }} value={value} onChange={onChange} options={options} loading={loading}
      placeholder={placeholder ?? '输入名称搜索'} notFoundContent={loading ? '查询中…' : '无匹配'} />
  );
}

export { isVersionConflict } from '../../ui/VersionConflict';

/**
 * The busy / error / submit shape every form shares: `run` calls the action, shows its success
 * message (when it returns one) and keeps the server's error for an ErrorAlert; it answers whether
 * the action succeeded. FormDialog is built on it; a form laid out on a card (the annual report's
 * review) uses it directly.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  const run = async (action: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const done = await action();
      if (done) message.success(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** The server's refusal shown again by the field it names, so a long form says where to look. */
function showAtFields(form: FormInstance, e: unknown, prefixes: readonly string[]) {
  if (!(e instanceof ApiError)) return;
  const fields = e.details.filter((d) => d.field && d.message).map((d) => ({ name: formFieldOf(d.field!, prefixes), errors: [d.message!] }));
  if (fields.length) form.setFields(fields as Parameters<FormInstance['setFields']>[0]);
}

/**
 * A modal form: validates, calls `submit`, shows the server's error (a version conflict: the
 * shared "此记录已被他人修改" with 重新加载, which closes the form and reloads the record), closes
 * and reports success (`submit` answers the message; nothing: no message). `serverFields` also
 * shows the server's field errors by the fields (with the path prefixes the route adds, e.g. `seat`).
 */
export function FormDialog<T extends object>({
  title, open, onClose, submit, onDone, initialValues, children, onReload, okText = '确定', intro, testId, serverFields,
}: {
  title: string; open: boolean; onClose: () => void; submit: (values: T) => Promise<string | void>; onDone: () => void;
  initialValues?: Partial<T>; children: ReactNode | ((form: FormInstance<T>) => ReactNode); onReload?: () => void;
  okText?: string; intro?: ReactNode; testId?: string; serverFields?: readonly string[];
}) {
  const [form] = Form.useForm<T>();
  const { busy, error, setError, run } = useSubmit();
  const ok = async () => {
    // A form that does not validate shows its messages by the fields; that is not an error of the page.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const done = await run(() => submit(values).catch((e: unknown) => {
      if (serverFields) showAtFields(form, e, serverFields);
      throw e;
    }));
    if (!done) return;
    onClose();
    onDone();
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={ok} confirmLoading={busy} okText={okText} cancelText="取消" destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}>
      {intro}
      <ErrorAlert error={error} style={{ marginBottom: 12 }} onReload={onReload && (() => { onClose(); onReload(); })} />
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false} data-testid={testId}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}

export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
export const DATE_RULE = { required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请选择日期' };
/** Term end in the past → red "换届逾期"; within 90 days → orange. */
export function termTag(termEndsOn: string | null, status = 'active') {
  if (!termEndsOn || status !== 'active') return termEndsOn ?? '—';
  const t = today();
  const soon = new Date(Date.parse(t) + 90 * 86400_000).toISOString().slice(0, 10);
  if (termEndsOn < t) return <>{termEndsOn} <Tag color="red">已逾期</Tag></>;
  if (termEndsOn <= soon) return <>{termEndsOn} <Tag color="orange">即将届满</Tag></>;
  return termEndsOn;
}
