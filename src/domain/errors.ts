/**
 * The one error type. Every failure a person can cause carries a stable machine-readable code,
 * a Chinese message for people, and (where known) the field or row at fault. The API maps codes to
 * HTTP statuses in one handler (src/api/plugins/errors.ts).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_CREDIT_CODE: 400,
  INVALID_ID_NUMBER: 400,
  FILE_UNSUPPORTED: 400,
  FILE_EMPTY: 400,
  FILE_NO_HEADER: 400,
  FILE_UNDECODABLE: 400,
  FILE_CHANGED: 409,
  UPLOAD_TRUNCATED: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  IMPORT_REJECTED: 422,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  BAD_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  ACCOUNT_LOCKED: 423,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  PASSWORD_POLICY: 400,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  GRANT_EXCEEDS_SCOPE: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DATA_DIR_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  KEYRING_INVALID: 500,
  /** Backup, restore and `db migrate-to` (src/core/backup): a damaged or foreign archive, a wrong passphrase. */
  BACKUP_INVALID: 400,
  /** A restore or move only ever writes into an empty database. */
  TARGET_NOT_EMPTY: 409,
  /** What landed differs from what was read: counts, row checksums or the audit chain. */
  BACKUP_VERIFY_FAILED: 500,
  /** The region dictionary is still loading at first start (src/core/region/region-startup.ts). */
  REGIONS_LOADING: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetail = {
  field?: string;
  row?: number;
  column?: string;
  code?: string;
  message?: string;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /**
   * VERSION_CONFLICT only: the record as it stands now, already in the route's public contract
   * shape (masked for people), so a client can show what changed without another round trip.
   * The API layer attaches it (src/api/version-conflict.ts); the domain never reads it.
   */
  current?: unknown;
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 404 for a record not seen; `field` names the request field that pointed at it (a reference, not the URL's record). */
export const notFound = (what = '记录', field?: string) => new AppError('NOT_FOUND', `${what}不存在或无权查看`,
  field ? [{ field, code: 'NOT_FOUND', message: `${what}不存在或无权查看` }] : []);
export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new AppError('VALIDATION_FAILED', message, details);
