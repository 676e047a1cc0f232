import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../domain/password-policy.js';

export const SignInBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  totpCode: z.string().regex(/^\d{6}$/, '动态验证码为 6 位数字').optional(),
}).strict();

export const SignInResponse = z.object({
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  totpEnrolmentRequired: z.boolean(),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
}).strict();

export const TotpSetupResponse = z.object({ secret: z.string(), uri: z.string() });
export const TotpEnableBody = z.object({ code: z.string().regex(/^\d{6}$/, '动态验证码为 6 位数字') }).strict();

export const SignInLogQuery = z.object({
  username: z.string().max(64).optional(),
  success: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().regex(/^[1-9]\d{0,17}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type SignInLogQuery = z.infer<typeof SignInLogQuery>;

export const SignInLogItem = z.object({
  id: z.string(), at: z.string(), username: z.string(), userId: z.string().nullable(), success: z.boolean(),
  reason: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(),
});
export const SignInLogList = z.object({ items: z.array(SignInLogItem), nextCursor: z.string().nullable() });

/** One of the person's own regions (a scope root) as GET /api/auth/me names it. */
export const MeArea = z.object({
  prefix: z.string(), code: z.string(), name: z.string(), level: z.number().int(),
  /** "广东省 › 深圳市 › 南山区" */
  path: z.string(),
});
export type MeArea = z.infer<typeof MeArea>;
