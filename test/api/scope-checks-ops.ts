import type { Op } from './scope-checks-read.js';
import { same } from './scope-oracle.js';

/**
 * The ops endpoints in the scope property (docs/operations.md): they belong to no one's scope, so a
 * session — whatever its role — opens nothing there. /metrics from another host is refused to every
 * user alike (only the address or the bearer token decides), and what it shows from this machine is
 * counts by closed labels: no label names a record, a region, a person or a URL someone typed.
 */
const LABEL_KEYS = new Set(['method', 'route', 'status_class', 'le', 'state', 'kind', 'outcome', 'quantile', 'engine']);

export const opsScope: Op = async (c, user) => {
  const problems: string[] = [];
  const s = c.sessions[user];
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  const remote = await c.app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress: '10.0.9.9' });
  same(problems, 'remote metrics status', 403, remote.statusCode);
  const local = await c.app.inject({ method: 'GET', url: '/metrics', headers });
  same(problems, 'local metrics status', 200, local.statusCode);
  for (const line of local.body.split('\n').filter((l) => l && !l.startsWith('#'))) {
    for (const [, key, value] of line.matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)) {
      if (!LABEL_KEYS.has(key)) problems.push(`label ${key} in ${line}`);
      // Route patterns carry :params, never values; no label carries a code, an id or a name.
      if (key !== 'le' && key !== 'quantile' && /\d{3,}|[\u4e00-\u9fa5]/.test(value)) problems.push(`label value ${value} in ${line}`);
    }
  }
  for (const url of ['/healthz', '/readyz']) {
    const res = await c.app.inject({ method: 'GET', url, headers, remoteAddress: '10.0.9.9' });
    same(problems, `${url} status`, 200, res.statusCode);
    same(problems, `${url} keys`, url === '/healthz' ? ['alive', 'code', 'message', 'uptimeSeconds'] : ['code', 'details', 'message', 'ready'], Object.keys(res.json() as object).sort());
  }
  return { op: 'opsScope', user, target: 'ops endpoints', problems };
};
