import type { MediationBody, MediationCase } from '../../contracts/mediation.js';
import { agreementReviewUntil, arbitrationLimitOn, mediationClock } from '../../domain/rules/mediation.js';
import type { BodyView, CaseView } from './mediation.repository.js';

export const toBody = (r: BodyView): MediationBody => ({
  id: r.id, kind: r.kind, name: r.name, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name,
  unionId: r.union_id, unionName: r.union_name, regionCode: r.place, streetName: r.street_name,
  foundedOn: r.founded_on, status: r.status, openCases: Number(r.open_cases), version: r.version,
});

/** 案号: （年）调字第N号 — the year of receipt and the case's number, the same in every view and document. */
export const caseNumber = (id: string, receivedOn: string) => `（${receivedOn.slice(0, 4)}）劳调字第${id}号`;

/** Row → contract with the clock as of `asOf` (overdue, days left, limitation and review dates). */
export function toCase(r: CaseView, asOf: string): MediationCase {
  const clock = mediationClock(r.received_on, r.closed_on, asOf);
  return {
    id: r.id, caseNumber: caseNumber(r.id, r.received_on), bodyId: r.body_id, bodyName: r.body_name, bodyKind: r.body_kind,
    regionCode: r.place, streetName: r.street_name, receivedOn: r.received_on, dueOn: r.due_on, mediationDays: clock.days,
    employerEnterpriseId: r.employer_enterprise_id, employerName: r.employer_name, collective: r.collective,
    applicantCount: Number(r.applicant_count), applicantNames: r.applicant_names ?? '',
    category: r.category, claim: r.claim, claimedFen: Number(r.claimed_fen), agreedFen: r.agreed_fen === null ? null : Number(r.agreed_fen),
    knownOn: r.known_on, status: r.status, closedOn: r.closed_on,
    daysLeft: clock.daysLeft, overdue: clock.overdue, closedInTime: clock.closedInTime,
    arbitrationLimitOn: r.status === 'failed' || (r.closed_on === null && clock.overdue) ? (r.known_on ? arbitrationLimitOn(r.known_on) : null) : null,
    reviewUntil: r.status === 'agreed' && r.closed_on ? agreementReviewUntil(r.closed_on) : null,
    access: r.owned ? 'full' : 'partial', version: r.version,
  };
}
