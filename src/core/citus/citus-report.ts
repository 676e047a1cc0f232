import type { SchemaFacts } from './citus-catalog.js';
import { DIST_COLUMN, fkFindings, keyFindings, type Placement } from './citus-classify.js';
import type { QueryVerdict } from './citus-queries.js';

export type PageVerdict = { page: string; url: string; actor: string; status: number; statements: QueryVerdict[] };
export type CitusCheck = { facts: SchemaFacts; placements: Placement[]; pages: PageVerdict[] };

const KIND_LABEL = { distributed: 'distributed', reference: 'reference', local: 'local (coordinator)' } as const;
const cell = (s: string) => s.replace(/\|/g, '\\|');

function placementSection(c: CitusCheck): string[] {
  const by = (k: Placement['kind']) => c.placements.filter((p) => p.kind === k);
  const out = [
    '## Table placement', '',
    `${c.placements.length} tables: ${by('distributed').length} distributed by \`${DIST_COLUMN}\` (all in one co-location group), `
      + `${by('reference').length} reference, ${by('local').length} local to the coordinator. No table has \`${DIST_COLUMN}\` yet: `
      + 'every distributed table needs it added (`char(2) NOT NULL`), filled from the column named under "province from".', '',
    '| table | placement | why | province from |', '|---|---|---|---|',
  ];
  for (const p of c.placements) out.push(`| \`${p.table}\` | ${KIND_LABEL[p.kind]} | ${cell(p.why)} | ${p.source ? `\`${cell(p.source)}\`` : '—'} |`);
  return [...out, ''];
}

function keySection(c: CitusCheck): string[] {
  const keys = keyFindings(c.facts, c.placements);
  const natural = keys.filter((k) => k.natural);
  const out = [
    '## Primary and unique keys without the distribution column', '',
    `Citus requires every primary key and unique index of a distributed table to include the distribution column. `
      + `${keys.length} keys of distributed tables do not include \`${DIST_COLUMN}\`; each becomes \`(${DIST_COLUMN}, …)\`. `
      + `For the ${keys.length - natural.length} keys on a generated \`id\` alone that changes nothing (ids come from one sequence). `
      + `The ${natural.length} natural keys below would then hold **per province only**: a national rule (one credit code, one person per ID number) needs a check the database no longer gives — a reference table of the national keys, or a lookup before the write.`, '',
    '| table | key | columns today |', '|---|---|---|',
  ];
  for (const k of natural) out.push(`| \`${k.key.table}\` | \`${k.key.name}\`${k.key.primary ? ' (primary)' : ''} | ${k.key.columns.map((x) => `\`${x}\``).join(', ')} |`);
  return [...out, ''];
}

function fkSection(c: CitusCheck): string[] {
  const fks = fkFindings(c.facts, c.placements);
  const composite = fks.filter((f) => f.verdict === 'composite');
  const unsupported = fks.filter((f) => f.verdict === 'unsupported');
  const out = [
    '## Foreign keys', '',
    `${fks.length} foreign keys: ${fks.filter((f) => f.verdict === 'ok').length} allowed as they are (to a reference table, or between local/reference tables); `
      + `${composite.length} between distributed tables become composite \`(${DIST_COLUMN}, id)\` → \`(${DIST_COLUMN}, id)\`, which needs a unique \`(${DIST_COLUMN}, id)\` on the parent (see above); `
      + `${unsupported.length} are not supported by Citus and move into the application's checks (src/core/references):`, '',
    '| foreign key | from | to |', '|---|---|---|',
  ];
  for (const f of unsupported) out.push(`| \`${f.fk.table}.${f.fk.columns.join(',')}\` → \`${f.fk.refTable}\` | ${KIND_LABEL[f.from]} | ${KIND_LABEL[f.to]} |`);
  return [...out, ''];
}

function querySection(c: CitusCheck): string[] {
  const out = [
    '## Heavy queries', '',
    'Each page was read through the API as a district-wide administrator (`sys`, all regions) and as a street officer '
      + '(`street`, one township); every SELECT it sent was captured as Kysely compiled it and EXPLAINed. "unfiltered" names the '
      + 'distributed tables scanned with no region condition (with the province column: a query to every shard — right for a '
      + 'national reader, a rewrite for a street); "id-only joins" counts joins of two distributed tables on ids alone (each needs '
      + `\`AND a.${DIST_COLUMN} = b.${DIST_COLUMN}\` to stay on one node).`, '',
    '| page | reader | status | SELECTs | distributed tables | unfiltered | id-only joins |', '|---|---|---|---|---|---|---|',
  ];
  for (const p of c.pages) {
    const dist = new Set(p.statements.flatMap((s) => s.relations.filter((r) => r.kind === 'distributed').map((r) => r.table)));
    const unfiltered = new Set(p.statements.flatMap((s) => s.unfiltered));
    const joins = p.statements.reduce((n, s) => n + s.idOnlyJoins, 0);
    out.push(`| ${p.page} \`${cell(p.url)}\` | ${p.actor} | ${p.status} | ${p.statements.length} | ${[...dist].sort().join(', ') || '—'} | ${[...unfiltered].sort().join(', ') || '—'} | ${joins} |`);
  }
  return [...out, ''];
}

/** The whole report (Markdown). Deterministic for one schema: no times, no ids. */
export function citusReport(c: CitusCheck, intro: string[]): string {
  return [...intro, ...placementSection(c), ...keySection(c), ...fkSection(c), ...querySection(c)].join('\n');
}
