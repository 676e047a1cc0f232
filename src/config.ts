import path from 'node:path';
import { loadAuthSettings, type AuthSettings } from './core/auth/auth-settings.js';

/** Runtime settings, all from the environment (documented in README "Settings"). */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Limit the region dictionary to these code prefixes (e.g. "44" or "4403"); empty = whole country. */
  regionScope: string[];
  keyFile: string | undefined;
  logLevel: string;
  auth: AuthSettings;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    regionScope: (env.LX_REGION_SCOPE ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    keyFile: env.LX_KEY_FILE || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    auth: loadAuthSettings(env),
  };
}
