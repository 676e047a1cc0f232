import type { EnterpriseDetail, EnterpriseListItem } from '../../contracts/enterprise.js';
import { CHANGE_SOURCE_LABEL, CORRECTABLE_FACT_LABEL, isCorrectableFact, type ChangeSource } from '../../domain/ledger-corrections.js';
import type { DetailRow, HistoryRow, ListRow } from './enterprise.repository.js';

export type CorrectionRow = { fact: string; source: 'manual' | 'survey'; set_at: Date };
/** The change's source as stored, or read from what it is (rows older than migration 0056 have none). */
const sourceOf = (h: HistoryRow): ChangeSource | null =>
  (h.source as ChangeSource | null | undefined) ?? (h.import_id !== null ? 'import' : h.kind === 'placed' ? 'placement' : null);

/** Rows → contract objects. bigint ids travel as strings, timestamps as ISO text. */
const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toListItem(r: ListRow | DetailRow): EnterpriseListItem {
  return {
    id: String(r.id),
    creditCode: r.credit_code,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    placement: r.placement,
    parkId: r.park_id === null ? null : String(r.park_id),
    parkName: r.park_name ?? null,
    associationId: r.association_id === null ? null : String(r.association_id),
    associationName: r.association_name ?? null,
    sizeClass: r.size_class,
    aboveDesignatedSize: r.above_designated_size,
    operatingStatus: r.operating_status,
    employeeCount: r.employee_count,
    memberCount: r.member_count,
    foundedOn: r.founded_on,
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

export function toDetail(r: DetailRow, history: HistoryRow[], extra: { contactPhone?: string | null; corrections?: CorrectionRow[] } = {}): EnterpriseDetail {
  return {
    ...toListItem(r),
    ownershipType: r.ownership_type,
    legalRepresentative: r.legal_representative,
    address: r.address,
    industry: r.industry,
    registeredCapital: r.registered_capital === null ? null : trimDecimal(String(r.registered_capital)),
    ownerProfile: r.owner_profile,
    contactName: r.contact_name,
    contactPhone: extra.contactPhone ?? null,
    unionReported: r.union_reported,
    corrections: (extra.corrections ?? []).filter((c) => isCorrectableFact(c.fact)).map((c) => ({
      fact: c.fact, label: CORRECTABLE_FACT_LABEL[c.fact as keyof typeof CORRECTABLE_FACT_LABEL], source: c.source, setAt: iso(c.set_at),
    })),
    source: r.source,
    firstSeenAt: iso(r.first_seen_at),
    lastSeenAt: iso(r.last_seen_at),
    createdAt: iso(r.created_at),
    history: history.map((h) => ({
      id: String(h.id), kind: h.kind, importId: h.import_id === null ? null : String(h.import_id),
      changedAt: iso(h.changed_at), changes: h.changes ?? {},
      source: sourceOf(h), sourceLabel: sourceOf(h) ? CHANGE_SOURCE_LABEL[sourceOf(h)!] : undefined,
      actorName: h.actor_name ?? null, reason: h.reason ?? null, campaignName: h.campaign_name ?? null,
    })),
  };
}

/** numeric(18,4) comes back as "100.0000": show it as the file had it ("100"). */
export const trimDecimal = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
