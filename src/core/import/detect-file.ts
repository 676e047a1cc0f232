import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { AppError } from '../../domain/errors.js';

/**
 * Decides what a file is from its bytes, never its name: people rename .xls to .csv, and systems
 * export HTML tables as ".xls". Only a sample is decoded here (the head, up to 1 MiB); a damaged
 * byte sequence further on surfaces as a row error (ENCODING_INVALID), not as a silent mis-read.
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';
export type DetectedFile =
  | { format: 'xlsx'; encoding: null; size: number }
  | { format: 'csv'; encoding: TextEncoding; size: number; delimiter: ',' | '\t' };

const SAMPLE_BYTES = 1 << 20;
const TAIL_BYTES = 66_000; // zip end-of-central-directory + the largest possible comment

const MSG_UNSUPPORTED = '不支持的文件格式：请上传 .xlsx 或 .csv 文件';

const unsupported = (message = MSG_UNSUPPORTED) => new AppError('FILE_UNSUPPORTED', message);

type Magic = { bytes: number[]; message: string };
const REFUSED_MAGIC: Magic[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], message: '这是旧版 Excel（.xls）或其他 Office 97-2003 文件，请用 Excel 或 WPS 另存为 .xlsx 或 .csv 后再导入' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], message: `这是 PNG 图片，${MSG_UNSUPPORTED}` },
  { bytes: [0xff, 0xd8, 0xff], message: `这是 JPEG 图片，${MSG_UNSUPPORTED}` },
  { bytes: [0x25, 0x50, 0x44, 0x46], message: `这是 PDF 文件，${MSG_UNSUPPORTED}` },
  { bytes: [0x1f, 0x8b], message: `这是 gzip 压缩文件，请解压后上传 .xlsx 或 .csv` },
  { bytes: [0x52, 0x61, 0x72, 0x21], message: `这是 RAR 压缩文件，请解压后上传 .xlsx 或 .csv` },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], message: `这是 7z 压缩文件，请解压后上传 .xlsx 或 .csv` },
  { bytes: [0xff, 0xfe], message: '这是 UTF-16（Unicode 文本）文件，请另存为“CSV UTF-8”或 .xlsx' },
  { bytes: [0xfe, 0xff], message: '这是 UTF-16（Unicode 文本）文件，请另存为“CSV UTF-8”或 .xlsx' },
];

const startsWith = (buf: Buffer, bytes: number[]): boolean => bytes.every((b, i) => buf[i] === b);

const MARKUP = /^\s*<(?:!doctype|html|\?xml|table|head|meta)/i;

/** Control bytes other than tab, CR, LF, form feed and ESC: text never has many of them. */
function looksBinary(sample: Buffer): boolean {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > sample.length / 100;
}

/** The head cut at its last line break when the file goes on, so no character is split. */
function completeLines(head: Buffer, size: number): Buffer {
  if (head.length >= size) return head;
  const nl = head.lastIndexOf(0x0a);
  return nl > 0 ? head.subarray(0, nl + 1) : head;
}

function decodeSample(head: Buffer, size: number): { encoding: TextEncoding; text: string } {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    return { encoding: 'utf-8-bom', text: new TextDecoder('utf-8').decode(completeLines(head, size)) };
  }
  const sample = completeLines(head, size);
  try {
    // stream: true tolerates a multi-byte character cut at the end of a line-less sample.
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true }) };
  } catch {
    const text = iconv.decode(sample, 'gb18030');
    if (!text.includes('\uFFFD')) return { encoding: 'gb18030', text };
  }
  throw new AppError('FILE_UNDECODABLE', '无法识别文件编码：请将 CSV 另存为 UTF-8 或 GB18030（GBK）编码，或另存为 .xlsx');
}

/** Tab-separated when more of the first lines carry tabs than commas (Excel's "文本文件(制表符分隔)"). */
function detectDelimiter(text: string): ',' | '\t' {
  let tabs = 0;
  let commas = 0;
  const lines = text.split('\n', 30);
  for (const line of lines) {
    if (line.includes('\t')) tabs++;
    if (line.includes(',')) commas++;
  }
  return tabs > commas ? '\t' : ',';
}

function isXlsxZip(head: Buffer, tail: Buffer): boolean {
  // Entry names sit in the central directory at the end; small files may hold it in the head.
  return tail.includes('xl/workbook.xml') || head.includes('xl/workbook.xml');
}

/** Pure decision over the sampled bytes (exported for tests). */
export function classifyBytes(head: Buffer, tail: Buffer, size: number): DetectedFile {
  if (size === 0) throw new AppError('FILE_EMPTY', '文件为空');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (isXlsxZip(head, tail)) return { format: 'xlsx', encoding: null, size };
    throw unsupported('这是 zip 压缩包但不是 Excel 工作簿（.xlsx），请上传 .xlsx 或 .csv 文件');
  }
  const refused = REFUSED_MAGIC.find((m) => startsWith(head, m.bytes));
  if (refused) throw unsupported(refused.message);
  if (looksBinary(head)) throw unsupported();
  const { encoding, text } = decodeSample(head, size);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new AppError('FILE_EMPTY', '文件为空（没有任何内容）');
  if (MARKUP.test(body)) {
    throw unsupported('这是网页或 XML 格式的文件（常见于系统导出的“.xls”），请用 Excel 打开后另存为 .xlsx 或 .csv');
  }
  return { format: 'csv', encoding, size, delimiter: detectDelimiter(body) };
}

export async function detectFile(path: string): Promise<DetectedFile> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return classifyBytes(head, tail, size);
  } finally {
    await handle.close();
  }
}
