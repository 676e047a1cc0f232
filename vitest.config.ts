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
// engine are left out: the permission matrix (route × role answers of the access layer, the same
// SQL on both engines), the fuzz test (input validation before any query) and the scope property's
// random draws (the sweep, which meets every user × record once, still runs on PostgreSQL). They run
// on PGlite in `npm test`; what PostgreSQL adds — READ COMMITTED, locks, planner, real COPY — is
// tested by everything else (README, "Continuous integration"). This keeps CI under 40 minutes on two cores.
const ENGINE_INDEPENDENT = ['test/api/permission-matrix.test.ts', 'test/api/fuzz.test.ts', 'test/api/scope-property-draws.test.ts'];
const engineExclude = process.env.LX_TEST_ENGINE === 'postgres' ? ENGINE_INDEPENDENT : [];

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
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'medium',
          setupFiles: ['test/helpers/fast-check-seed.ts'],
          include: ['test/medium/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'api',
          setupFiles: ['test/helpers/fast-check-seed.ts'],
          include: ['test/api/**/*.test.ts'],
          exclude: engineExclude,
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
