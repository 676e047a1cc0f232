import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Action } from '../../domain/permissions.js';
import type { ReviewLevel, StandardOrgKind } from '../../domain/standards/standards-types.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { canManageOrg, requireManagedOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import { canManageUnion, openUnion, openUnionForRead } from '../union/union.service.js';

/**
 * Who may do what with an organisation's checklist (docs/standards.md). The owner's own access
 * decides: seeing under org.read / union.read (own place or a current link, partly through a link);
 * self-assessing under org.manage / union.manage by the organisation's own place — never through a
 * link. Reviewing needs the manage action over the organisation's own place *by area*: a street
 * review a region (street or wider), park or association grant covering it; a district review a
 * region grant of a district (6 digits) or wider. A grant over an organisation subtree (a branch
 * secretary's) never reviews.
 */
export type OwnerPlace = { id: string; name: string; region_code: string | null; park_id: string | null; association_id: string | null; status: string; owned: boolean };
export type Owner = { kind: StandardOrgKind; place: OwnerPlace; scope: Scope };

const ACTIONS: Record<StandardOrgKind, { read: Action; manage: Action }> = {
  partyOrg: { read: 'org.read', manage: 'org.manage' }, union: { read: 'union.read', manage: 'union.manage' },
};
export const manageActionOf = (kind: StandardOrgKind) => ACTIONS[kind].manage;
export const readActionOf = (kind: StandardOrgKind) => ACTIONS[kind].read;

export async function requireVisibleOwner(db: Executor, actor: Actor, kind: StandardOrgKind, id: string): Promise<Owner> {
  if (kind === 'partyOrg') {
    const { org, scope } = await requireVisibleOrg(db, actor, id);
    return { kind, place: org, scope };
  }
  const { union, scope } = await openUnionForRead(db, actor, id);
  return { kind, place: union, scope };
}

/** An organisation the caller self-assesses: by its own place under the manage action (403 NOT_MANAGED through a link). */
export async function requireManagedOwner(db: Executor, actor: Actor, kind: StandardOrgKind, id: string): Promise<Owner> {
  const r = kind === 'partyOrg'
    ? await requireManagedOrg(db, actor, id).then(({ org, scope }) => ({ place: org as OwnerPlace, scope }))
    : await openUnion(db, actor, id).then(({ union, scope }) => ({ place: union as OwnerPlace, scope }));
  return { kind, ...r };
}

export const canManageOwner = (db: Executor, actor: Actor, kind: StandardOrgKind, id: string): Promise<boolean> =>
  (kind === 'partyOrg' ? canManageOrg(db, actor, id) : canManageUnion(db, actor, id));

/** Whether a scope covers the place by area at a level (see the module note). */
export function coversByArea(scope: Scope, level: ReviewLevel, p: Pick<OwnerPlace, 'region_code' | 'park_id' | 'association_id'>): boolean {
  if (scope.all) return true;
  const region = p.region_code;
  const widest = level === 'community' ? 12 : level === 'street' ? 9 : 6;
  const byRegion = !!region && scope.regionPrefixes.some((x) => region.startsWith(x) && x.length <= widest);
  if (level === 'district') return byRegion;
  return byRegion || (!!p.park_id && scope.parkIds.includes(p.park_id)) || (!!p.association_id && scope.associationIds.includes(p.association_id));
}

export function canReview(actor: Actor, kind: StandardOrgKind, level: ReviewLevel, place: OwnerPlace): boolean {
  const action = manageActionOf(kind);
  return holdsAction(actor, action) && coversByArea(scopeFor(actor, action), level, place);
}

/** The review gate: seen but not the caller's level or area is 403 NOT_REVIEWER (the owner was already found visible). */
export function requireReviewer(actor: Actor, kind: StandardOrgKind, level: ReviewLevel, place: OwnerPlace): void {
  requireAction(actor, manageActionOf(kind));
  if (!canReview(actor, kind, level, place)) {
    const who = level === 'street' ? '组织所在街道（乡镇）' : '组织所在区（县）';
    throw new AppError('FORBIDDEN', `该自评须由${who}审核，不在您的审核范围内`, [{ code: 'NOT_REVIEWER', message: `须由${who}审核` }]);
  }
}

/** Before an assessment is looked up for a change: a caller who manages neither kind is refused outright (403), as for any record. */
export function requireSomeManage(actor: Actor): void {
  if (!holdsAction(actor, 'union.manage')) requireAction(actor, 'org.manage');
}

export const assessmentNotFound = () => notFound('标准化建设自评');

/** A NOT_FOUND of the owner, said as the assessment's (the id asked for was the assessment's). */
export const asAssessmentNotFound = (e: unknown): never => {
  throw e instanceof AppError && e.code === 'NOT_FOUND' ? assessmentNotFound() : e;
};
