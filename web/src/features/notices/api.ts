import { apiGet, apiPost, apiPut, apiDelete, uploadForm, withQuery } from '../../api/client';
import type {
  Notice, NoticeCopy, NoticeInboxPage, NoticeInput, NoticeListFilter, NoticePage, NoticeReplyFilter, NoticeReplyInput, NoticeReplyTable,
} from '../../../../src/contracts/notice';
import type { MyEmail, SmtpSettings, SmtpSettingsInput } from '../../../../src/contracts/digest';
import type { AttachmentSummary } from '../../../../src/contracts/standards';

export const listNotices = (f: NoticeListFilter) => apiGet<NoticePage>('/api/notices', f);
export const noticesExportUrl = (f: NoticeListFilter) => withQuery('/api/notices/export.xlsx', f);
export const getNotice = (id: string) => apiGet<Notice>(`/api/notices/${id}`);
export const createNotice = (input: NoticeInput) => apiPost<Notice>('/api/notices', input);
export const publishNotice = (id: string, version: number) => apiPost<Notice>(`/api/notices/${id}/publish`, { version });
export const withdrawNotice = (id: string, version: number, reason: string) => apiPost<Notice>(`/api/notices/${id}/withdraw`, { version, reason });
export const noticeReplies = (id: string, f: NoticeReplyFilter) => apiGet<NoticeReplyTable>(`/api/notices/${id}/replies`, f);
export const repliesExportUrl = (id: string, f: NoticeReplyFilter) => withQuery(`/api/notices/${id}/replies.xlsx`, f);
export const uploadNoticeFile = (id: string, file: File, onProgress: (f: number) => void) => {
  const form = new FormData();
  form.append('file', file);
  return uploadForm<AttachmentSummary & { version: number }>(`/api/notices/${id}/attachments`, form, onProgress);
};
export const removeNoticeFile = (id: string, fileId: string, version: number) => apiDelete<void>(`/api/notices/${id}/attachments/${fileId}?version=${version}`);

export const listNoticeInbox = (f: { unread?: 'true' | 'false'; q?: string }) => apiGet<NoticeInboxPage>('/api/notice-inbox', f);
export const noticeInboxExportUrl = (f: { unread?: 'true' | 'false'; q?: string }) => withQuery('/api/notice-inbox/export.xlsx', f);
export const openCopy = (id: string) => apiGet<NoticeCopy>(`/api/notice-inbox/${id}`);
export const replyCopy = (id: string, input: NoticeReplyInput) => apiPut<NoticeCopy>(`/api/notice-inbox/${id}/reply`, input);

export const getSmtp = () => apiGet<SmtpSettings>('/api/settings/smtp');
export const saveSmtp = (input: SmtpSettingsInput) => apiPut<SmtpSettings>('/api/settings/smtp', input);
export const getMyEmail = () => apiGet<MyEmail>('/api/me/email');
export const setMyEmail = (email: string | null, version: number) => apiPut<MyEmail>('/api/me/email', { email, version });
