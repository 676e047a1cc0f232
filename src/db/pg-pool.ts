import fs from 'node:fs';
import pg from 'pg';

/**
 * The connection pool for a PostgreSQL server — or for a pair run by pg_auto_failover, whose URI names
 * every node (`postgres://app@10.0.0.1:5432,10.0.0.2:5432/liangxin?target_session_attrs=read-write`).
 * node-postgres speaks to one host only, so for such a URI the pool finds the node that accepts writes
 * and, when that node goes away (failover, switchover), finds the new one: a connection refused or
 * terminated, or a node found read-only, sends the next connection to the writable node. Requests in
 * flight at the moment of failover fail (and roll back, nothing half-applied); the next ones succeed.
 * docs/deploy.md, "Failover".
 */
export type HostPort = { host: string; port: number };

export type ParsedUrl = { hosts: HostPort[]; base: pg.ClientConfig; readWrite: boolean };

/** libpq's sslmode, as node-postgres should read it (libpq semantics, not node-postgres' stricter ones). */
function sslOf(params: URLSearchParams): pg.ClientConfig['ssl'] {
  const mode = params.get('sslmode') ?? 'disable';
  if (mode === 'disable' || mode === 'allow') return false;
  const ca = params.get('sslrootcert');
  const caText = ca && ca !== 'system' ? fs.readFileSync(ca, 'utf8') : undefined;
  if (mode === 'verify-full') return { rejectUnauthorized: true, ca: caText };
  // verify-ca checks the chain, not the name; require/prefer encrypt without checking.
  if (mode === 'verify-ca') return { rejectUnauthorized: true, ca: caText, checkServerIdentity: () => undefined };
  return { rejectUnauthorized: false };
}

/** Splits `postgres://user:pw@h1:p1,h2:p2/db?…` into its hosts and the rest; a one-host URL gives one host. */
export function parsePgUrl(url: string): ParsedUrl {
  const m = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) throw new Error('DATABASE_URL 格式无效，应为 postgres://用户:密码@主机:端口/数据库');
  const [, , auth = '', hostList = '', dbPath = '', query = ''] = m;
  const hosts = hostList.split(',').filter(Boolean).map((h) => {
    const hm = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
    if (!hm) throw new Error(`DATABASE_URL 中的主机“${h}”无效`);
    return { host: hm[1]!.replace(/^\[|\]$/g, ''), port: Number(hm[2] ?? 5432) };
  });
  if (!hosts.length) hosts.push({ host: 'localhost', port: 5432 });
  const [user, password] = auth.split(':').map((s) => decodeURIComponent(s));
  const params = new URLSearchParams(query.slice(1));
  const base: pg.ClientConfig = {
    user: user || undefined, password: password || undefined, database: decodeURIComponent(dbPath.slice(1)) || undefined,
    ssl: sslOf(params), application_name: params.get('application_name') ?? 'liangxin',
    connectionTimeoutMillis: Number(params.get('connect_timeout') ?? 5) * 1000,
  };
  return { hosts, base, readWrite: (params.get('target_session_attrs') ?? 'read-write') !== 'any' };
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '25006', '08006', '08001']);
const retryable = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return (code !== undefined && RETRYABLE.has(code)) || /Connection terminated|timeout exceeded when trying to connect/i.test(String((e as Error).message));
};

/** Which of the hosts accepts writes now (the first that answers `pg_is_in_recovery() = false`). */
export async function findWritable(parsed: ParsedUrl): Promise<HostPort | null> {
  for (const h of parsed.hosts) {
    const c = new pg.Client({ ...parsed.base, ...h });
    try {
      await c.connect();
      const r = await c.query<{ ro: boolean }>('SELECT pg_is_in_recovery() AS ro');
      if (!r.rows[0]?.ro || !parsed.readWrite) return h;
    } catch {
      // that node is down or refusing: try the next
    } finally {
      await c.end().catch(() => {});
    }
  }
  return null;
}

/**
 * A pg.Pool that follows the writable node. New connections go to `options.host/port`, which a failed
 * or read-only connection moves to the node that accepts writes now; each physical connection is
 * checked once when first handed out.
 */
export class FailoverPool extends pg.Pool {
  private readonly checked = new WeakSet<pg.PoolClient>();
  private finding: Promise<void> | null = null;

  constructor(private readonly parsed: ParsedUrl, max: number) {
    super({ ...parsed.base, ...parsed.hosts[0], max });
  }

  private retarget(): Promise<void> {
    this.finding ??= (async () => {
      const h = await findWritable(this.parsed);
      if (h) Object.assign((this as unknown as { options: pg.PoolConfig }).options, h);
    })().finally(() => { this.finding = null; });
    return this.finding;
  }

  private async connectWritable(): Promise<pg.PoolClient> {
    let last: unknown;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const c = await super.connect();
        if (this.checked.has(c)) return c;
        const r = await c.query<{ ro: boolean }>('SELECT pg_is_in_recovery() AS ro').catch((e: unknown) => { c.release(true); throw e; });
        if (r.rows[0]?.ro && this.parsed.readWrite) {
          c.release(true);
          throw Object.assign(new Error('node is read-only'), { code: '25006' });
        }
        this.checked.add(c);
        return c;
      } catch (e) {
        if (!retryable(e)) throw e;
        last = e;
        await this.retarget();
        await new Promise((r) => setTimeout(r, Math.min(250 * (attempt + 1), 2000)));
      }
    }
    throw last;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    const p = this.connectWritable();
    if (!callback) return p;
    p.then((c) => callback(undefined, c, (release) => c.release(release as boolean | Error | undefined)), (e: Error) => callback(e, undefined, () => {}));
  }
}

/**
 * sslmode as libpq reads it (require = encrypted, not verified; verify-full = checked against
 * sslrootcert): node-postgres 8 reads require as verify-full unless told `uselibpqcompat=true`.
 */
export function withLibpqSsl(url: string): string {
  if (!/[?&]sslmode=/.test(url) || /[?&]uselibpqcompat=/.test(url)) return url;
  return `${url}&uselibpqcompat=true`;
}

/** The pool for DATABASE_URL: a plain pool for one host, one that follows the writable node for several. */
export function createPgPool(url: string, max: number): pg.Pool {
  const parsed = parsePgUrl(url);
  const pool = parsed.hosts.length === 1 ? new pg.Pool({ connectionString: withLibpqSsl(url), max }) : new FailoverPool(parsed, max);
  // An idle connection lost (a server restarted, a failover) is an 'error' event on the pool; unheard,
  // it ends the process. The pool has already dropped that connection: the next query opens a new one.
  pool.on('error', (err) => {
    console.warn(`数据库连接中断（${(err as { code?: string }).code ?? err.message}），下次查询将重新连接`);
  });
  // A connection lost while checked out (a transaction between statements when the server restarts)
  // has no pool listener: pg-pool removes it at checkout, and the unheard 'error' ended the process
  // (the load bench's kill -9 of the postmaster, docs/benchmarks.md "Load and faults"). Heard here,
  // the holder's next statement fails and its transaction is rolled back; the pool drops the client.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.warn(`数据库连接在使用中中断（${(err as { code?: string }).code ?? err.message}）`));
  });
  return pool;
}
