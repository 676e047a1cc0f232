import { ENTERPRISE_FACT_FIELDS } from '../../domain/enterprise-facts.js';
import { AppError } from '../../domain/errors.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ColumnMapping } from './column-map.js';

/**
 * The column mapping a user corrected for one source (e.g. "市场监管局月报"), kept in app_setting
 * under `import.mapping.<source>` and applied to every later file of that source.
 */
const settingKey = (source: string) => `import.mapping.${source}`;
const TARGETS = new Set<string>([...ENTERPRISE_FACT_FIELDS.map((f) => f.key), 'ignore']);

export async function loadMapping(db: Executor, source: string): Promise<ColumnMapping> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', settingKey(source)).executeTakeFirst();
  return (row?.value as ColumnMapping | undefined) ?? {};
}

export async function getMapping(db: Db, actor: Actor, source: string): Promise<ColumnMapping> {
  requireAction(actor, 'enterprise.import');
  return loadMapping(db, source);
}

export async function saveMapping(db: Db, actor: Actor, source: string, mapping: Record<string, string>): Promise<ColumnMapping> {
  requireAction(actor, 'enterprise.import');
  const bad = Object.entries(mapping).filter(([, v]) => !TARGETS.has(v));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', '列映射的目标字段不正确', bad.map(([h, v]) => ({
      field: h, code: 'MAPPING_TARGET', message: `“${h}”不能映射到“${v}”`,
    })));
  }
  const value = mapping as ColumnMapping;
  await db.transaction().execute(async (tx) => {
    const before = await loadMapping(tx, source);
    await tx.insertInto('app_setting').values({ key: settingKey(source), value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })).execute();
    await recordAudit(tx, actor, { action: 'import_mapping.save', entity: 'import_mapping', entityId: source, before, after: value });
  });
  return value;
}
