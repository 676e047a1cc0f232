import { Link } from 'react-router-dom';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert, errorMessage } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegionName } from '../../ui/RegionName';
import { useAsync } from '../../ui/useAsync';
import type { LocalSettingDto } from '../../../../src/contracts/recruitment-settings';
import { LOCAL_PARAM_KEYS, LOCAL_PARAM_LABELS, LOCAL_PARAM_RANGES } from '../../../../src/domain/rules/local-settings';
import { DATE_RULE, today } from '../orgs/ui';
import { getSettings, saveSettings } from './api';

const provinceRegion = (p: string) => `${p}0000000000`;
const PARAMS = LOCAL_PARAM_KEYS.map((k) => ({ value: k, label: LOCAL_PARAM_LABELS[k] }));

/** The settings as everyone reads them (who may not change them sees this only). */
function SettingsTable({ entries }: { entries: LocalSettingDto[] }) {
  return (
    <Table<LocalSettingDto> size="small" rowKey={(e) => `${e.province}:${e.param}:${e.validFrom}`} dataSource={entries} pagination={false} data-testid="recruitment-settings-table"
      locale={{ emptyText: '未设置，按全国规定和平台默认值' }} columns={[
        { title: '省份', key: 'province', render: (_: unknown, e) => <RegionName code={provinceRegion(e.province)} /> },
        { title: '事项', key: 'param', render: (_: unknown, e) => LOCAL_PARAM_LABELS[e.param] },
        { title: '数值', dataIndex: 'value', key: 'value' },
        { title: '起始日期', dataIndex: 'validFrom', key: 'validFrom' },
        { title: '依据', dataIndex: 'source', key: 'source' },
      ]} />
  );
}

/**
 * 发展党员省级设置: 公示天数 and the wait before 积极分子 per province, from a day, citing the local
 * document. The form is shown only to those the server lets change them (the whole jurisdiction).
 */
export function RecruitmentSettingsPage() {
  const { data, error, reload } = useAsync(() => getSettings(), []);
  const [form] = Form.useForm<{ entries: LocalSettingDto[] }>();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await saveSettings({ version: data!.version, entries: v.entries ?? [] });
      message.success('已保存省级设置');
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <PageHeader title="发展党员省级设置" crumbs={[{ label: '发展党员', to: '/recruitment' }, { label: '省级设置' }]} />
      <ErrorAlert error={error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          《中国共产党发展党员工作细则》要求公示，但未规定天数；申请后多久可列为入党积极分子也由地方规定。按党组织所在省份和各步骤的日期适用以下设置，提醒中引用所填依据。
          <Link to="/recruitment" style={{ marginInlineStart: 8 }}>返回发展党员</Link>
        </Typography.Paragraph>
      </Card>
      {data && !data.canChange && <Card size="small"><SettingsTable entries={data.entries} /></Card>}
      {data?.canChange && (
        <Card size="small" data-testid="recruitment-settings-form">
          <Form form={form} key={data.version} initialValues={{ entries: data.entries }} layout="vertical">
            <Form.List name="entries">{(rows, { add, remove }) => (<>
              {rows.map((row) => (
                <Space key={row.key} wrap align="start" style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[row.name, 'province']} label="省级区划代码（2位）" rules={[{ required: true, pattern: /^[1-9]\d$/, message: '请填写2位省级区划代码，如33' }]}>
                    <Input style={{ width: 110 }} maxLength={2} data-testid="setting-province" />
                  </Form.Item>
                  <Form.Item name={[row.name, 'param']} label="事项" rules={[{ required: true, message: '请选择事项' }]}>
                    <Select style={{ width: 300 }} options={PARAMS} data-testid="setting-param" />
                  </Form.Item>
                  <Form.Item name={[row.name, 'value']} label="数值" dependencies={[['entries', row.name, 'param']]}
                    rules={[{ required: true, message: '请填写数值' }, ({ getFieldValue }) => ({
                      validator: (_, v: number) => {
                        const p = getFieldValue(['entries', row.name, 'param']) as keyof typeof LOCAL_PARAM_RANGES | undefined;
                        if (!p || v == null) return Promise.resolve();
                        const [min, max] = LOCAL_PARAM_RANGES[p];
                        return v >= min && v <= max ? Promise.resolve() : Promise.reject(new Error(`应在${min}至${max}之间`));
                      },
                    })]}>
                    <InputNumber min={0} max={366} style={{ width: 100 }} data-testid="setting-value" />
                  </Form.Item>
                  <Form.Item name={[row.name, 'validFrom']} label="起始日期" rules={[DATE_RULE]}><Input type="date" data-testid="setting-validFrom" /></Form.Item>
                  <Form.Item name={[row.name, 'source']} label="依据（文件名称及条款）" rules={[{ required: true, whitespace: true, message: '请填写依据' }]}>
                    <Input style={{ width: 320 }} maxLength={200} placeholder="如《××省发展党员工作实施细则》第十六条" data-testid="setting-source" />
                  </Form.Item>
                  <Form.Item label=" "><Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label="删除" /></Form.Item>
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ validFrom: today() })} data-testid="setting-add">添加设置</Button>
                <Button type="primary" onClick={save} data-testid="setting-save">保存</Button>
              </Space>
            </>)}</Form.List>
          </Form>
        </Card>
      )}
    </>
  );
}
