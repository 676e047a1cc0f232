import { APPROVAL_KIND_CATALOGUE, type ApprovalKind } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import type { ApprovalAdapter } from './adapter.js';
import { declarationAdapter } from './declaration.adapter.js';
import { orgAdapter } from './org.adapter.js';
import { orgSetupAdapter } from './org-setup.adapter.js';
import { orgMergerAdapter } from './org-merger.adapter.js';
import { recruitmentAdapter } from './recruitment.adapter.js';
import { standardsAdapter } from './standards.adapter.js';
import { transferAdapter } from './transfer.adapter.js';

/**
 * The wired kinds, each with its module's adapter (docs/approvals.md, "Kinds"). A kind missing here
 * is configurable ahead but cannot be submitted; src/domain/approval.ts marks it `wired: false`.
 */
const ADAPTERS: Partial<Record<ApprovalKind, ApprovalAdapter<never>>> = {
  'recruitment.candidate': recruitmentAdapter, 'recruitment.admission': recruitmentAdapter, 'recruitment.confirm': recruitmentAdapter,
  'memberTransfer.out': transferAdapter, 'member.declaration': declarationAdapter,
  'org.setup': orgSetupAdapter, 'org.dissolution': orgAdapter, 'org.merger': orgMergerAdapter,
  'standards.review': standardsAdapter,
};

export const isWired = (kind: ApprovalKind): boolean => !!ADAPTERS[kind];

/** The adapter of a kind (typed for any kind: each adapter reads only its own). */
export function adapterOf(kind: ApprovalKind): ApprovalAdapter {
  const a = ADAPTERS[kind];
  if (!a) {
    const message = `“${APPROVAL_KIND_CATALOGUE[kind].label}”暂未接入线上审批`;
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'kind', code: 'NOT_WIRED', message }]);
  }
  return a as unknown as ApprovalAdapter;
}
