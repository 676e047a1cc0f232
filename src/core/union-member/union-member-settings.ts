import type { UnionMemberSettings, UnionMemberSettingsInput } from '../../contracts/union-member.js';
import type { Db, Executor } from '../../db/schema.js';
import { PLATFORM_SETTING } from '../../domain/rules/citations.js';
import { DISPATCHED_JOIN_AT_DEFAULT, type DispatchedJoinAt } from '../../domain/union-member.js';
import type { Actor } from '../access/actor.js';
import { jurisdictionSetting } from '../settings/jurisdiction-setting.js';

/**
 * 劳务派遣工入会 (docs/unions.md, "会员实名制"): where a dispatched worker joins — the union of the
 * enterprise that places them (default; 全总《关于组织劳务派遣工加入工会的规定》: 用工单位工会 unless the
 * agency and the placing enterprise agreed otherwise) or the agency's. One app_setting row read by
 * anyone who reads unions, changed by the trade-union side holding union.manage over the whole
 * jurisdiction, at its version, audited. The add and the import only warn when a member differs.
 */
type Stored = { version: number; dispatchedJoinAt: DispatchedJoinAt };
const setting = jurisdictionSetting<Stored>({
  key: 'union_member.settings', action: 'union_member.settings', refusal: '会员实名制设置由全辖区的工会部门修改',
  actions: { read: 'union.read', manage: 'union.manage' },
  normalise: (v) => ({ version: v?.version ?? 0, dispatchedJoinAt: v?.dispatchedJoinAt === 'employing' ? 'employing' : DISPATCHED_JOIN_AT_DEFAULT }),
});

export const dispatchedJoinAt = async (db: Executor): Promise<DispatchedJoinAt> => (await setting.read(db)).dispatchedJoinAt;

export async function getUnionMemberSettings(db: Db, actor: Actor): Promise<UnionMemberSettings> {
  return { ...(await setting.view(db, actor)), source: PLATFORM_SETTING };
}

export async function saveUnionMemberSettings(db: Db, actor: Actor, input: UnionMemberSettingsInput): Promise<UnionMemberSettings> {
  return { ...(await setting.save(db, actor, input.version, { dispatchedJoinAt: input.dispatchedJoinAt })), source: PLATFORM_SETTING };
}
