import { ENTERPRISE_FACT_FIELDS } from '../../domain/enterprise-facts.js';
import { importSourceKeys } from '../../domain/import-source.js';
import { AppError } from '../../domain/errors.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ColumnMapping } from './column-map.js';

/**
 * Column mappings per source (e.g. "市场监管局月报"), kept in app_setting. The source's SHARED
 * mapping (`import.mapping.<source>`) is applied to every importer's files, so only someone who may
 * import over the whole jurisdiction (enterprise.import over an unrestricted scope) writes it. Any
 * other importer saves their OWN mapping (`import.mapping-user.<userId>.<source>`); it is used for
 * their imports and overrides the shared one header by header (docs/import.md "Column mappings").
 */
const sharedKey = (source: string) => `import.mapping.${source}`;
// The user id comes first: a source name may contain dots, a bigint id never does.
const ownKey = (userId: string, source: string) => `import.mapping-user.${userId}.${source}`;
const TARGETS = new Set<string>([...ENTERPRISE_FACT_FIELDS.map((f) => f.key), 'ignore']);

async function readSetting(db: Executor, key: string): Promise<ColumnMapping> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
  return (row?.value as ColumnMapping | undefined) ?? {};
}

/** The mapping an import by `userId` uses: the shared one, overridden by the user's own. */
export async function loadMapping(db: Executor, source: string, userId: string | null = null): Promise<ColumnMapping> {
  let out: ColumnMapping = {};
  // The default source was once filed as 'default': its saved corrections still apply under the new name.
  for (const key of importSourceKeys(source)) out = { ...out, ...(await readSetting(db, sharedKey(key))) };
  if (userId) for (const key of importSourceKeys(source)) out = { ...out, ...(await readSetting(db, ownKey(userId, key))) };
  return out;
}

export async function getMapping(db: Db, actor: Actor, source: string): Promise<ColumnMapping> {
  requireAction(actor, 'enterprise.import');
  return loadMapping(db, source, actor.userId);
}

/** Where this actor's save goes: the shared mapping (unrestricted importers) or their own. */
function targetKey(actor: Actor, source: string): string {
  if (requireAction(actor, 'enterprise.import').all) return sharedKey(source);
  if (!actor.userId) throw new AppError('FORBIDDEN', '只有具体用户才能保存自己的列映射');
  return ownKey(actor.userId, source);
}

/** Saves the mapping where targetKey says; answers the mapping the actor's imports now use. */
export async function saveMapping(db: Db, actor: Actor, source: string, mapping: Record<string, string>): Promise<ColumnMapping> {
  const key = targetKey(actor, source);
  const bad = Object.entries(mapping).filter(([, v]) => !TARGETS.has(v));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', '列映射的目标字段不正确', bad.map(([h, v]) => ({
      field: h, code: 'MAPPING_TARGET', message: `“${h}”不能映射到“${v}”`,
    })));
  }
  const value = mapping as ColumnMapping;
  await db.transaction().execute(async (tx) => {
    const before = await readSetting(tx, key);
    await tx.insertInto('app_setting').values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })).execute();
    await recordAudit(tx, actor, {
      action: 'import_mapping.save', entity: 'import_mapping', entityId: key, before, after: value,
    });
  });
  return loadMapping(db, source, actor.userId);
}
