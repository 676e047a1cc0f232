import type { LoadUser } from './seed.js';
import { Session } from './client.js';

/**
 * The officers' traffic (weights in docs/benchmarks.md, "Load"): each virtual user signs in as its
 * own account and, after a think time, does one of these, drilling from what it saw last — a list
 * page's rows are the records it opens, edits and re-imports. Corrections touch even ids and
 * imports odd ids, so a crash check can tell an import's rows from a hand correction's.
 */
type Item = { id: string; creditCode: string; name: string; regionCode: string | null; version: number };
type OrgItem = { id: string; version: number; regionCode: string | null };
type Page<T> = { items: T[]; total: number };
export type Ack =
  | { kind: 'correction'; enterpriseId: string; version: number; employeeCount: number }
  | { kind: 'import'; importId: string; rows: number; completed: boolean };
export type WriteLog = { acks: Ack[]; conflicts: number; nextMarker: number };

type Vu = { s: Session; user: LoadUser; items: Item[]; orgs: OrgItem[]; metric?: string; log: WriteLog };
type Op = { name: string; weight: number; run(v: Vu): Promise<void> };

const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];
const SIZES = ['large', 'medium', 'small', 'micro'];

async function list(v: Vu, op: string, query: string): Promise<void> {
  const r = await v.s.send<Page<Item>>('GET', `/api/enterprises?limit=50${query}`, undefined, op);
  if (r.status === 200 && r.body.items.length) v.items = r.body.items;
}

async function correct(v: Vu): Promise<void> {
  const target = pick(v.items.filter((i) => Number(i.id) % 2 === 0));
  if (!target) return list(v, 'list', '');
  for (let attempt = 0; attempt < 5; attempt++) {
    const d = await v.s.send<{ version: number; employeeCount: number | null }>('GET', `/api/enterprises/${target.id}`, undefined, 'open');
    if (d.status !== 200) return;
    const employeeCount = (d.body.employeeCount ?? 0) + 1 + Math.floor(Math.random() * 5);
    const body = { version: d.body.version, reason: '走访核实从业人数', values: { employeeCount } };
    const r = await v.s.send<{ version: number }>('POST', `/api/enterprises/${target.id}/corrections`, body, 'edit', [200, 409]);
    if (r.status === 200) return void v.log.acks.push({ kind: 'correction', enterpriseId: target.id, version: r.body.version, employeeCount });
    if (r.status !== 409) return;
    v.log.conflicts++;
  }
}

async function editOrg(v: Vu): Promise<void> {
  // Only an organisation of the officer's own area: one seen through a covered enterprise is not theirs to manage.
  const org = pick(v.orgs.filter((o) => o.regionCode?.startsWith(v.user.prefix)));
  if (!org) return void (await orgs(v));
  for (let attempt = 0; attempt < 5; attempt++) {
    const d = await v.s.send<{ version: number }>('GET', `/api/party-orgs/${org.id}`, undefined, 'openOrg');
    if (d.status !== 200) return;
    const body = { version: d.body.version, reason: '更新活动场所', changes: { building: `${1 + Math.floor(Math.random() * 30)}号楼党群服务站` } };
    const r = await v.s.send('PATCH', `/api/party-orgs/${org.id}`, body, 'editOrg', [200, 409]);
    if (r.status !== 409) return;
    v.log.conflicts++;
  }
}

async function orgs(v: Vu): Promise<void> {
  const r = await v.s.send<Page<OrgItem>>('GET', '/api/party-orgs?limit=50', undefined, 'orgs');
  if (r.status === 200 && r.body.items.length) v.orgs = r.body.items;
}

/** Up to 20 odd-id rows of the last page re-imported with a new 从业人数: every row changes, so the import's changes count its rows. */
export function importCsv(items: Array<Pick<Item, 'creditCode' | 'name' | 'regionCode'>>, employeeCount: number): string {
  const head = '统一社会信用代码,企业名称,属地区划代码,从业人数';
  return [head, ...items.map((i) => [i.creditCode, `"${i.name.replace(/"/g, '""')}"`, i.regionCode ?? '', employeeCount].join(','))].join('\n') + '\n';
}

