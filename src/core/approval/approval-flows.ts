import type { ApprovalFlows, ApprovalFlowsInput } from '../../contracts/approval.js';
import type { Db, Executor } from '../../db/schema.js';
import {
  APPROVAL_KIND_CATALOGUE, APPROVAL_KINDS, LEVEL_LABEL, flowProblem, resolveFlow, type AreaFlows, type FlowSetting,
} from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import { roleAllows } from '../../domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';

/**
 * The approval flows of an area (docs/approvals.md, "Flows"): one app_setting row per province,
 * city or district (`approval.flows.<prefix>`), versioned and audited. A record's flow is its most
 * specific area's, else a wider area's, else the platform default (resolveFlow). An area's flows are
 * changed by whoever holds 管理党组织 over the whole area — a district's organisation department for
 * its district, never a street (a street's grant is narrower than any area).
 */
type Stored = { version: number; flows: FlowSetting[] };
const KEY = 'approval.flows.';
const pad12 = (p: string) => p.padEnd(12, '0');

export async function readAreas(db: Executor): Promise<AreaFlows[]> {
  const rows = await db.selectFrom('app_setting').select(['key', 'value']).where('key', 'like', `${KEY}%`).execute();
  return rows.map((r) => ({ regionPrefix: r.key.slice(KEY.length), flows: ((r.value as Stored | null)?.flows ?? []) }));
}

const covers = (scope: Scope, prefix: string) => scope.all || scope.regionPrefixes.some((p) => p.length <= prefix.length && prefix.startsWith(p));

export const canChangeArea = (actor: Actor, prefix: string): boolean => holdsAction(actor, 'org.manage') && covers(scopeFor(actor, 'org.manage'), prefix);

/** The area a reader sees by default: their own district, else the province of the deployment. */
async function defaultPrefix(db: Executor, scope: Scope): Promise<string> {
  const own = scope.all ? undefined : scope.regionPrefixes.find((p) => p.length >= 6);
  if (own) return own.slice(0, 6);
  const wide = scope.all ? undefined : scope.regionPrefixes.find((p) => p.length === 2 || p.length === 4);
  if (wide) return wide;
  const top = await db.selectFrom('region').select('code').where('level', '=', 1).orderBy('code').executeTakeFirst();
  return (top?.code ?? '110000000000').slice(0, 2);
}

async function areaName(db: Executor, prefix: string): Promise<string> {
  return (await db.selectFrom('region').select('name').where('code', '=', pad12(prefix)).executeTakeFirst())?.name ?? '本辖区';
}

const levelsText = (levels: readonly string[]) => levels.map((l) => LEVEL_LABEL[l as keyof typeof LEVEL_LABEL]).join(' → ');

export async function getFlows(db: Db, actor: Actor, regionPrefix?: string): Promise<ApprovalFlows> {
  const scope = requireAction(actor, 'org.read');
  const prefix = regionPrefix ?? await defaultPrefix(db, scope);
  const areas = await readAreas(db);
  const own = areas.find((a) => a.regionPrefix === prefix);
  const stored = (await db.selectFrom('app_setting').select('value').where('key', '=', KEY + prefix).executeTakeFirst())?.value as Stored | undefined;
  // The flow in force for a record placed anywhere in the area: its own setting or a wider area's.
  const wider = areas.filter((a) => prefix.startsWith(a.regionPrefix));
  const names = new Map(await Promise.all(wider.map(async (a) => [a.regionPrefix, await areaName(db, a.regionPrefix)] as const)));
  return {
    regionPrefix: prefix, areaName: await areaName(db, prefix), version: stored?.version ?? 0, canChange: canChangeArea(actor, prefix),
    kinds: APPROVAL_KINDS.map((kind) => {
      const c = APPROVAL_KIND_CATALOGUE[kind];
      const f = resolveFlow(kind, pad12(prefix), wider);
      return {
        kind, label: c.label, mode: c.mode, source: c.source, wired: c.wired, defaultLevels: [...c.defaultLevels],
        levels: f.levels, required: f.required, fromLabel: f.fromPrefix === null ? '平台默认' : f.fromPrefix === prefix ? '本辖区设置' : `${names.get(f.fromPrefix) ?? ''}设置`,
        own: own?.flows.find((x) => x.kind === kind) ?? null,
      };
    }),
  };
}

/**
 * The last level applies the change, so it must be a role that may make it (管理党组织): a 社区 cannot
 * approve last — unless the kind's adapter applies without the decider's own access (亮身份确认).
 */
function check(flows: readonly FlowSetting[]): void {
  const p = flowProblem(flows);
  if (p) throw new AppError('VALIDATION_FAILED', p.message, [{ field: p.field, code: 'INVALID_FLOW', message: p.message }]);
  flows.forEach((f, i) => {
    const last = f.levels.at(-1)!;
    if (!APPROVAL_KIND_CATALOGUE[f.kind].anyLastLevel && !roleAllows(last, 'org.manage')) {
      const message = `“${APPROVAL_KIND_CATALOGUE[f.kind].label}”的最后一级须由街道或区审批（${levelsText(f.levels)}）：${LEVEL_LABEL[last]}不能登记该事项`;
      throw new AppError('VALIDATION_FAILED', message, [{ field: `flows.${i}.levels`, code: 'LAST_LEVEL_CANNOT_APPLY', message }]);
    }
  });
}

export async function saveFlows(db: Db, actor: Actor, prefix: string, input: ApprovalFlowsInput): Promise<ApprovalFlows> {
  requireAction(actor, 'org.manage');
  if (!canChangeArea(actor, prefix)) {
    throw new AppError('FORBIDDEN', '审批流程由本辖区（区县及以上）的组织部门设置', [{ code: 'AREA_OUT_OF_SCOPE', message: '该辖区不在您的管理范围' }]);
  }
  check(input.flows);
  await db.transaction().execute(async (tx) => {
    const key = KEY + prefix;
    // Lock the row (or, before the first save, take its insert slot) so two saves of one version cannot both pass.
    await tx.insertInto('app_setting').values({ key, value: JSON.stringify({ version: 0, flows: [] }) }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await tx.selectFrom('app_setting').select('value').where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
    const before = row.value as Stored;
    if ((before.version ?? 0) !== input.version) throw versionConflict();
    const after: Stored = { version: (before.version ?? 0) + 1, flows: input.flows };
    await tx.updateTable('app_setting').set({ value: JSON.stringify(after) }).where('key', '=', key).execute();
    await recordAudit(tx, actor, { action: 'approval.flows', entity: 'app_setting', entityId: key, before, after });
  });
  return getFlows(db, actor, prefix);
}
