import { z } from 'zod';
import { IdString } from './party-org.js';

/**
 * 党小组 of a 党支部 (docs/life.md, "党小组"): the groups with their 组长 and members, as the
 * organisation page and the meeting form read them; created, renamed, given a leader, their members
 * set, dissolved — by the organisation's managers (own place), each at the group's version.
 */
const Version = z.number().int().min(1);
const Name = z.string().trim().min(1, '请填写党小组名称').max(50, '党小组名称不超过50字');

export const PartyGroupMember = z.object({ id: z.string(), name: z.string() });
export const PartyGroup = z.object({
  id: z.string(), orgId: z.string(), name: z.string(),
  leader: PartyGroupMember.nullable(), members: z.array(PartyGroupMember), version: z.number(),
});
export type PartyGroup = z.infer<typeof PartyGroup>;
export const PartyGroupList = z.object({
  items: z.array(PartyGroup), total: z.number(),
  /** Members of the organisation in no group (not 出党 / 停止党籍). */
  ungrouped: z.array(PartyGroupMember),
  manageable: z.boolean(),
});
export type PartyGroupList = z.infer<typeof PartyGroupList>;

export const PartyGroupCreate = z.object({ name: Name, leaderMemberId: IdString.nullable().optional() }).strict();
export type PartyGroupCreate = z.infer<typeof PartyGroupCreate>;
export const PartyGroupUpdate = z.object({ version: Version, name: Name.optional(), leaderMemberId: IdString.nullable().optional() }).strict();
export type PartyGroupUpdate = z.infer<typeof PartyGroupUpdate>;
/** The group's whole member list: members of another group of the organisation move here. */
export const PartyGroupMembers = z.object({ version: Version, memberIds: z.array(IdString).max(500) }).strict();
export type PartyGroupMembers = z.infer<typeof PartyGroupMembers>;
export const PartyGroupDissolve = z.object({ version: Version }).strict();
export const PartyGroupParams = z.object({ id: IdString }).strict();
