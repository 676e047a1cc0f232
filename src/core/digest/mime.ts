import crypto from 'node:crypto';

/**
 * Building one e-mail (RFC 5322 + MIME): a multipart/alternative of plain text and HTML, both UTF-8
 * in base64 (no line of the body can then start with a dot or exceed 76 characters), headers with
 * Chinese encoded per RFC 2047 as B encoded-words of at most 75 characters each.
 */
export type MailMessage = { to: string; subject: string; text: string; html: string };

/** "=?UTF-8?B?…?=" words, split on character boundaries so no UTF-8 sequence is cut between words. */
export function encodeWord(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  const words: string[] = [];
  let chunk = '';
  for (const ch of s) {
    // 36 bytes of UTF-8 → 48 base64 characters, + 12 for the frame = 60: with "Subject: " the line stays under 76.
    if (Buffer.byteLength(chunk + ch) > 36) { words.push(chunk); chunk = ''; }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

const base64Lines = (s: string) => (Buffer.from(s, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** An address with an optional display name: 两新工作平台 <noreply@example.cn>. */
export function mailbox(address: string, name?: string): string {
  if (!name) return `<${address}>`;
  const words = encodeWord(name);
  // Folded before the address when the line would pass 76 characters (with the header's name).
  const last = words.split('\r\n ').at(-1)!;
  return last.length + address.length + 10 > 76 ? `${words}\r\n <${address}>` : `${words} <${address}>`;
}

export function buildMessage(from: { address: string; name?: string }, m: MailMessage, now = new Date()): string {
  const boundary = `lx-${crypto.randomBytes(12).toString('hex')}`;
  const domain = from.address.split('@')[1] ?? 'localhost';
  return [
    `From: ${mailbox(from.address, from.name)}`,
    `To: <${m.to}>`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${crypto.randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** DATA's transparency (RFC 5321 §4.5.2): a line starting with "." gets one more; lines end in CRLF. */
export function dotStuff(message: string): string {
  return message.replace(/\r?\n/g, '\r\n').split('\r\n').map((l) => (l.startsWith('.') ? `.${l}` : l)).join('\r\n');
}
