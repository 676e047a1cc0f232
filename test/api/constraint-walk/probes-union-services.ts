import { idCheckChar } from '../../../src/domain/id-number.js';
import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 工会服务 (docs/unions.md "工会服务"): every constraint of union_hardship_file, union_hardship_payment,
 * union_hardship_review, union_competition, person_honour and union_funds_month, driven through the
 * union-services routes. The fixture (UNION_SERVICES_FIXTURE) registers two members of the fixture union
 * (会员实名制: a hardship file needs a live membership), gives the first an approved file (2025-02-01) and a
 * 2024 市级劳动模范 honour, the second a file still applied for, records one competition, and adds the
 * union's 2025-03 funds line (its own payroll). Each probe is refused before the database: nothing is written.
 */
const idOf = (body: string) => body + idCheckChar(body);
const APPROVED = '约束帮扶会员';
const APPLIED = '约束申请会员';
const HONOUR = { kind: 'modelWorker', level: 'city', year: 2024, awardedBy: '约束市总工会' };

export const UNION_SERVICES_FIXTURE = async (w: Omit<Walk, 'f'>, unionId: string, enterpriseId: string): Promise<void> => {
  const ok = async (what: string, method: string, url: string, body: unknown) => {
    const res = await w.api(method, url, body);
    if (res.statusCode >= 300) throw new Error(`union services fixture (${what}): ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown> & { id: string; version: number };
  };
  const member = async (name: string, idNumber: string) =>
    ((await ok(`member ${name}`, 'POST', `/api/unions/${unionId}/members`, { name, idNumber, enterpriseId, joinedOn: '2024-06-01' })).member as { personId: string }).personId;
  const approved = await member(APPROVED, idOf('11010519850505121'));
  const applied = await member(APPLIED, idOf('11010519860606122'));
  const file = await ok('hardship', 'POST', `/api/unions/${unionId}/hardship`, { personId: approved, level: 'relative', reasons: ['illness'], appliedOn: '2025-01-10' });
  await ok('approval', 'POST', `/api/hardship/${file.id}/decision`, { version: file.version, decision: 'approve', on: '2025-02-01' });
  await ok('second hardship', 'POST', `/api/unions/${unionId}/hardship`, { personId: applied, level: 'deep', reasons: ['disability'], appliedOn: '2025-01-15' });
  await ok('competition', 'POST', `/api/unions/${unionId}/competitions`, { name: '约束劳动竞赛', startsOn: '2024-03-01', endsOn: '2024-10-31', participants: 40 });
  await ok('honour', 'POST', `/api/unions/${unionId}/honours`, { personId: approved, ...HONOUR });
  await ok('funds', 'POST', `/api/unions/${unionId}/funds`, { month: '2025-03', payrollFen: 1_000_000 });
};

/** The fixture member's person, by the name the fixture registered. */
const personOf = async (w: Walk, name: string) => (await w.database.db.selectFrom('union_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
  .select('m.person_id').where('m.union_id', '=', w.f.unionId).where('p.name', '=', name).executeTakeFirstOrThrow()).person_id;
const fileOf = async (w: Walk, status: 'approved' | 'applied') => w.database.db.selectFrom('union_hardship_file').select(['id', 'version'])
  .where('union_id', '=', w.f.unionId).where('status', '=', status).orderBy('id').executeTakeFirstOrThrow();
const fundsLine = async (w: Walk) => w.database.db.selectFrom('union_funds_month').select(['id', 'version'])
  .where('union_id', '=', w.f.unionId).where('month', '=', '2025-03-01').executeTakeFirstOrThrow();
const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// ---- 困难职工帮扶 ----
const APPLY = { level: 'accident', reasons: ['accident'], appliedOn: '2025-04-01' };
/** A new file for the member whose file is still applied for, with `change` (undefined leaves a key out). */
const apply = (change: Record<string, unknown>, who = APPLIED) => api(async (w) =>
  w.api('POST', `/api/unions/${w.f.unionId}/hardship`, drop({ personId: await personOf(w, who), ...APPLY, ...change })));
const onFile = (status: 'approved' | 'applied', step: string, body: Record<string, unknown>) => api(async (w) => {
  const f = await fileOf(w, status);
  return w.api('POST', `/api/hardship/${f.id}/${step}`, drop({ version: f.version, ...body }));
});
const PAYMENT = { paidOn: '2025-03-01', kind: 'living', amountFen: 50_000 };
const pay = (change: Record<string, unknown>) => onFile('approved', 'payments', { ...PAYMENT, ...change });
const REVIEW = { reviewedOn: '2026-02-01', outcome: 'continue', level: 'relative' };
const review = (change: Record<string, unknown>) => onFile('approved', 'reviews', { ...REVIEW, ...change });

// ---- 劳动竞赛 and honours ----
const COMPETITION = { name: '约束探针竞赛', startsOn: '2025-05-01', endsOn: '2025-06-30', participants: 10 };
const compete = (change: Record<string, unknown>) => api((w) => w.api('POST', `/api/unions/${w.f.unionId}/competitions`, drop({ ...COMPETITION, ...change })));
const honour = (change: Record<string, unknown>) => api(async (w) =>
  w.api('POST', `/api/unions/${w.f.unionId}/honours`, drop({ personId: await personOf(w, APPROVED), ...HONOUR, year: 2025, ...change })));

// ---- 工会经费 ----
const addMonth = (body: Record<string, unknown>) => api((w) => w.api('POST', `/api/unions/${w.f.unionId}/funds`, body));
const onLine = (step: 'payment' | 'payroll', body: Record<string, unknown>) => api(async (w) => {
  const l = await fundsLine(w);
  return w.api('POST', `/api/union-funds/${l.id}/${step}`, { version: l.version, ...body });
});

export const UNION_SERVICES_PROBES: Record<string, Probe | Probe[]> = {
  // union_hardship_file
  union_hardship_union_fk: path((w) => w.api('POST', `/api/unions/${NO_ID}/hardship`, { personId: w.f.personId, ...APPLY })),
  union_hardship_person_fk: apply({ personId: NO_ID }),
  'union_hardship_file.person_id': apply({ personId: undefined }),
  union_hardship_level_check: apply({ level: 'extreme' }),
  'union_hardship_file.level': apply({ level: undefined }),
  union_hardship_reasons_check: [apply({ reasons: [] }),
    apply({ reasons: ['illness', 'disability', 'unemployment', 'lowIncome', 'education', 'disaster', 'accident', 'singleParent', 'other'] })],
  union_hardship_note_check: [apply({ reasonNote: '' }), apply({ reasonNote: '困'.repeat(501) })],
  union_hardship_household_check: [apply({ householdSize: 0 }), apply({ householdSize: 21 })],
  union_hardship_income_check: [apply({ incomePerHeadFen: -1 }), apply({ incomePerHeadFen: 100_000_001 })],
  'union_hardship_file.applied_on': apply({ appliedOn: undefined }),
  union_hardship_open_key: [apply({}, APPROVED), apply({}, APPLIED)],
  union_hardship_close_reason_check: [
    onFile('applied', 'decision', { decision: 'reject', on: '2025-02-01', reason: '' }),
    onFile('applied', 'decision', { decision: 'reject', on: '2025-02-01', reason: '理'.repeat(201) }),
    onFile('approved', 'close', { closedOn: '2026-01-01', reason: '' }),
    onFile('approved', 'close', { closedOn: '2026-01-01', reason: '脱'.repeat(201) }),
    // A review closing the file keeps its note as the close reason (at most 200 characters there).
    review({ outcome: 'closed', note: '复'.repeat(201) }),
  ],

  // union_hardship_payment
  union_hardship_payment_file_fk: path((w) => w.api('POST', `/api/hardship/${NO_ID}/payments`, { version: 1, ...PAYMENT })),
  union_hardship_payment_kind_check: pay({ kind: 'bonus' }),
  'union_hardship_payment.kind': pay({ kind: undefined }),
  union_hardship_payment_amount_check: [pay({ amountFen: 0 }), pay({ amountFen: 100_000_001 })],
  'union_hardship_payment.amount_fen': pay({ amountFen: undefined }),
  union_hardship_payment_note_check: [pay({ note: '' }), pay({ note: '注'.repeat(201) })],
  'union_hardship_payment.paid_on': pay({ paidOn: undefined }),

  // union_hardship_review
  union_hardship_review_file_fk: path((w) => w.api('POST', `/api/hardship/${NO_ID}/reviews`, { version: 1, ...REVIEW })),
  union_hardship_review_outcome_check: review({ outcome: 'paused' }),
  'union_hardship_review.outcome': review({ outcome: undefined }),
  union_hardship_review_level_check: review({ level: 'extreme' }),
  'union_hardship_review.level': review({ level: undefined }),
  union_hardship_review_note_check: [review({ note: '' }), review({ note: '复'.repeat(501) })],
  'union_hardship_review.reviewed_on': review({ reviewedOn: undefined }),

  // union_competition
  union_competition_union_fk: path((w) => w.api('POST', `/api/unions/${NO_ID}/competitions`, COMPETITION)),
  union_competition_name_check: [compete({ name: '' }), compete({ name: '赛'.repeat(101) })],
  'union_competition.name': compete({ name: undefined }),
  union_competition_participants_check: [compete({ participants: -1 }), compete({ participants: 1_000_001 })],
  union_competition_dates_check: compete({ endsOn: '2025-04-30' }),
  'union_competition.starts_on': compete({ startsOn: undefined }),
  'union_competition.ends_on': compete({ endsOn: undefined }),

  // person_honour
  person_honour_union_fk: path((w) => w.api('POST', `/api/unions/${NO_ID}/honours`, { personId: w.f.personId, ...HONOUR })),
  person_honour_person_fk: honour({ personId: NO_ID }),
  'person_honour.person_id': honour({ personId: undefined }),
  person_honour_kind_check: honour({ kind: 'hero' }),
  'person_honour.kind': honour({ kind: undefined }),
  person_honour_level_check: honour({ level: 'township' }),
  'person_honour.level': honour({ level: undefined }),
  person_honour_year_check: [honour({ year: 1949 }), honour({ year: 2101 })],
  'person_honour.year': honour({ year: undefined }),
  person_honour_awarded_by_check: [honour({ awardedBy: '' }), honour({ awardedBy: '授'.repeat(101) })],
  'person_honour.awarded_by': honour({ awardedBy: undefined }),
  person_honour_competition_fk: honour({ competitionId: NO_ID }),
  person_honour_key: honour({ year: HONOUR.year }),

  // union_funds_month
  union_funds_union_fk: path((w) => w.api('POST', `/api/unions/${NO_ID}/funds`, { month: '2025-04', payrollFen: 1_000_000 })),
  union_funds_month_check: addMonth({ month: '2025-04-15', payrollFen: 1_000_000 }),
  'union_funds_month.month': addMonth({ payrollFen: 1_000_000 }),
  union_funds_month_key: addMonth({ month: '2025-03', payrollFen: 2_000_000 }),
  union_funds_payroll_check: [
    addMonth({ month: '2025-04', payrollFen: -1 }),
    addMonth({ month: '2025-04', payrollFen: 100_000_000_000_001 }),
    onLine('payroll', { payrollFen: -1 }),
    onLine('payroll', { payrollFen: 100_000_000_000_001 }),
  ],
  // The fixture union has no typed monthly payroll: a month without its own figure has none.
  'union_funds_month.payroll_fen': addMonth({ month: '2025-04' }),
  union_funds_paid_check: [onLine('payment', { paidFen: -1 }), onLine('payment', { paidFen: 100_000_000_000_001, paidOn: '2025-03-10' })],
  union_funds_paid_when: [onLine('payment', { paidFen: 100 }), onLine('payment', { paidFen: 0, paidOn: '2025-03-10' })],
};

export const UNION_SERVICES_SKIPPED: Record<string, string> = {
  'union_hardship_file.union_id': 'the union is the URL\'s (a missing one is 404: union_hardship_union_fk)',
  union_hardship_status_check: 'statuses are literals of the service (applied on insert, approved/rejected/closed by the steps)',
  union_hardship_approved_when: 'the decision writes status approved with approved_on (rejected with closed_on); no request sets status or dates apart',
  union_hardship_closed_when: 'rejecting, closing and a closing review write status with closed_on in one update; no request sets them apart',
  'union_hardship_payment.file_id': 'the file is the URL\'s (a missing one is 404: union_hardship_payment_file_fk)',
  'union_hardship_review.file_id': 'the file is the URL\'s (a missing one is 404: union_hardship_review_file_fk)',
  'union_competition.union_id': 'the union is the URL\'s (a missing one is 404: union_competition_union_fk)',
  'person_honour.union_id': 'the union is the URL\'s (a missing one is 404: person_honour_union_fk)',
  'union_funds_month.union_id': 'the union is the URL\'s (a missing one is 404: union_funds_union_fk); generate writes lines only for unions it has just read',
  'union_funds_month.due_fen': 'computed by fundsDueFen (2%, half up) from the payroll the contract has just bounded, never typed',
  union_funds_due_check: 'due_fen is 2% of a payroll the contract bounds to 0 or more (fundsDueFen), never typed',
  'union_funds_month.due_on': 'computed by fundsDueOn from the month and the province\'s due day, never typed',
};
