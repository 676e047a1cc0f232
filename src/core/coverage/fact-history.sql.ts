import { sql, type RawBuilder } from 'kysely';

/**
 * The ledger facts of an enterprise as of a past day, from the changes recorded after it.
 *
 * Every change of a fact is recorded in enterprise_change as `changes = { factKey: [before, after] }`
 * (imports: src/core/import/import-stage.repository.ts; a manual placement: setPlacement). On day D
 * a fact had the `before` of the FIRST change recorded after D (by id), or — if none was — the value
 * it has today. So one GROUP BY over the change rows after D gives every historised fact of every
 * enterprise that changed since; its cost follows the changes after D, not the ledger, and the
 * enterprises that did not change keep their current columns (a hash probe each).
 *
 * Park and association are recorded by NAME (what a file carries): the before-name is mapped back
 * to today's park / association of that name (names are unique); a name that no longer exists maps
 * to none. Not historised: the founding date (a correction of a registered date, not an event).
 */
type Cast = 'text' | 'integer' | 'boolean';
export type HistorisedFact =
  | { key: string; column: string; cast: Cast }
  | { key: string; column: 'park_id' | 'association_id'; namedIn: 'park' | 'association' };

export const HISTORISED_FACTS: readonly HistorisedFact[] = [
  { key: 'operatingStatus', column: 'operating_status', cast: 'text' },
  { key: 'regionCode', column: 'region_code', cast: 'text' },
  { key: 'parkName', column: 'park_id', namedIn: 'park' },
  { key: 'associationName', column: 'association_id', namedIn: 'association' },
  { key: 'industry', column: 'industry', cast: 'text' },
  { key: 'sizeClass', column: 'size_class', cast: 'text' },
  { key: 'aboveDesignatedSize', column: 'above_designated_size', cast: 'boolean' },
  { key: 'employeeCount', column: 'employee_count', cast: 'integer' },
  { key: 'memberCount', column: 'member_count', cast: 'integer' },
];

/** The first before-value among the group's rows that record `json -> key`, as jsonb (SQL NULL: none did). */
const firstBefore = (json: RawBuilder<unknown>, key: string, order: RawBuilder<unknown>) =>
  sql`(array_agg(${json} -> ${sql.lit(key)} -> 0 ORDER BY ${order}) FILTER (WHERE ${json} ? ${sql.lit(key)}))[1]`;

/** A jsonb scalar as SQL (jsonb null → NULL). */
const scalar = (v: RawBuilder<unknown>, cast: Cast) => sql`(${v} #>> '{}')::${sql.raw(cast)}`;

/**
 * `hist`: per enterprise changed after day `d`, for each fact `<column>` (its value on the day) and
 * `changed_<column>` (whether a change after the day recorded it); `changed` before it holds each
 * first before-value as jsonb under the same name. Referenced twice, so it is materialised once —
 * it holds only the enterprises that changed.
 */
export function factHistoryCtes(d: RawBuilder<unknown>): RawBuilder<unknown> {
  const ch = sql.ref('ch.changes');
  const keys = sql.join(HISTORISED_FACTS.map((f) => sql.lit(f.key)));
  const befores = sql.join(HISTORISED_FACTS.map((f) => sql`${firstBefore(ch, f.key, sql`ch.id`)} AS ${sql.ref(f.column)}`));
  const facts = sql.join(HISTORISED_FACTS.map((f) => {
    const b = sql.ref(`c.${f.column}`);
    const value = 'cast' in f ? scalar(b, f.cast) : sql`${sql.ref(`${f.namedIn}.id`)}`;
    return sql`${b} IS NOT NULL AS ${sql.ref(`changed_${f.column}`)}, ${value} AS ${sql.ref(f.column)}`;
  }));
  return sql`changed AS (
      SELECT ch.enterprise_id, ${befores}
        FROM enterprise_change ch
       WHERE ch.changed_at >= (${d} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AND ch.changes ?| ARRAY[${keys}]
       GROUP BY ch.enterprise_id
    ), hist AS (
      SELECT c.enterprise_id, ${facts}
        FROM changed c
        LEFT JOIN park ON park.name = c.park_id #>> '{}'
        LEFT JOIN association ON association.name = c.association_id #>> '{}'
    )`;
}

/**
 * `hist` to join to the enterprises. A CTE scan carries no statistics, so joined bare the planner
 * took its enterprise_id for a low-cardinality key and hashed the million enterprises instead of
 * the few changed ones; a single-column DISTINCT ON tells it the key is unique (a sort of the
 * changed rows), and it hashes `hist` (docs/benchmarks.md, Month snapshot: history of facts).
 */
export const HIST = sql`(SELECT DISTINCT ON (enterprise_id) * FROM hist)`;

/** A fact of enterprise `e` (joined to HIST as `h`) as of the day. */
export const factAsOf = (column: string, e = 'e', h = 'h') =>
  sql`CASE WHEN ${sql.ref(`${h}.changed_${column}`)} THEN ${sql.ref(`${h}.${column}`)} ELSE ${sql.ref(`${e}.${column}`)} END`;

/**
 * `umem`: a union's members on day `d` where a change dated after the day is recorded —
 * src/core/union/union.service.ts writes each change of the facts as a union_event 'adjusted' with
 * its effective date `at` and `data.changes = { members: [before, after] }`. Ordered by that date
 * (a change may be entered late, backdated), then by id.
 */
export function unionMembersCte(d: RawBuilder<unknown>): RawBuilder<unknown> {
  const changes = sql`ev.data -> 'changes'`;
  return sql`umem AS (
      SELECT ev.union_id, ${scalar(firstBefore(changes, 'members', sql`ev.at, ev.id`), 'integer')} AS members
        FROM union_event ev
       WHERE ev.kind = 'adjusted' AND ev.at > ${d} AND ev.data -> 'changes' ? 'members'
       GROUP BY ev.union_id
    )`;
}
