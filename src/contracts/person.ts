import { z } from 'zod';

/**
 * A natural person (instructor, secretary, member, union officer). ID and phone numbers travel
 * masked (`410102********1234`, `138****1234`) unless the caller holds `pii.view` AND asked for
 * `reveal=1`; every such reveal is audited.
 */
export const PersonCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  idNumber: z.string().trim().max(40).nullish(),
  phone: z.string().trim().max(30).nullish(),
  gender: z.enum(['male', 'female']).nullish(),
  birthDate: z.iso.date().nullish(),
  /** 登记区划 (12 digits): must lie in the caller's manage scope; defaults to the caller's one region. */
  regionCode: z.string().regex(/^\d{12}$/, '应为12位统计用区划代码').nullish(),
}).strict();
export type PersonCreateBody = z.infer<typeof PersonCreateBody>;

export const PersonUpdateBody = PersonCreateBody.partial().extend({ version: z.number().int().min(1) }).strict();
export type PersonUpdateBody = z.infer<typeof PersonUpdateBody>;

export const PersonOut = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Only when revealed: the birth date is the 8 digits a masked ID number hides. */
  birthDate: z.string().nullable(),
  regionCode: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  /** true when idNumber/phone are in clear (pii.view + reveal). */
  revealed: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type PersonOut = z.infer<typeof PersonOut>;

export const PersonListQuery = z.object({
  name: z.string().trim().max(100).optional(),
  cursor: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type PersonListQuery = z.infer<typeof PersonListQuery>;

/**
 * Exact lookup by ID or phone number through the blind index. A POST body, not a query string,
 * because request URLs end up in access logs and the clear number must not.
 */
export const PersonSearchBody = z.object({
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
}).strict();
export type PersonSearchBody = z.infer<typeof PersonSearchBody>;

export const PersonList = z.object({ items: z.array(PersonOut), nextCursor: z.string().nullable() });

export const PersonParams = z.object({ id: z.string().regex(/^\d{1,19}$/) });
export const PersonGetQuery = z.object({ reveal: z.enum(['0', '1']).optional() }).strict();
