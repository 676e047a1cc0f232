/**
 * Attachments (issue 15 item 8; docs/attachments.md): which records own files, which kinds of file
 * are taken — judged by the content's first bytes, never by the name — and the size limit.
 */
export const ATTACHMENT_OWNER_KINDS = ['meeting', 'checklist', 'study', 'notice'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];

export type AttachmentType = { mediaType: string; label: string; image: boolean };

export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { mediaType: 'image/jpeg', label: 'JPEG 图片', image: true },
  { mediaType: 'image/png', label: 'PNG 图片', image: true },
  { mediaType: 'application/pdf', label: 'PDF 文档', image: false },
  { mediaType: 'application/vnd.openxmlformats-officedocument', label: 'Word / Excel 文档（.docx / .xlsx）', image: false },
];

/** 20 MB: a scanned set of minutes or a few photos of a site; imports have their own limit. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Photos longer than this on their long side are shrunk to it before storing — the same 1600 px the
 * web page shrinks to in the browser, so a file sent through the API is kept the same way.
 */
export const IMAGE_MAX_EDGE = 1600;

/**
 * Larger photos are refused rather than decoded: decoding takes about 8 bytes a pixel (400 MB at this
 * limit), and a small PNG can claim a huge canvas. 50 million pixels admits a phone's 48/50 MP photo.
 */
export const IMAGE_MAX_PIXELS = 50_000_000;

const OOXML_PARTS = /\[Content_Types\]\.xml|_rels\/\.rels|word\/|xl\//;
const latin1 = (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 4096));
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The type the content's magic bytes declare (`head`: the first 4 KB), or null for anything not accepted. */
export function sniffMediaType(head: Uint8Array): string | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  // OOXML (docx, xlsx) is a ZIP: taken only when its first entries name the package's parts.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) && OOXML_PARTS.test(latin1(head))) return 'application/vnd.openxmlformats-officedocument';
  return null;
}

export const ACCEPTED_LABEL = ATTACHMENT_TYPES.map((t) => t.label).join('、');
