import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 集体协商 (docs/unions.md, "集体协商"): every constraint of union_bargaining, driven through
 * POST /api/unions/:id/bargaining and POST /api/bargaining/rounds/:id/steps on the fixture union's
 * round (BARGAINING_FIXTURE: requested 2026-02-02, nothing else recorded). The service refuses each
 * before the database would: nothing is written.
 */
export const BARGAINING_FIXTURE = async (w: Omit<Walk, 'f'>, unionId: string): Promise<void> => {
  const res = await w.api('POST', `/api/unions/${unionId}/bargaining`, { contractKind: 'collective', requestedOn: '2026-02-02', requestedBy: 'union' });
  if (res.statusCode !== 201) throw new Error(`bargaining fixture: ${res.statusCode} ${res.body}`);
};
const request = { contractKind: 'wage', requestedOn: '2026-02-02', requestedBy: 'union' };
const create = (body: Record<string, unknown>) => api((w) => w.api('POST', `/api/unions/${w.f.unionId}/bargaining`, body));
const without = (k: string) => create(Object.fromEntries(Object.entries(request).filter(([key]) => key !== k)));
const step = (body: Record<string, unknown>) => api(async (w) => {
  const r = await w.database.db.selectFrom('union_bargaining').select(['id', 'version']).where('union_id', '=', w.f.unionId).orderBy('id').executeTakeFirstOrThrow();
  return w.api('POST', `/api/bargaining/rounds/${r.id}/steps`, { version: r.version, ...body });
});
const vote = (v: Record<string, unknown>) => step({ step: 'vote', heldOn: '2026-03-01', representatives: 30, present: 25, yes: 20, ...v });

export const BARGAINING_PROBES: Record<string, Probe | Probe[]> = {
  union_bargaining_union_id_fkey: path((w) => w.api('POST', `/api/unions/${NO_ID}/bargaining`, request)),
  union_bargaining_contract_kind_check: create({ ...request, contractKind: 'verbal' }),
  union_bargaining_requested_by_check: create({ ...request, requestedBy: 'mediator' }),
  union_bargaining_request_notes_check: create({ ...request, notes: '协'.repeat(2001) }),
  'union_bargaining.contract_kind': without('contractKind'),
  'union_bargaining.requested_on': without('requestedOn'),
  'union_bargaining.requested_by': without('requestedBy'),
  union_bargaining_check: step({ step: 'reply', repliedOn: '2026-01-20' }),
  union_bargaining_check1: [vote({ present: 31 }), vote({ yes: 26 }), vote({ heldOn: '2026-01-20' })],
  union_bargaining_vote_representatives_check: vote({ representatives: 0 }),
  union_bargaining_vote_present_check: vote({ present: -1 }),
  union_bargaining_vote_yes_check: vote({ yes: -1 }),
  union_bargaining_vote_congress_id_fkey: vote({ congressId: NO_ID }),
  union_bargaining_check2: [step({ step: 'sign', signedOn: '2026-03-10', startsOn: '2026-04-01', endsOn: '2029-03-31' }), step({ step: 'sign', signedOn: '2026-03-10', startsOn: '2026-04-01', endsOn: '2026-04-01' })],
  union_bargaining_check3: step({ step: 'file', filedOn: '2026-03-20' }),
  union_bargaining_check4: step({ step: 'objection', objectionOn: '2026-03-25', notes: '探针' }),
  union_bargaining_objection_notes_check: step({ step: 'objection', objectionOn: '2026-03-25', notes: '异'.repeat(2001) }),
};

export const BARGAINING_SKIPPED: Record<string, string> = {
  'union_bargaining.union_id': 'the union is the URL\'s (a missing one is 404: union_bargaining_union_id_fkey)',
  union_bargaining_contract_id_fkey: 'written by the signing step with the contract row it has just inserted; no request carries it',
};
