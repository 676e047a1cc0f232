import { useState } from 'react';
import { Button, Drawer, List, Popconfirm, Space, Typography } from 'antd';
import type { AttachmentSummary } from '../../../../src/contracts/standards';
import { apiDelete, apiGet, download, uploadForm } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { downscale } from '../standards/downscale';

type File_ = AttachmentSummary & { version: number };

/**
 * A meeting's files (docs/attachments.md): minutes, sign-in sheet, photos — listed and downloaded by
 * whoever reads the meeting, added and removed by its managers. Never required: a meeting counts
 * without any file.
 */
export function MeetingFiles({ meetingId, manageable }: { meetingId: string; manageable: boolean }) {
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<File_[]>([]);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/meetings/${encodeURIComponent(meetingId)}/attachments`;
  const load = () => apiGet<{ items: File_[] }>(base).then((r) => setFiles(r.items), setError);
  const show = () => { setOpen(true); void load(); };
  const add = async (f: File | undefined) => {
    if (!f) return;
    const { blob, name } = await downscale(f);
    const form = new FormData();
    form.append('file', blob, name);
    await uploadForm(base, form, () => undefined).then(load, setError);
  };
  return (
    <>
      <Button size="small" type="link" onClick={show} data-testid="life-meeting-files">附件</Button>
      <Drawer title="会议附件" open={open} onClose={() => setOpen(false)} width={Math.min(420, window.innerWidth)}>
        <ErrorAlert error={error} />
        <List size="small" dataSource={files} locale={{ emptyText: '暂无附件（会议记录、签到表等可在此上传，非必需）' }} renderItem={(f) => (
          <List.Item key={f.id} actions={manageable ? [
            <Popconfirm key="d" title="删除这个附件？" okText="删除" cancelText="取消" onConfirm={() => apiDelete(`${f.url}?version=${f.version}`).then(load, setError)}>
              <Button size="small" type="link" danger>删除</Button>
            </Popconfirm>,
          ] : []}>
            <Space direction="vertical" size={0}>
              <a onClick={() => void download(f.url, f.fileName).catch(setError)}>{f.fileName}</a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{(f.size / 1024).toFixed(0)} KB · {f.uploadedAt.slice(0, 10)}</Typography.Text>
            </Space>
          </List.Item>
        )} />
        {manageable && <label className="ant-btn ant-btn-default" style={{ cursor: 'pointer', marginTop: 8 }}>
          上传附件<input type="file" accept="image/jpeg,image/png,application/pdf,.docx,.xlsx" style={{ display: 'none' }} data-testid="life-meeting-file-input"
            onChange={(e) => void add(e.target.files?.[0])} />
        </label>}
      </Drawer>
    </>
  );
}
