import { z } from 'zod';
import { RECOGNITION_KINDS, RECOGNITION_LEVELS } from '../domain/recognition.js';
import { DateString, IdString } from './party-org.js';

/** 示范点, 党建联系点, awards and 结对共建 of a Party organisation (docs/standards.md "Recognition"). */
const tuple = <T extends string>(xs: readonly T[]) => xs as unknown as [T, ...T[]];
const Text = (max: number) => z.string().trim().min(1).max(max);

export const RecognitionInput = z.object({
  kind: z.enum(tuple(RECOGNITION_KINDS)), title: Text(100), level: z.enum(tuple(RECOGNITION_LEVELS)), grantedOn: DateString,
  memberId: IdString.optional(), grantedBy: Text(100).optional(), document: Text(100).optional(), contact: Text(100).optional(),
}).strict();
export type RecognitionInput = z.infer<typeof RecognitionInput>;
export const PairingInput = z.object({ partnerOrgId: IdString, since: DateString, content: Text(500).optional() }).strict();
export type PairingInput = z.infer<typeof PairingInput>;

export const Recognition = z.object({
  id: z.string(), kind: z.enum(tuple(RECOGNITION_KINDS)), title: z.string(), level: z.enum(tuple(RECOGNITION_LEVELS)), grantedOn: z.string(),
  memberId: z.string().nullable(), memberName: z.string().nullable(), grantedBy: z.string().nullable(), document: z.string().nullable(), contact: z.string().nullable(),
});
export const Pairing = z.object({
  id: z.string(), since: z.string(), content: z.string().nullable(),
  /** The other organisation; its name only when the reader sees it, else null. */
  partnerOrgId: z.string().nullable(), partnerName: z.string().nullable(), direction: z.enum(['ours', 'theirs']),
});
export const OrgRecognitions = z.object({ items: z.array(Recognition), pairings: z.array(Pairing), total: z.number(), manageable: z.boolean() });
export type OrgRecognitions = z.infer<typeof OrgRecognitions>;
