import net from 'node:net';
import tls from 'node:tls';
import { buildMessage, dotStuff, type MailMessage } from './mime.js';

/**
 * A minimal SMTP client on node:net/tls (RFC 5321): EHLO, STARTTLS or implicit TLS, AUTH PLAIN or
 * LOGIN, then MAIL / RCPT / DATA per message on one connection, QUIT. No dependency: the platform
 * sends a handful of digests a day. Errors carry the server's reply code and text, never the
 * password (which is only ever written base64-encoded to the socket).
 */
export type TlsMode = 'none' | 'starttls' | 'implicit';
export type SmtpSettings = {
  host: string; port: number; tls: TlsMode; user?: string | null; password?: string | null;
  from: string; fromName?: string;
  /** Accept a self-signed certificate (tests; an internal relay) — off by default. */
  allowUnverified?: boolean;
  timeoutMs?: number;
};
export type SendResult = { to: string; ok: boolean; error?: string };

export class SmtpError extends Error {
  constructor(message: string, readonly code: number | null) { super(message); }
}

type Reply = { code: number; lines: string[] };

class Connection {
  private buf = '';
  private waiting: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;
  constructor(private socket: net.Socket | tls.TLSSocket, private timeoutMs: number) { this.attach(); }

  private attach() {
    this.socket.setEncoding('utf8');
    this.socket.setTimeout(this.timeoutMs, () => this.fail(new SmtpError('邮件服务器无响应（超时）', null)));
    this.socket.on('data', (d: string) => { this.buf += d; this.drain(); });
    this.socket.on('error', (e) => this.fail(new SmtpError(`无法连接邮件服务器：${e.message}`, null)));
    this.socket.on('close', () => this.fail(new SmtpError('邮件服务器断开了连接', null)));
  }

  private fail(e: Error) {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  /** A complete reply is lines "250-…" ending with "250 …". */
  private drain() {
    while (this.waiting.length) {
      const lines: string[] = [];
      let rest = this.buf;
      let done: Reply | null = null;
      for (;;) {
        const i = rest.indexOf('\r\n');
        if (i < 0) break;
        const line = rest.slice(0, i);
        rest = rest.slice(i + 2);
        lines.push(line.slice(4));
        if (line[3] !== '-') { done = { code: Number(line.slice(0, 3)), lines }; break; }
      }
      if (!done) return;
      this.buf = rest;
      this.waiting.shift()!.resolve(done);
    }
  }

  read(): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => { this.waiting.push({ resolve, reject }); this.drain(); });
  }

  async command(line: string, expect: number[], shown = line): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    const r = await this.read();
    if (!expect.includes(r.code)) throw new SmtpError(`邮件服务器拒绝了 ${shown}：${r.code} ${r.lines.join(' ')}`, r.code);
    return r;
  }

  /** Hands the socket over to TLS (STARTTLS) and reads from the encrypted one. */
  async upgrade(host: string, rejectUnauthorized: boolean): Promise<void> {
    this.socket.removeAllListeners('data').removeAllListeners('error').removeAllListeners('close');
    const secure = tls.connect({ socket: this.socket, servername: net.isIP(host) ? undefined : host, rejectUnauthorized });
    await new Promise<void>((resolve, reject) => { secure.once('secureConnect', resolve); secure.once('error', reject); });
    this.socket = secure;
    this.buf = '';
    this.attach();
  }

  write(data: string) { this.socket.write(data); }
  end() { this.socket.end(); }
}

function connect(s: SmtpSettings): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const opts = { host: s.host, port: s.port };
    const sock = s.tls === 'implicit'
      ? tls.connect({ ...opts, servername: net.isIP(s.host) ? undefined : s.host, rejectUnauthorized: !s.allowUnverified }, () => resolve(sock))
      : net.connect(opts, () => resolve(sock));
    sock.once('error', (e) => reject(new SmtpError(`无法连接邮件服务器 ${s.host}:${s.port}：${e.message}`, null)));
  });
}

const ehloName = 'liangxin';
const extensions = (r: Reply) => r.lines.map((l) => l.toUpperCase());

async function authenticate(c: Connection, ext: string[], user: string, password: string) {
  const auth = ext.find((l) => l.startsWith('AUTH')) ?? '';
  if (/\bPLAIN\b/.test(auth)) {
    await c.command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`, [235], 'AUTH PLAIN（用户名或密码错误？）');
  } else if (/\bLOGIN\b/.test(auth)) {
    await c.command('AUTH LOGIN', [334]);
    await c.command(Buffer.from(user).toString('base64'), [334], '用户名');
    await c.command(Buffer.from(password).toString('base64'), [235], '密码（用户名或密码错误？）');
  } else {
    throw new SmtpError('邮件服务器不支持 AUTH PLAIN 或 AUTH LOGIN 登录', null);
  }
}

/** Sends each message on one connection; a recipient refused by the server fails that message only. */
export async function sendMail(s: SmtpSettings, messages: MailMessage[]): Promise<SendResult[]> {
  const c = new Connection(await connect(s), s.timeoutMs ?? 30_000);
  try {
    const greeting = await c.read();
    if (greeting.code !== 220) throw new SmtpError(`邮件服务器未就绪：${greeting.code} ${greeting.lines.join(' ')}`, greeting.code);
    let ext = extensions(await c.command(`EHLO ${ehloName}`, [250]));
    if (s.tls === 'starttls') {
      if (!ext.includes('STARTTLS')) throw new SmtpError('邮件服务器不支持 STARTTLS，请改用其他加密方式', null);
      await c.command('STARTTLS', [220]);
      await c.upgrade(s.host, !s.allowUnverified);
      ext = extensions(await c.command(`EHLO ${ehloName}`, [250]));
    }
    if (s.user) await authenticate(c, ext, s.user, s.password ?? '');
    const results: SendResult[] = [];
    for (const m of messages) {
      try {
        await c.command(`MAIL FROM:<${s.from}>`, [250]);
        await c.command(`RCPT TO:<${m.to}>`, [250, 251]);
        await c.command('DATA', [354]);
        c.write(`${dotStuff(buildMessage({ address: s.from, name: s.fromName }, m))}\r\n`);
        await c.command('.', [250], '邮件内容');
        results.push({ to: m.to, ok: true });
      } catch (e) {
        if (!(e instanceof SmtpError) || e.code === null) throw e;
        results.push({ to: m.to, ok: false, error: e.message });
        await c.command('RSET', [250]);
      }
    }
    await c.command('QUIT', [221]).catch(() => undefined);
    return results;
  } finally {
    c.end();
  }
}
