import type { Executor } from '../../db/schema.js';
import { listCountySubtrees, listTopForIndex } from './region.repository.js';
import { addNodes, buildRegionIndex, type RegionNode } from './region-index.js';
import { countiesNeeded, placerFromIndex, type PlaceInput, type Placer } from './placement.js';

/**
 * A placer whose index is complete for provinces, cities and counties (~3.3k rows) and loads a
 * county's townships and communities only when a batch of rows needs that county
 * (docs/regions.md "Placement index"). The whole country is ~660k rows; an import of one city
 * touches a few dozen counties, so it never builds the rest.
 *
 * `prepare(batch)` must run before `place` for the rows of that batch: `place` stays synchronous
 * and gives exactly what the eager `createPlacer` gives for prepared rows. For an unprepared row
 * whose county is not loaded it stops at the county (no township found).
 */
export type LazyPlacer = Placer & {
  prepare(inputs: readonly PlaceInput[]): Promise<void>;
  /** Counties loaded so far and nodes in memory (for tests and measurements). */
  stats(): { counties: number; nodes: number };
};

export async function createLazyPlacer(db: Executor): Promise<LazyPlacer> {
  const top = await listTopForIndex(db);
  const index = buildRegionIndex(top, new Set(top.filter((r) => r.townships).map((r) => r.code)));
  const eager = placerFromIndex(index);
  const loaded = new Set<string>();
  // Explicit codes asked for and not in the dictionary: never asked again.
  const absent = new Set<string>();

  async function prepare(inputs: readonly PlaceInput[]): Promise<void> {
    const counties = new Set<RegionNode>();
    const codes = new Set<string>();
    for (const input of inputs) {
      for (const county of countiesNeeded(index, input)) if (!loaded.has(county.code)) counties.add(county);
      const code = input.regionCode;
      if (code && !index.byCode.has(code) && !absent.has(code)) codes.add(code);
    }
    if (!counties.size && !codes.size) return;
    const rows = await listCountySubtrees(db, [...counties].map((c) => c.code), [...codes]);
    addNodes(index.byCode, rows);
    for (const county of counties) {
      loaded.add(county.code);
      // A community lookup built before the county's communities arrived would be empty.
      county.communities = undefined;
    }
    for (const code of codes) if (!index.byCode.has(code)) absent.add(code);
  }

  return { place: eager.place, prepare, stats: () => ({ counties: loaded.size, nodes: index.byCode.size }) };
}
