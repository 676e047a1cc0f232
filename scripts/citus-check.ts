/**
 * `npm run -s citus-check [-- --out docs/citus.md]`: checks the schema and the heavy queries against
 * Citus' rules for distribution by province (issue 18, "Beyond one machine"). Debian ships no Citus,
 * so nothing here needs it: the schema is read from a freshly migrated embedded database, and the
 * queries are those the API sends for the heavy pages, captured and EXPLAINed. Prints Markdown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/core/auth/password.js';
import { generateKeyringText } from '../src/core/crypto/keyring.js';
import { readSchemaFacts } from '../src/core/citus/citus-catalog.js';
import { classify } from '../src/core/citus/citus-classify.js';
import { isHeavySelect, judgeQuery, QueryCapture } from '../src/core/citus/citus-queries.js';
import { citusReport, type CitusCheck, type PageVerdict } from '../src/core/citus/citus-report.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

const PASSWORD = 'Citus-Check-Pass-1';
const STREET = '440305001';
/** The pages whose queries matter at national scale: roll-ups, drill-downs, work lists, the inbox, exports. */
export const HEAVY_PAGES: Array<[string, string]> = [
  ['coverage figures by region', '/api/coverage/figures?groupBy=region'],
  ['coverage drill-down', '/api/coverage/drill?metric=orgCoverage&part=denominator&limit=50'],
  ['coverage drill-down XLSX', '/api/coverage/drill.xlsx?metric=orgCoverage&part=denominator'],
  ['coverage trend', '/api/coverage/trend?regionPrefix=440305001'],
  ['enterprise ledger', '/api/enterprises?limit=50'],
  ['enterprise ledger XLSX', '/api/enterprises/export.xlsx'],
  ['placement queue', '/api/placement-queue'],
  ['party organisations', '/api/party-orgs'],
  ['unions', '/api/unions'],
  ['member roster', '/api/members'],
  ['inbox (my post)', '/api/inbox?view=role'],
  ['joint-branch planner', '/api/planner/joint-branches?regionPrefix=440305001'],
];

async function user(database: Database, username: string, role: string, grant: { all_regions?: boolean; region_prefixes?: string[] }): Promise<void> {
  const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: await hashPassword(PASSWORD), must_change_password: false })
    .returning('id').executeTakeFirstOrThrow();
  await database.db.insertInto('user_role').values({ user_id: u.id, role, ...grant }).execute();
}

/** Runs the check on a migrated database (the caller's, or a fresh in-memory one). */
export async function runCitusCheck(database: Database, dataDir: string): Promise<CitusCheck> {
  const facts = await readSchemaFacts(database.db);
  const placements = classify(facts);
  // The street's chain of regions, so pages that check a region prefix against the dictionary answer.
  await database.db.insertInto('region').values([
    { code: '440000000000', level: 1, name: '广东省', parent_code: null, prefix: '44' },
    { code: '440300000000', level: 2, name: '深圳市', parent_code: '440000000000', prefix: '4403' },
    { code: '440305000000', level: 3, name: '南山区', parent_code: '440300000000', prefix: '440305' },
    { code: '440305001000', level: 4, name: '南头街道', parent_code: '440305000000', prefix: STREET },
  ]).onConflict((oc) => oc.column('code').doNothing()).execute();
  await user(database, 'sys', 'system_admin', { all_regions: true });
  await user(database, 'street', 'township_officer', { region_prefixes: [STREET] });
  const capture = new QueryCapture();
  const keyFile = path.join(dataDir, 'citus-check-keys.json');
  fs.writeFileSync(keyFile, generateKeyringText(), { mode: 0o600 });
  const config = loadConfig({ DATA_DIR: dataDir, LX_KEY_FILE: keyFile, LOG_LEVEL: 'silent', LX_REQUIRE_TOTP_FOR_ADMINS: 'false' });
  const app = await buildApp({ database: { ...database, db: database.db.withPlugin(capture) }, config }, { webDir: path.join(dataDir, 'no-web') });
  const pages: PageVerdict[] = [];
  try {
    for (const actor of ['sys', 'street']) {
      const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: actor, password: PASSWORD } });
      const cookie = signIn.cookies.find((c) => c.name === 'lx_session');
      if (!cookie) throw new Error(`sign-in ${actor}: ${signIn.statusCode} ${signIn.body}`);
      for (const [page, url] of HEAVY_PAGES) {
        capture.statements.length = 0;
        const res = await app.inject({ method: 'GET', url, headers: { cookie: `lx_session=${cookie.value}` } });
        // The session lookup is every request's and not this page's.
        const selects = capture.statements.filter(isHeavySelect).filter((q) => !/"user_session"|"app_user"|"user_role"/.test(q.sql));
        const statements = [];
        for (const q of selects) statements.push(await judgeQuery(database.db, page, q, placements));
        pages.push({ page, url, actor, status: res.statusCode, statements });
      }
    }
  } finally {
    await app.close();
  }
  return { facts, placements, pages };
}

export const INTRO = fs.readFileSync(new URL('./citus-intro.md', import.meta.url), 'utf8').trimEnd().split('\n');

async function main(): Promise<void> {
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-citus-'));
  const database = await openDatabase({});
  try {
    await migrate(database.db);
    const check = await runCitusCheck(database, dir);
    const text = `${citusReport(check, ['', ...INTRO, ''])}\n`;
    if (out) fs.writeFileSync(out, text);
    else process.stdout.write(text);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
