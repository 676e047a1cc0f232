import { sql, type RawBuilder } from 'kysely';
import type { Atom, Measure, MetricDef } from '../../domain/metrics.js';

/**
 * Compiles the metric definitions (src/domain/metrics.ts) to SQL over a coverage row aliased `e`.
 * The figure, the drill-down list and the snapshot all call these, so they count the same rows.
 * Field names come from a closed union, never from input, so `sql.ref` is safe here.
 */
export function atomSql(a: Atom): RawBuilder<boolean> {
  const col = sql.ref(`e.${a.field}`);
  if ('is' in a) return a.is ? sql<boolean>`${col}` : sql<boolean>`NOT ${col}`;
  if ('in' in a) return sql<boolean>`${col} IN (${sql.join(a.in.map((s) => sql.lit(s)))})`;
  return sql<boolean>`${col} >= ${sql.lit(a.atLeast)}`;
}

export function allOf(atoms: readonly Atom[]): RawBuilder<boolean> {
  return atoms.length ? sql<boolean>`(${sql.join(atoms.map(atomSql), sql` AND `)})` : sql<boolean>`TRUE`;
}

/** The rows a metric's numerator or denominator counts. */
export function partSql(def: MetricDef, part: 'numerator' | 'denominator'): RawBuilder<boolean> {
  return part === 'denominator' ? allOf(def.where) : allOf([...def.where, ...def.numerator]);
}

const measureSql = (m: Measure) => (m === 'count' ? sql`1` : sql.ref(`e.${m}`));

/** `sum(measure) FILTER (WHERE part)` for one side of a metric, as bigint text-safe number. */
export function pairSql(def: MetricDef, part: 'numerator' | 'denominator'): RawBuilder<number> {
  const m = part === 'numerator' ? def.numeratorMeasure : def.denominatorMeasure;
  return sql<number>`coalesce(sum(${measureSql(m)}) FILTER (WHERE ${partSql(def, part)}), 0)::bigint`;
}

export const measureOfPart = (def: MetricDef, part: 'numerator' | 'denominator'): Measure =>
  part === 'numerator' ? def.numeratorMeasure : def.denominatorMeasure;
