import type { EnterpriseDetail, EnterpriseListItem } from '../../contracts/enterprise.js';
import type { DetailRow, HistoryRow, ListRow } from './enterprise.repository.js';

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

export function toDetail(r: DetailRow, history: HistoryRow[]): EnterpriseDetail {
  return {
    ...toListItem(r),
    ownershipType: r.ownership_type,
    legalRepresentative: r.legal_representative,
    address: r.address,
    industry: r.industry,
    registeredCapital: r.registered_capital === null ? null : trimDecimal(String(r.registered_capital)),
    ownerProfile: r.owner_profile,
    source: r.source,
    firstSeenAt: iso(r.first_seen_at),
    lastSeenAt: iso(r.last_seen_at),
    createdAt: iso(r.created_at),
    history: history.map((h) => ({
      id: String(h.id), kind: h.kind, importId: h.import_id === null ? null : String(h.import_id),
      changedAt: iso(h.changed_at), changes: h.changes ?? {},
    })),
  };
}

/** numeric(18,4) comes back as "100.0000": show it as the file had it ("100"). */
export const trimDecimal = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
