import { z } from 'zod';

/**
 * The error body every failing request answers with (src/api/plugins/errors.ts), as a contract, so
 * routes can declare it in the OpenAPI document. Lenient on purpose: a route's declared schema
 * also serialises every other error of that status, and a body that failed it would become a 500.
 */
export const ErrorDetailSchema = z.object({
  field: z.string().optional(),
  row: z.number().optional(),
  column: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

export const ErrorBodySchema = z.object({
  code: z.string().describe('稳定的机器可读错误码，如 VERSION_CONFLICT、CONFLICT'),
  message: z.string().describe('中文说明'),
  details: z.array(ErrorDetailSchema),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * 409 of a versioned write: VERSION_CONFLICT (the `version` sent is not the stored one, whether or
 * not the values differ) with the record as it stands now in `current`; or CONFLICT (a duplicate).
 */
export const conflictBodySchema = <T extends z.ZodType>(record: T) => ErrorBodySchema.extend({
  current: record.optional().describe('VERSION_CONFLICT 时：该记录的当前内容（与读取接口相同的脱敏视图）'),
});
