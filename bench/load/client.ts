import type { LoadStats } from './stats.js';

/**
 * One officer's HTTP session against the server: signs in over HTTP like the browser, keeps the
 * session cookie, and records every answer in the stats. `expect` lists the statuses that are
 * answers rather than errors for that call (409 for a write with a stale version is an answer: the
 * editor re-reads and tries again).
 */
export type Answer<T> = { status: number; body: T };
export class Unreachable extends Error {}

export class Session {
  private cookie = '';
  private csrf = '';
  constructor(readonly base: string, private readonly stats: LoadStats) {}

  async signIn(username: string, password: string): Promise<void> {
    const res = await this.send<{ csrfToken: string }>('POST', '/api/auth/sign-in', { username, password }, 'signIn', [200]);
    if (res.status !== 200) throw new Error(`${username} 登录失败：${res.status}`);
    this.csrf = res.body.csrfToken;
  }

  setCookie(res: Response): void {
    const c = res.headers.getSetCookie().find((s) => s.startsWith('lx_session='));
    if (c) this.cookie = c.split(';')[0]!;
  }

  async send<T = unknown>(method: string, url: string, body: unknown, op: string, expect: number[] = [200], form?: FormData): Promise<Answer<T>> {
    const t0 = performance.now();
    let res: Response;
    try {
      res = await fetch(this.base + url, {
        method,
        headers: { ...(this.cookie ? { cookie: this.cookie, 'x-csrf-token': this.csrf } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
        // An officer gives up after a minute; a stalled server must show as errors, not hang the bench.
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      this.stats.record(op, performance.now() - t0, 'error', `${method} ${url}: ${(err as Error).cause ?? (err as Error).message}`);
      throw new Unreachable(String(err));
    }
    this.setCookie(res);
    const type = res.headers.get('content-type') ?? '';
    let parsed: T;
    try {
      parsed = type.includes('json') ? ((await res.json()) as T) : ((await res.arrayBuffer()).byteLength as T);
    } catch (err) {
      this.stats.record(op, performance.now() - t0, 'error', `${method} ${url}: ${res.status}, body cut off (${(err as Error).message})`);
      throw new Unreachable(String(err));
    }
    const ms = performance.now() - t0;
    if (!expect.includes(res.status)) this.stats.record(op, ms, 'error', `${method} ${url} → ${res.status} ${JSON.stringify(parsed).slice(0, 200)}`);
    else this.stats.record(op, ms, res.status === 409 ? 'conflict' : 'ok');
    return { status: res.status, body: parsed };
  }
}
