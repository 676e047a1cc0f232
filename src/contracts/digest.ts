import { z } from 'zod';

/**
 * The daily e-mail digest (docs/inbox.md, "每日摘要"): the SMTP settings the system administrator
 * keeps (the password is write-only: stored encrypted, never returned), and a user's own address.
 */
export const SMTP_TLS_MODES = ['none', 'starttls', 'implicit'] as const;
export const SMTP_TLS_LABELS: Record<(typeof SMTP_TLS_MODES)[number], string> = { none: '不加密（仅限内网）', starttls: 'STARTTLS（常用 587 端口）', implicit: 'SSL/TLS（常用 465 端口）' };
const Email = z.string().trim().max(254).regex(/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/, '请填写有效的电子邮箱地址');

export const SmtpSettings = z.object({
  enabled: z.boolean(), host: z.string(), port: z.number(), tls: z.enum(SMTP_TLS_MODES), user: z.string(), hasPassword: z.boolean(),
  from: z.string(), fromName: z.string(), publicUrl: z.string(), version: z.number(), canChange: z.boolean(),
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;
export const SmtpSettingsInput = z.object({
  enabled: z.boolean(),
  host: z.string().trim().max(253).regex(/^[A-Za-z0-9.-]*$/, '请填写邮件服务器的域名或 IP 地址'),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(SMTP_TLS_MODES),
  user: z.string().trim().max(200),
  /** Absent: keep the stored password; empty: remove it. */
  password: z.string().max(200).optional(),
  from: z.union([Email, z.literal('')]),
  fromName: z.string().trim().max(60),
  /** The address people open the platform at, for the digest's link to 待办 (https://…). */
  publicUrl: z.union([z.string().trim().max(200).regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, '请填写以 http:// 或 https:// 开头的平台访问地址'), z.literal('')]),
  version: z.number().int().min(1),
}).strict();
export type SmtpSettingsInput = z.infer<typeof SmtpSettingsInput>;

export const MyEmail = z.object({ email: z.string().nullable(), version: z.number() });
export type MyEmail = z.infer<typeof MyEmail>;
export const MyEmailInput = z.object({ email: Email.nullable(), version: z.number().int().min(1) }).strict();
export type MyEmailInput = z.infer<typeof MyEmailInput>;
