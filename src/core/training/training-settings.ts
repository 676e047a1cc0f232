import type { TrainingSettings, TrainingSettingsInput } from '../../contracts/training-settings.js';
import type { Db, Executor } from '../../db/schema.js';
import { SECRETARY_HOURS_VERSIONS } from '../../domain/rules/training-catalogue.js';
import { MANAGEMENT_EXPENSE_RATIO_BP, MANAGEMENT_EXPENSE_SOURCE } from '../../domain/support.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { jurisdictionSetting } from '../settings/jurisdiction-setting.js';

/**
 * 培训和党建保障设置 (docs/training.md, "Settings"), one app_setting row like the dues, 发展党员,
 * 组织生活 and 述职评议 settings: the yearly 学时 of a 党组织书记 (the secretary finding of the work
 * list) and the 1%-of-payroll expense ratio (the ledger's cap). Before the first save both are the
 * code's defaults with their sources (`set` false). Changed by the organisation department holding
 * org.manage over the whole jurisdiction, at the version, audited; `changedOn` dates the values.
 */
type Stored = { version: number; secretaryHours: number | null; expenseRatioBp: number; changedOn: string | null };
const setting = jurisdictionSetting<Stored>({
  key: 'training.settings', action: 'training.settings', refusal: '培训和党建保障设置由全辖区的组织部门修改',
  normalise: (v) => ({ version: v?.version ?? 0, secretaryHours: v?.secretaryHours ?? null, expenseRatioBp: v?.expenseRatioBp ?? MANAGEMENT_EXPENSE_RATIO_BP, changedOn: v?.changedOn ?? null }),
});

const currentDefaultHours = () => SECRETARY_HOURS_VERSIONS.at(-1)!.hours;

/** What the rules take: the secretary hours override (undefined: the dated default applies) and the ratio. */
export async function trainingOptions(db: Executor): Promise<{ secretaryHours: number | undefined; expenseRatioBp: number }> {
  const s = await setting.read(db);
  return { secretaryHours: s.secretaryHours ?? undefined, expenseRatioBp: s.expenseRatioBp };
}

const view = (s: Stored & { canChange: boolean }): TrainingSettings => ({
  version: s.version, secretaryHours: s.secretaryHours ?? currentDefaultHours(), expenseRatioBp: s.expenseRatioBp, changedOn: s.changedOn, canChange: s.canChange,
  sources: { secretaryHours: SECRETARY_HOURS_VERSIONS.at(-1)!.source, expenseRatio: MANAGEMENT_EXPENSE_SOURCE },
  defaults: { secretaryHours: currentDefaultHours(), expenseRatioBp: MANAGEMENT_EXPENSE_RATIO_BP },
});

export async function getTrainingSettings(db: Db, actor: Actor): Promise<TrainingSettings> {
  return view(await setting.view(db, actor));
}

export async function saveTrainingSettings(db: Db, actor: Actor, input: TrainingSettingsInput): Promise<TrainingSettings> {
  return view(await setting.save(db, actor, input.version, { secretaryHours: input.secretaryHours, expenseRatioBp: input.expenseRatioBp, changedOn: todayInChina() }));
}
