import { describe, expect, it } from 'vitest';
import { parsePgUrl, withLibpqSsl } from '../../src/db/pg-pool.js';

/** DATABASE_URL as libpq writes it for a pg_auto_failover formation (docs/deploy.md, "Failover"). */
describe('DATABASE_URL with several hosts', () => {
  it('splits the hosts and keeps the rest', () => {
    const p = parsePgUrl('postgres://liangxin_app:p%40ss@10.0.0.1:5432,10.0.0.2:6432,[::1]/liangxin?target_session_attrs=read-write&sslmode=require&connect_timeout=3');
    expect(p.hosts).toEqual([{ host: '10.0.0.1', port: 5432 }, { host: '10.0.0.2', port: 6432 }, { host: '::1', port: 5432 }]);
    expect(p.base).toMatchObject({ user: 'liangxin_app', password: 'p@ss', database: 'liangxin', ssl: { rejectUnauthorized: false }, connectionTimeoutMillis: 3000 });
    expect(p.readWrite).toBe(true);
  });

  it('reads sslmode as libpq does: disable is plain, require encrypts, verify-full checks', () => {
    expect(parsePgUrl('postgres://a@h/db').base.ssl).toBe(false);
    expect(parsePgUrl('postgres://a@h/db?sslmode=verify-full').base.ssl).toMatchObject({ rejectUnauthorized: true });
    expect(parsePgUrl('postgres://a@h/db?target_session_attrs=any').readWrite).toBe(false);
    expect(withLibpqSsl('postgres://a@h/db?sslmode=require')).toBe('postgres://a@h/db?sslmode=require&uselibpqcompat=true');
    expect(withLibpqSsl('postgres://a@h/db')).toBe('postgres://a@h/db');
  });

  it('refuses what is not a PostgreSQL URL, in Chinese', () => {
    expect(() => parsePgUrl('mysql://x@h/db')).toThrow(/DATABASE_URL 格式无效/);
    expect(() => parsePgUrl('postgres://a@h:port/db')).toThrow(/主机/);
  });
});
