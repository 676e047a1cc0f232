import { auditActionLabel, auditEntityLabel, auditFieldLabel } from '../../contracts/audit-labels.js';
import { ORG_TYPE_LABEL, SETUP_MODE_LABEL } from '../../contracts/party-org.js';
import type { Executor } from '../../db/schema.js';
import { namesByIds, type NamedEntity } from './audit.repository.js';
import { OPERATING_STATUS_LABEL } from '../../domain/enterprise-facts.js';

/**
 * An audit entry as a person reads it: the action and record kind in Chinese, the record's name,
 * and the change field by field ("字段：旧值 → 新值"). Works on the already-masked before/after, so
 * personal data stays masked here too.
 */
export type AuditChange = { field: string; label: string; before: string; after: string };

const MAX_CHANGES = 60;
const VALUE_LABEL: Record<string, Record<string, string>> = {
  setupMode: SETUP_MODE_LABEL, orgType: ORG_TYPE_LABEL, operatingStatus: OPERATING_STATUS_LABEL,
  placement: { placed: '已认定', pending: '待认定', manual: '人工认定' },
};

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) { out.set(prefix, value); return; }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (prefix) out.set(prefix, value);
}

function show(path: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map((x) => show(path, x)).join('、') : '（空）';
  const key = path.split('.').at(-1) ?? '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return VALUE_LABEL[key]?.[s] ?? s;
}

/** Every field that differs between before and after (a creation lists what was set). */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  // A bare value (not an object) is the record's value itself.
  flatten(before && typeof before === 'object' ? before : before == null ? null : { value: before }, '', b);
  flatten(after && typeof after === 'object' ? after : after == null ? null : { value: after }, '', a);
  const out: AuditChange[] = [];
  for (const field of new Set([...b.keys(), ...a.keys()])) {
    const [x, y] = [show(field, b.get(field)), show(field, a.get(field))];
    if (x === y) continue;
    out.push({ field, label: auditFieldLabel(field), before: x, after: y });
    if (out.length >= MAX_CHANGES) break;
  }
  return out;
}

const NAME_KEYS = ['name', 'displayName', 'enterpriseName', 'personName', 'username', 'title'] as const;

/** The record's name as the entry itself carries it (after, else before). */
export function nameInEntry(before: unknown, after: unknown): string | null {
  for (const side of [after, before]) {
    if (!side || typeof side !== 'object') continue;
    const o = side as Record<string, unknown>;
    for (const k of NAME_KEYS) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  }
  return null;
}

type Ref = { entity: string; entityId: string | null; before: unknown; after: unknown };

/**
 * Names for a page of entries: from the entry, else looked up by id (enterprises, organisations,
 * unions, accounts — one query per kind). People are not looked up: their names are personal data.
 */
export async function recordNames(db: Executor, refs: Ref[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const want: Record<NamedEntity, Set<string>> = { enterprise: new Set(), party_org: new Set(), union: new Set(), user: new Set() };
  for (const r of refs) {
    const own = nameInEntry(r.before, r.after);
    if (own && r.entityId) names.set(`${r.entity}:${r.entityId}`, own);
    else if (r.entityId && /^\d{1,18}$/.test(r.entityId) && r.entity in want) want[r.entity as keyof typeof want].add(r.entityId);
  }
  for (const entity of Object.keys(want) as NamedEntity[]) {
    if (!want[entity].size) continue;
    for (const x of await namesByIds(db, entity, [...want[entity]])) if (!names.has(`${entity}:${x.id}`)) names.set(`${entity}:${x.id}`, x.name);
  }
  return names;
}

export const describeAction = auditActionLabel;
export const describeEntity = auditEntityLabel;
