import net from 'node:net';
import tls from 'node:tls';

/**
 * A small real SMTP server on loopback for tests (docs/inbox.md, "每日摘要"): it answers EHLO,
 * STARTTLS (when given a key and certificate), AUTH PLAIN / LOGIN, MAIL, RCPT, DATA (un-stuffing
 * dots), RSET and QUIT, records every line the client sent and every message received.
 */
export type SinkMessage = { from: string; to: string[]; data: string };
export type SmtpSink = { port: number; dialogue: string[]; messages: SinkMessage[]; auth: string[]; close(): Promise<void> };

export async function startSmtpSink(opts: { tls?: { key: string; cert: string }; refuse?: string; auth?: 'PLAIN LOGIN' | 'LOGIN' } = {}): Promise<SmtpSink> {
  const sink = { dialogue: [] as string[], messages: [] as SinkMessage[], auth: [] as string[] };
  const server = net.createServer((raw) => {
    let socket: net.Socket = raw;
    let buf = '';
    let inData = false;
    let data: string[] = [];
    let mail: SinkMessage = { from: '', to: [], data: '' };
    let login: 'user' | 'pass' | null = null;
    const say = (s: string) => socket.write(`${s}\r\n`);
    const onLine = (line: string) => {
      if (inData) {
        if (line === '.') { inData = false; sink.messages.push({ ...mail, data: data.join('\r\n') }); mail = { from: '', to: [], data: '' }; return say('250 OK queued'); }
        data.push(line.startsWith('..') ? line.slice(1) : line);
        return;
      }
      sink.dialogue.push(line);
      if (login) {
        sink.auth.push(Buffer.from(line, 'base64').toString('utf8'));
        if (login === 'user') { login = 'pass'; return say('334 UGFzc3dvcmQ6'); }
        login = null;
        return say('235 Authentication succeeded');
      }
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') {
        const ext = [...(opts.tls && !(socket instanceof tls.TLSSocket) ? ['STARTTLS'] : []), `AUTH ${opts.auth ?? 'PLAIN LOGIN'}`, '8BITMIME'];
        return socket.write(['250-sink.test', ...ext.map((e, i) => `250${i === ext.length - 1 ? ' ' : '-'}${e}`)].join('\r\n') + '\r\n');
      }
      if (verb === 'STARTTLS' && opts.tls) {
        say('220 Ready to start TLS');
        socket.removeAllListeners('data');
        const secure = new tls.TLSSocket(socket, { isServer: true, key: opts.tls.key, cert: opts.tls.cert });
        socket = secure;
        buf = '';
        secure.setEncoding('utf8');
        secure.on('data', feed);
        return;
      }
      if (verb === 'AUTH') {
        const [, mech, initial] = line.split(' ');
        if (mech === 'PLAIN') { sink.auth.push(Buffer.from(initial ?? '', 'base64').toString('utf8')); return say('235 Authentication succeeded'); }
        login = 'user';
        return say('334 VXNlcm5hbWU6');
      }
      if (verb === 'MAIL') { mail.from = line.slice(10).replace(/[<>]/g, ''); return say('250 OK'); }
      if (verb === 'RCPT') {
        const to = line.slice(8).replace(/[<>]/g, '');
        if (opts.refuse && to === opts.refuse) return say('550 No such user');
        mail.to.push(to);
        return say('250 OK');
      }
      if (verb === 'DATA') { inData = true; data = []; return say('354 End data with <CR><LF>.<CR><LF>'); }
      if (verb === 'RSET') { mail = { from: '', to: [], data: '' }; return say('250 OK'); }
      if (verb === 'QUIT') { say('221 Bye'); return socket.end(); }
      return say('502 Command not implemented');
    };
    function feed(d: string) {
      buf += d;
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        onLine(line);
      }
    }
    socket.setEncoding('utf8');
    socket.on('data', feed);
    socket.on('error', () => undefined);
    say('220 sink.test ESMTP');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, ...sink, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes the base64 parts of a received multipart message (plain text and HTML). */
export function partsOf(data: string): { headers: string; text: string; html: string } {
  const [headers] = data.split('\r\n\r\n');
  const part = (type: string) => {
    const m = new RegExp(`Content-Type: ${type}; charset=UTF-8\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n([A-Za-z0-9+/=\\r\\n]+?)\\r\\n--`).exec(data);
    return m ? Buffer.from(m[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8') : '';
  };
  return { headers: headers!, text: part('text/plain'), html: part('text/html') };
}
