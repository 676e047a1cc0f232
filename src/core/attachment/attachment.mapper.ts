import type { AttachmentSummary } from '../../contracts/standards.js';
import type { AttachmentRow } from './attachment.repository.js';

export const toAttachment = (r: AttachmentRow, url: string): AttachmentSummary & { version: number } => ({
  id: r.id, fileName: r.file_name, mediaType: r.media_type, size: r.size, uploadedAt: r.created_at.toISOString(), url, version: r.version,
});
