import { defineConfig } from 'vitest/config';

// Three tiers (docs/architecture.md): unit = pure; medium = services and repositories on a real
// database (PGlite by default, PostgreSQL with LX_TEST_ENGINE=postgres); api = the Fastify app
// through inject; e2e = the real server in real Chromium.
// CI asks for a JSON report too (LX_VITEST_JSON) so .ci/run can print one closing count.
const json = process.env.LX_VITEST_JSON;

// Vitest's default is one worker fewer than the CPUs: one worker on CI's two cores. Most files wait
// on a database, a child process or a browser as much as they compute, so two workers on two cores
// nearly halve the run (LX_TEST_WORKERS to change it; e2e files still run one at a time).
const workers = Number(process.env.LX_TEST_WORKERS ?? 0) || 2;

// On the PostgreSQL run (LX_TEST_ENGINE=postgres) the files whose verdicts do not depend on the
// engine are left out. PGlite is PostgreSQL itself compiled to WebAssembly: the same parser, planner
// and SQL semantics, so a query's answer is the engine's either way. What differs — several
// connections at READ COMMITTED, row locks, a server process, real COPY — is what the PostgreSQL run
// is for, and every other medium and API file runs there. Left to PGlite: the permission matrix
// (route × role answers of the access layer), the fuzz test (input validation before any query), the
// scope property (sweep and draws: the scope predicates' answers), and the CLI files whose commands'
// services are tested on PostgreSQL by their own medium and API files (the CLI's own PostgreSQL
// connection stays tested by export-cli and import-kill). This keeps CI under 40 minutes on two cores
// (README, "Continuous integration").
const ENGINE_INDEPENDENT = [
  'test/api/permission-matrix*.test.ts', 'test/api/fuzz.test.ts', 'test/api/scope-property.test.ts', 'test/api/scope-property-draws.test.ts',
];
// seal-thread touches no database at all.
const ENGINE_INDEPENDENT_MEDIUM = [
  'test/medium/dues-cli.test.ts', 'test/medium/report-issuer-cli.test.ts', 'test/medium/audit-cli.test.ts', 'test/medium/seal-thread.test.ts',
];
const onPostgres = process.env.LX_TEST_ENGINE === 'postgres';
const engineExclude = onPostgres ? ENGINE_INDEPENDENT : [];
// The API layer sits on the services the medium files test on both engines; on PostgreSQL only the
// API files about what the engine decides run: lost updates under READ COMMITTED, version
// conflicts, constraint errors turned into answers, error shapes and the imports' COPY paths.
const API_ON_POSTGRES = [
  'test/api/concurrency.test.ts', 'test/api/version-conflict.test.ts', 'test/api/constraint-walk.test.ts', 'test/api/error-shape.test.ts',
  'test/api/member-import.test.ts', 'test/api/bargaining.test.ts', 'test/api/union-join.test.ts', 'test/api/dues.test.ts',
];
const engineExcludeMedium = onPostgres ? ENGINE_INDEPENDENT_MEDIUM : [];

// Each medium and API file imports the whole server (Fastify, every route and schema, ExcelJS, docx):
// with a fresh module graph per file that was 321 s of the PGlite run and 659 s of the PostgreSQL run
// (summed over the workers). They keep no state between files — each builds its own database and app,
// and test/helpers/close-databases.ts closes any database a file leaves open — so a worker keeps one
// module cache for all its files. LX_TEST_ISOLATE=1 gives each file a fresh one (to hunt a leak).
const isolate = process.env.LX_TEST_ISOLATE === '1';
// Except the scope property (sweep and draws): its check modules keep per-world caches keyed by record
// ids (each fresh database numbers from 1 again) and `seeded` flags, so each of its files gets a fresh
// module graph of its own (project `api-scope`, PGlite only).
const SCOPE_PROPERTY = ['test/api/scope-property.test.ts', 'test/api/scope-property-draws.test.ts'];
// CI runs three suites at once on two cores (load 7–9): a file that takes 50–70 s there (the CLI
// files, the killed import, backup and restore) had only twice that before a stall of the machine
// failed it. A hang still fails, later.
const STALL_PROOF_TIMEOUT = 300_000;
const SHARED_SETUP = ['test/helpers/fast-check-seed.ts', 'test/helpers/close-databases.ts'];

export default defineConfig({
  test: {
    maxWorkers: workers,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles: ['test/helpers/fast-check-seed.ts'],
          include: ['test/unit/**/*.test.ts'],
          // Pure tests take milliseconds; the few that spawn the bin take 5–10 s under CI's load.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'medium',
          setupFiles: SHARED_SETUP,
          isolate,
          include: ['test/medium/**/*.test.ts'],
          exclude: engineExcludeMedium,
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: STALL_PROOF_TIMEOUT,
          hookTimeout: STALL_PROOF_TIMEOUT,
        },
      },
      {
        test: {
          name: 'api',
          setupFiles: SHARED_SETUP,
          isolate,
          include: onPostgres ? API_ON_POSTGRES : ['test/api/**/*.test.ts'],
          exclude: [...engineExclude, ...SCOPE_PROPERTY],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: STALL_PROOF_TIMEOUT,
          hookTimeout: STALL_PROOF_TIMEOUT,
        },
      },
      {
        test: {
          name: 'api-scope',
          setupFiles: SHARED_SETUP,
          isolate: true,
          include: onPostgres ? [] : SCOPE_PROPERTY,
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One module cache for all the files (they run one at a time in one worker): each file
          // imported the whole server again, ≈ 290 s of the browser suite's wall time in CI. Each file
          // still starts its own server on its own database and its own browser; the helpers keep
          // per-page state in a WeakMap only.
          isolate,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
