import path from 'node:path';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './api/logger.js';
import { loadStoreSettings, type StoreSettings } from './core/attachment/store-settings.js';
import { loadAuthSettings, type AuthSettings } from './core/auth/auth-settings.js';

/** Runtime settings, all from the environment (documented in README "Settings"). */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Where attachments are kept by content hash (LX_ATTACHMENT_DIR, default DATA_DIR/attachments; docs/attachments.md). */
  attachmentDir: string;
  /** Local disk (default) or an S3-compatible bucket (LX_ATTACHMENT_STORE, LX_S3_*; docs/attachments.md). */
  attachmentStore: StoreSettings;
  databaseUrl: string | undefined;
  /** A streaming replica for the coverage figures, lists and trends (LX_READ_DATABASE_URL; docs/deploy.md). */
  readDatabaseUrl: string | undefined;
  /** Limit the region dictionary to these code prefixes (e.g. "44" or "4403"); empty = whole country. */
  regionScope: string[];
  keyFile: string | undefined;
  logLevel: LogLevel;
  /** `json` (one object a line, for collectors) or `pretty` (for a person at a terminal); LX_LOG_FORMAT. */
  logFormat: LogFormat;
  /** Bearer token that opens GET /metrics to other hosts (LX_METRICS_TOKEN; docs/operations.md "Metrics"). */
  metricsToken: string | undefined;
  auth: AuthSettings;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    attachmentDir: path.resolve(env.LX_ATTACHMENT_DIR || path.join(dataDir, 'attachments')),
    attachmentStore: loadStoreSettings(env),
    databaseUrl: env.DATABASE_URL || undefined,
    readDatabaseUrl: env.LX_READ_DATABASE_URL || undefined,
    regionScope: (env.LX_REGION_SCOPE ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    keyFile: env.LX_KEY_FILE || undefined,
    // LX_LOG_LEVEL is the name in docs/operations.md; LOG_LEVEL, the first one, still works.
    logLevel: logLevelOf(env.LX_LOG_LEVEL || env.LOG_LEVEL),
    logFormat: logFormatOf(env.LX_LOG_FORMAT),
    metricsToken: env.LX_METRICS_TOKEN || undefined,
    auth: loadAuthSettings(env),
  };
}

/** An unknown level is refused at start rather than quietly logging at some other level. */
function logLevelOf(value: string | undefined): LogLevel {
  const level = (value || 'info').trim().toLowerCase();
  const known = LOG_LEVELS.find((l) => l === level);
  if (!known) throw new Error(`LX_LOG_LEVEL（或 LOG_LEVEL）应为 ${LOG_LEVELS.join('、')} 之一（现为 "${value}"）`);
  return known;
}

function logFormatOf(value: string | undefined): LogFormat {
  const format = (value || 'json').trim().toLowerCase();
  const known = LOG_FORMATS.find((f) => f === format);
  if (!known) throw new Error(`LX_LOG_FORMAT 应为 ${LOG_FORMATS.join('、')} 之一（现为 "${value}"）`);
  return known;
}
