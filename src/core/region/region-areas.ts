import type { MeArea } from '../../contracts/auth.js';
import type { Executor } from '../../db/schema.js';
import { normaliseRegionPrefix, regionCodeOfPrefix } from '../../domain/region-code.js';
import type { Actor } from '../access/actor.js';
import { scopeFor } from '../access/scope.js';
import { listByPrefixes, regionPathNames } from './region.repository.js';

/**
 * The regions a person works on — their scope roots — with names, so every page can open on "my
 * area" (a district account on 南山区, a street account on its street) and region search can rank
 * them first. Read from the grants that allow reading coverage, else from any grant.
 */
export type Area = MeArea;

/** Normalised, outermost-only prefixes: a street inside a granted district adds nothing. */
export function areaPrefixes(actor: Actor): string[] {
  const coverage = scopeFor(actor, 'coverage.read').regionPrefixes;
  const raw = coverage.length ? coverage : actor.grants.flatMap((g) => g.regionPrefixes);
  const norm = [...new Set(raw.flatMap((p) => {
    const r = normaliseRegionPrefix(p);
    return r.ok ? [r.prefix] : [];
  }))].sort();
  return norm.filter((p) => !norm.some((q) => q !== p && p.startsWith(q)));
}

export async function areasOf(db: Executor, actor: Actor): Promise<Area[]> {
  const prefixes = areaPrefixes(actor);
  if (!prefixes.length) return [];
  const [rows, paths] = await Promise.all([listByPrefixes(db, prefixes), regionPathNames(db, prefixes)]);
  const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
  return prefixes.map((p) => {
    const r = byPrefix.get(p);
    return { prefix: p, code: regionCodeOfPrefix(p), name: r?.name ?? p, level: r?.level ?? 0, path: paths.get(p) ?? p };
  });
}
