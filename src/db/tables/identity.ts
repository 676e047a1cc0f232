import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId } from './foundation.js';

export type SignInReason = 'ok' | 'bad_credentials' | 'locked' | 'disabled' | 'totp_required' | 'totp_invalid';

export type SignInLogTable = {
  id: GeneratedId;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  username: string;
  user_id: string | null;
  success: boolean;
  reason: SignInReason;
  ip: string | null;
  user_agent: string | null;
};

/** Columns 0004 adds to app_user; intersected with the foundation's AppUserTable in schema.ts. */
export type AppUserIdentityColumns = {
  totp_enabled: Generated<boolean>;
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
};

export type IdentityTables = {
  sign_in_log: SignInLogTable;
  app_user: AppUserIdentityColumns;
};
