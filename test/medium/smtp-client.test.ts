import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dotStuff, encodeWord } from '../../src/core/digest/mime.js';
import { sendMail } from '../../src/core/digest/smtp-client.js';
import { partsOf, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

/**
 * The digest's SMTP client (src/core/digest/smtp-client.ts) against a real SMTP server on loopback
 * (test/helpers/smtp-sink.ts): the dialogue, AUTH PLAIN and LOGIN, STARTTLS, a refused recipient,
 * dot-stuffing and RFC 2047 headers — checked on the message the server received.
 */
let sink: SmtpSink | undefined;
afterEach(async () => { await sink?.close(); sink = undefined; });

const base = (port: number) => ({ host: '127.0.0.1', port, tls: 'none' as const, user: 'digest@example.cn', password: 'S3cret-口令', from: 'digest@example.cn', fromName: '两新党建与工会工作平台' });
const decodeWords = (h: string) => h.replace(/\r\n /g, '').replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));

describe('SMTP client', () => {
  it('EHLO, AUTH PLAIN, MAIL/RCPT/DATA, QUIT; the message arrives whole with Chinese headers encoded', async () => {
    sink = await startSmtpSink();
    const subject = '待办摘要：3项待办，1项已逾期（2026-12-05）关于开展2026年度党组织书记述职评议的通知';
    const text = '张书记，您好：\n.以点开头的一行\n..两个点\n请登录平台查看：http://x/inbox';
    const res = await sendMail(base(sink.port), [{ to: 'a@example.cn', subject, text, html: '<p>您好</p>' }]);
    expect(res).toEqual([{ to: 'a@example.cn', ok: true }]);
    expect(sink.dialogue.map((l) => l.split(' ')[0])).toEqual(['EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    expect(sink.auth).toEqual(['\0digest@example.cn\0S3cret-口令']);
    const m = sink.messages[0]!;
    expect(m).toMatchObject({ from: 'digest@example.cn', to: ['a@example.cn'] });
    const { headers, text: got, html } = partsOf(m.data);
    expect(headers).not.toMatch(/[^\x00-\x7f]/);
    for (const line of headers.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(decodeWords(/Subject: ([\s\S]+?)\r\n(?! )/.exec(headers + '\r\n')![1]!)).toBe(subject);
    expect(decodeWords(/From: ([\s\S]+?)\s*</.exec(headers)![1]!)).toBe('两新党建与工会工作平台');
    expect(got).toBe(text.replace(/\n/g, '\n'));
    expect(html).toBe('<p>您好</p>');
  });

  it('AUTH LOGIN when the server offers only LOGIN; a refused recipient fails that message only', async () => {
    sink = await startSmtpSink({ auth: 'LOGIN', refuse: 'nobody@example.cn' });
    const res = await sendMail(base(sink.port), [
      { to: 'nobody@example.cn', subject: 'a', text: 'a', html: 'a' }, { to: 'b@example.cn', subject: 'b', text: 'b', html: 'b' },
    ]);
    expect(res[0]).toMatchObject({ ok: false });
    expect(res[0]!.error).toMatch(/550/);
    expect(res[1]).toEqual({ to: 'b@example.cn', ok: true });
    expect(sink.auth).toEqual(['digest@example.cn', 'S3cret-口令']);
    expect(sink.dialogue).toContain('RSET');
    expect(sink.messages.map((x) => x.to)).toEqual([['b@example.cn']]);
  });

  it('STARTTLS: the login and the message go over TLS after the upgrade', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-smtp-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    sink = await startSmtpSink({ tls: { key: fs.readFileSync(path.join(dir, 'k.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'c.pem'), 'utf8') } });
    const refused = sendMail({ ...base(sink.port), tls: 'starttls' }, [{ to: 'c@example.cn', subject: 'c', text: 'c', html: 'c' }]);
    await expect(refused).rejects.toThrow(); // a self-signed certificate is refused unless allowed
    const res = await sendMail({ ...base(sink.port), tls: 'starttls', allowUnverified: true }, [{ to: 'c@example.cn', subject: 'c', text: 'c', html: 'c' }]);
    expect(res[0]!.ok).toBe(true);
    expect(sink.dialogue.filter((l) => l.startsWith('EHLO'))).toHaveLength(3);
    expect(sink.dialogue.slice(-6).map((l) => l.split(' ')[0])).toEqual(['EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a server that cannot be reached is a Chinese error, without the password', async () => {
    const err = await sendMail({ ...base(1), port: 1 }, [{ to: 'x@example.cn', subject: 'x', text: 'x', html: 'x' }]).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/无法连接邮件服务器/);
    expect(String((err as Error).message)).not.toContain('S3cret');
  });

  it('dot-stuffing and encoded words', () => {
    expect(dotStuff('a\n.b\r\n..c\nd')).toBe('a\r\n..b\r\n...c\r\nd');
    expect(encodeWord('plain ascii')).toBe('plain ascii');
    const w = encodeWord('关'.repeat(40));
    for (const part of w.split('\r\n ')) expect(part.length).toBeLessThanOrEqual(75);
  });
});
