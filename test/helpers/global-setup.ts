import type { TestProject } from 'vitest/node';
import { startPgServer, type PgServer } from './pg-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let server: PgServer | null = null;

/** With LX_TEST_ENGINE=postgres, one real server serves the whole run; each test file gets its own database. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.LX_TEST_ENGINE !== 'postgres') {
    project.provide('pgUrl', '');
    return;
  }
  server = await startPgServer();
  project.provide('pgUrl', server.url);
}

export async function teardown(): Promise<void> {
  server?.stop();
}
