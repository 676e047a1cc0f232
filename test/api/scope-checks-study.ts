import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db/database.js';
import { COUNTIES, TOWNSHIPS, call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * Study checks of the scope property test, against docs/study.md ("Who reads what"): a material is
 * read by anyone signed in when its publishing region is at or above one of their places or under a
 * region of their grants, or when its publishing organisation is one of theirs (or above it), or one
 * they oversee under org.read (a link included); it is changed only under study.publish by the
 * publisher's own place (seen otherwise: 403 NOT_MANAGED; unseen: 404). One material per organisation
 * and per district and street of the world is made on first use (per world: the cache is keyed by
 * the database), each with one file, downloaded exactly where the material is read; an edit sends the
 * material's own content back, so nothing else changes.
 */
type Json = Record<string, unknown>;
type Material = { id: string; region: string | null; org: string | null; file?: string };
const made = new WeakMap<Database, Material[]>();
const pad12 = (p: string) => p.padEnd(12, '0');
const above = (code: string) => [6, 9].filter((k) => code.length >= k).map((k) => pad12(code.slice(0, k)));

async function materials(c: Ctx): Promise<Material[]> {
  const have = made.get(c.database);
  if (have) return have;
  const db = c.database.db;
  const out: Material[] = [];
  for (const code of [...COUNTIES, ...TOWNSHIPS].map(pad12)) {
    const { id } = await db.insertInto('study_material').values({ title: `范围学习资料${code}`, topic: 'theory', kind: 'text', body: '正文', region_code: code }).returning('id').executeTakeFirstOrThrow();
    out.push({ id, region: code, org: null });
  }
  for (const org of c.model.orgs.keys()) {
    const { id } = await db.insertInto('study_material').values({ title: `范围组织学习资料${org}`, topic: 'charter', kind: 'text', body: '正文', org_id: org }).returning('id').executeTakeFirstOrThrow();
    out.push({ id, region: null, org });
  }
  // One file per material (one content in the server's store): downloaded exactly where the material is read.
  const content = Buffer.from('%PDF-1.4 范围学习资料');
  const sha = createHash('sha256').update(content).digest('hex');
  const target = path.join(c.attachmentDir!, sha.slice(0, 2), sha.slice(2, 4), sha);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  const files = await db.insertInto('attachment').values(out.map((m) => ({ owner_kind: 'study', owner_id: m.id, sha256: sha, size: content.length, media_type: 'application/pdf', file_name: '学习辅导.pdf' })))
    .returning(['id', 'owner_id']).execute();
  for (const f of files) out.find((m) => m.id === String(f.owner_id))!.file = f.id;
  made.set(c.database, out);
  return out;
}

/** The oracle: may `user` read the material, and change it? */
function oracle(c: Ctx, user: string, m: Material): { read: boolean; manage: boolean } {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const publish = scopeOf(g, 'study.publish');
  if (g.some((x) => x.allRegions)) return { read: true, manage: publish.held && publish.all };
  const prefixes = g.flatMap((x) => x.regionPrefixes ?? []);
  if (m.region) {
    const places = [...prefixes,
      ...g.flatMap((x) => x.enterpriseIds ?? []).map((id) => c.model.ents.get(id)?.region ?? null),
      ...g.flatMap((x) => x.parkIds ?? []).map((id) => (c.world.parks.includes(id) ? pad12(COUNTIES[c.world.parks.indexOf(id)]!) : null)),
      ...g.flatMap((x) => x.associationIds ?? []).map((id) => (c.world.associations.includes(id) ? pad12(COUNTIES[c.world.associations.indexOf(id)]!) : null)),
      ...g.flatMap((x) => x.partyOrgIds ?? []).map((id) => c.model.orgs.get(id)?.region ?? null)];
    const read = prefixes.some((p) => m.region!.startsWith(p)) || places.some((p) => p !== null && above(p).includes(m.region!));
    return { read, manage: publish.held && publish.prefixes.some((p) => m.region!.startsWith(p)) };
  }
  const orgsAbove = (id: string) => { const out: string[] = []; for (let cur: string | null = id; cur; cur = c.model.orgs.get(cur)?.parent ?? null) out.push(cur); return out; };
  const mine = g.flatMap((x) => x.partyOrgIds ?? []).flatMap(orgsAbove);
  const orgRead = scopeOf(g, 'org.read');
  const manage = publish.held && o.own(publish, 'org', m.org!);
  return { read: mine.includes(m.org!) || (orgRead.held && o.visible(orgRead, 'org', m.org!)) || manage, manage };
}

export const studyList: Op = async (c, user) => {
  const all = await materials(c);
  const res = await call(c.app, c.sessions[user], 'GET', '/api/study/materials');
  const problems: string[] = [];
  same(problems, 'status', 200, res.statusCode);
  if (res.statusCode === 200) {
    const body = res.json() as { items: Json[]; total: number };
    const ids = new Set(all.map((m) => m.id));
    const got = body.items.filter((i) => ids.has(String(i.id)));
    same(problems, 'rows', all.filter((m) => oracle(c, user, m).read).map((m) => m.id).sort(), got.map((i) => String(i.id)).sort());
    same(problems, 'total', body.items.length, body.total);
    for (const i of got) same(problems, `manageable ${String(i.id)}`, oracle(c, user, all.find((m) => m.id === String(i.id))!).manage, i.manageable);
  }
  return { op: 'studyList', user, target: '-', problems } satisfies CheckResult;
};

/** Changing a material: the publish gate of its publisher's own place (its own content sent back). */
export const studyEdit: Op = async (c, user, a) => {
  const all = await materials(c);
  const m = all[a % all.length]!;
  const g = c.world.users[user].grants;
  const want = oracle(c, user, m);
  const expected = !holds(g, 'study.publish') ? { status: 403 } : want.manage ? { status: 200 } : want.read ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
  const row = await c.database.db.selectFrom('study_material').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
  const res = await call(c.app, c.sessions[user], 'PUT', `/api/study/materials/${m.id}`, { title: row.title, topic: row.topic, kind: row.kind, body: row.body, status: row.status, version: row.version });
  const problems: string[] = [];
  same(problems, 'status', expected.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', expected.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  // Its file: exactly where the material is read; the same 404 as no file elsewhere.
  const file = await call(c.app, c.sessions[user], 'GET', `/api/study/materials/${m.id}/attachments/${m.file}`);
  same(problems, 'file', want.read ? 200 : 404, file.statusCode);
  return { op: 'studyEdit', user, target: m.region ?? `org ${m.org}`, problems, expected: expected.code } satisfies CheckResult;
};

/** How many materials studyEdit cycles through (for the sweep). */
export const studyCount = (c: Ctx) => made.get(c.database)?.length ?? COUNTIES.length + TOWNSHIPS.length + c.model.orgs.size;
