import type { Talent, TalentSummary } from '../../contracts/reserve-pool.js';
import type { PlacementRow, TalentView } from './pool.repository.js';

/** Row → contract; the history newest first, the last placement on the list. */
const placement = (p: PlacementRow) => ({ id: p.id, orgId: p.org_id, orgName: p.org_name, position: p.position, placedOn: p.placed_on, note: p.note });

export const toTalentSummary = (t: TalentView, placements: PlacementRow[]): TalentSummary => {
  const last = placements.find((p) => p.talent_id === t.id);
  return {
    id: t.id, personId: t.person_id, name: t.name, regionCode: t.region_code, regionName: t.region_name, orgId: t.org_id, orgName: t.org_name,
    recommender: t.recommender, recommendedOn: t.recommended_on, skills: t.skills, availability: t.availability, status: t.status,
    lastPlacement: last ? placement(last) : null, access: t.owned ? 'full' : 'partial', version: t.version,
  };
};

export const toTalent = (t: TalentView, placements: PlacementRow[], manageable: boolean): Talent => ({
  ...toTalentSummary(t, placements), note: t.note, manageable, placements: placements.filter((p) => p.talent_id === t.id).map(placement),
});

export const talentAudit = (t: { person_id: string; region_code: string | null; org_id: string | null; recommender: string; recommended_on: string; skills: string; availability: string; status: string; version: number }) => ({
  personId: t.person_id, regionCode: t.region_code, orgId: t.org_id, recommender: t.recommender, recommendedOn: t.recommended_on,
  skills: t.skills, availability: t.availability, status: t.status, version: t.version,
});