export async function runImport(s: Session, items: Item[], log: WriteLog, o: { pollMs?: number; rows?: number } = {}): Promise<void> {
  const pollMs = o.pollMs ?? 500;
  const rows = items.filter((i) => Number(i.id) % 2 === 1 && i.regionCode).slice(0, o.rows ?? 20);
  if (!rows.length) return;
  const form = new FormData();
  form.append('source', 'default');
  form.append('file', new Blob([importCsv(rows, 100_000 + log.nextMarker++)], { type: 'text/csv' }), '走访更新.csv');
  const r = await s.send<{ importId: string }>('POST', '/api/imports/enterprises', undefined, 'import', [202], form);
  if (r.status !== 202) return;
  const ack: Ack = { kind: 'import', importId: r.body.importId, rows: rows.length, completed: false };
  log.acks.push(ack);
  const t0 = performance.now();
  while (performance.now() - t0 < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const st = await s.send<{ status: string }>('GET', `/api/imports/${ack.importId}`, undefined, 'importPoll');
    if (st.status === 200 && st.body.status !== 'running') return void (ack.completed = st.body.status === 'completed');
  }
}

export const OPS: Op[] = [
  { name: 'list', weight: 20, run: (v) => list(v, 'list', '') },
  { name: 'filter', weight: 12, run: (v) => {
    const named = pick(v.items);
    return list(v, 'filter', Math.random() < 0.5 && named ? `&q=${encodeURIComponent(named.name.slice(2, 4))}` : `&sizeClass=${pick(SIZES)}`);
  } },
  { name: 'orgs', weight: 8, run: orgs },
  { name: 'members', weight: 5, run: async (v) => void (await v.s.send('GET', '/api/members?limit=50', undefined, 'members')) },
  { name: 'figures', weight: 8, run: async (v) => {
    const r = await v.s.send<{ metrics: Array<{ id: string; subject?: string }> }>('GET', `/api/coverage/figures?groupBy=region&regionPrefix=${v.user.prefix}`, undefined, 'figures');
    if (r.status === 200) v.metric = pick(r.body.metrics.filter((m) => m.subject !== 'partyOrg'))?.id ?? v.metric;
  } },
  { name: 'drill', weight: 7, run: async (v) => {
    if (!v.metric) return;
    const r = await v.s.send<Page<Item>>('GET', `/api/coverage/drill?metric=${v.metric}&part=${pick(['numerator', 'denominator'])}&regionPrefix=${v.user.prefix}&limit=50`, undefined, 'drill');
    if (r.status === 200 && r.body.items.length) v.items = r.body.items.map((i) => ({ ...i, version: 0 }));
  } },
  { name: 'open', weight: 18, run: async (v) => { const i = pick(v.items); if (i) await v.s.send('GET', `/api/enterprises/${i.id}`, undefined, 'open'); } },
  { name: 'openOrg', weight: 6, run: async (v) => { const o = pick(v.orgs); if (o) await v.s.send('GET', `/api/party-orgs/${o.id}`, undefined, 'openOrg'); } },
  { name: 'export', weight: 3, run: async (v) => {
    // A 社区 officer's sheet: the community of a row just seen (a whole street's is the import bench's size).
    const i = pick(v.items.filter((x) => x.regionCode));
    if (i) await v.s.send('GET', `/api/enterprises/export.xlsx?regionPrefix=${i.regionCode}`, undefined, 'export');
  } },
  { name: 'edit', weight: 8, run: correct },
  { name: 'editOrg', weight: 4, run: editOrg },
  { name: 'import', weight: 1, run: (v) => runImport(v.s, v.items, v.log) },
];
const TOTAL = OPS.reduce((n, o) => n + o.weight, 0);

function choose(skip: readonly string[]): Op {
  const ops = skip.length ? OPS.filter((o) => !skip.includes(o.name)) : OPS;
  let r = Math.random() * (skip.length ? ops.reduce((n, o) => n + o.weight, 0) : TOTAL);
  for (const op of ops) if ((r -= op.weight) < 0) return op;
  return ops[0]!;
}

/** One virtual user until `until` (ms, performance.now()) or `stop()` says so; thinks 0–2× thinkMs between steps. */
export async function virtualUser(
  s: Session, user: LoadUser, password: string, o: { until: number; thinkMs: number; log: WriteLog; stop?: () => boolean; skip?: readonly string[] },
): Promise<void> {
  await s.signIn(user.username, password);
  const v: Vu = { s, user, items: [], orgs: [], log: o.log };
  await list(v, 'list', '');
  while (performance.now() < o.until && !o.stop?.()) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * o.thinkMs));
    await choose(o.skip ?? []).run(v).catch(() => undefined); // an unreachable server is counted by the session; the officer tries again
  }
}
