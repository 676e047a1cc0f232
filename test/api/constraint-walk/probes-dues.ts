import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * Party dues (docs/dues.md): every constraint of dues_basis, dues_reduction and dues_payment driven
 * through PUT /api/dues/members/:id/basis, POST /api/dues/members/:id/reductions and
 * POST /api/dues/ledger/:id/payments. DUES_FIXTURE gives the walk's fixture member a month's ledger
 * row (2026-10, 0.2元 due) to pay on, and a pending reduction (2099-01) to withdraw.
 */
export async function DUES_FIXTURE(w: Omit<Walk, 'f'>, orgId: string): Promise<void> {
  const db = w.database.db;
  const m = await db.selectFrom('party_member').select('id').where('org_id', '=', orgId).orderBy('id').executeTakeFirstOrThrow();
  await db.insertInto('dues_ledger').values({
    member_id: m.id, month: '2026-10', org_id: orgId, category: 'student', base_fen: null, standard_fen: 20, due_fen: 20, rule_id: 'member.duesMinimal', bracket: '学生党员每月0.2元',
  }).execute();
  // A pending reduction far ahead, to withdraw.
  await db.insertInto('dues_reduction').values({ member_id: m.id, from_month: '2099-01', amount_fen: 0 }).execute();
}

const memberOf = async (w: Walk) => (await w.database.db.selectFrom('party_member').select('id').where('org_id', '=', w.f.orgId).orderBy('id').executeTakeFirstOrThrow()).id;
const basis = (body: Record<string, unknown>) => api(async (w) => w.api('PUT', `/api/dues/members/${await memberOf(w)}/basis`, { fromMonth: '2026-10', category: 'student', ...body }));
const reduce = (body: Record<string, unknown>) => api(async (w) => w.api('POST', `/api/dues/members/${await memberOf(w)}/reductions`, { fromMonth: '2026-10', amountFen: 0, ...body }));
const pay = (body: Record<string, unknown>) => api(async (w) => {
  const l = await w.database.db.selectFrom('dues_ledger').select(['id', 'version']).where('org_id', '=', w.f.orgId).where('month', '=', '2026-10').executeTakeFirstOrThrow();
  return w.api('POST', `/api/dues/ledger/${l.id}/payments`, { version: l.version, amountFen: 20, paidOn: '2026-10-20', ...body });
});

const withdraw = (reason: string) => api(async (w) => {
  const r = await w.database.db.selectFrom('dues_reduction').select('id').where('member_id', '=', await memberOf(w)).where('from_month', '=', '2099-01').executeTakeFirstOrThrow();
  return w.api('POST', `/api/dues/reductions/${r.id}/withdraw`, { reason });
});

export const DUES_PROBES: Record<string, Probe | Probe[]> = {
  dues_basis_member_id_fkey: path((w) => w.api('PUT', `/api/dues/members/${NO_ID}/basis`, { fromMonth: '2026-10', category: 'student' })),
  dues_basis_from_month_check: [basis({ fromMonth: '2026-13' }), basis({ fromMonth: '26-10' })],
  dues_basis_category_check: basis({ category: 'honorary' }),
  dues_basis_base_fen_check: basis({ category: 'employed', baseFen: -1 }),
  // (category is employed or retired) = (base_fen IS NOT NULL)
  dues_basis_check: [basis({ category: 'employed' }), basis({ category: 'farmer', baseFen: 300_000 })],
  'dues_basis.from_month': basis({ fromMonth: undefined }),
  'dues_basis.category': basis({ category: undefined }),
  dues_reduction_member_id_fkey: path((w) => w.api('POST', `/api/dues/members/${NO_ID}/reductions`, { fromMonth: '2026-10', amountFen: 0 })),
  dues_reduction_from_month_check: reduce({ fromMonth: '2026-00' }),
  dues_reduction_to_month_check: reduce({ toMonth: '2026-1' }),
  dues_reduction_amount_fen_check: reduce({ amountFen: -1 }),
  dues_reduction_approval_ref_check: [reduce({ approvedOn: '2026-10-01', approvalRef: '' }), reduce({ approvedOn: '2026-10-01', approvalRef: '号'.repeat(101) })],
  // to_month >= from_month
  dues_reduction_check: reduce({ fromMonth: '2026-10', toMonth: '2026-09' }),
  // (approved_on IS NULL) = (approval_ref IS NULL)
  dues_reduction_check1: [reduce({ approvedOn: '2026-10-01' }), reduce({ approvalRef: '西党〔2026〕1号' })],
  'dues_reduction.from_month': reduce({ fromMonth: undefined }),
  'dues_reduction.amount_fen': reduce({ amountFen: undefined }),
  dues_reduction_withdrawn_reason_check: withdraw('注'.repeat(201)),
  dues_payment_ledger_id_fkey: path((w) => w.api('POST', `/api/dues/ledger/${NO_ID}/payments`, { version: 1, amountFen: 20, paidOn: '2026-10-20' })),
  dues_payment_amount_fen_check: [pay({ amountFen: 0 }), pay({ amountFen: -20 })],
  dues_payment_note_check: pay({ note: '注'.repeat(201) }),
  'dues_payment.amount_fen': pay({ amountFen: undefined }),
  'dues_payment.paid_on': pay({ paidOn: undefined }),
};

export const DUES_SKIPPED: Record<string, string> = {
  dues_basis_member_id_from_month_key: 'a basis is upserted per member and month: a second one for the month replaces it',
  'dues_basis.member_id': 'the member is the URL\'s (a missing one is 404: dues_basis_member_id_fkey)',
  'dues_reduction.member_id': 'the member is the URL\'s (a missing one is 404: dues_reduction_member_id_fkey)',
  'dues_payment.ledger_id': 'the ledger row is the URL\'s (a missing one is 404: dues_payment_ledger_id_fkey)',
  dues_payment_method_check: 'method is set by the writer to a literal (hand, import)',
  'dues_payment.method': 'method is set by the writer to a literal (hand, import)',
  dues_payment_check: 'method and batch are set together by the writer (import ⇔ its own batch)',
  dues_payment_batch_id_fkey: 'the batch is the one the importer has just inserted in the same transaction',
  dues_reduction_withdrawn_check: 'the day is today and the reason required, written together by the withdrawal',
  dues_payment_import_uq: 'imports insert with ON CONFLICT DO NOTHING: a payment already imported is counted as unchanged',
};
