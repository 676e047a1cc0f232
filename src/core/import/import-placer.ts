import type { Executor } from '../../db/schema.js';
import { createPlacer, type Placer } from '../region/placement.js';

/**
 * The placer an import uses: the region dictionary's in-memory index (src/core/region/placement.ts),
 * built once per import so placing a million rows never queries per row. Rows it cannot place go
 * to the 待认定属地 queue (placement 'pending'), keeping the county when only the county is known.
 */
export type { PlaceInput, PlaceResult, Placer } from '../region/placement.js';

export async function createImportPlacer(db: Executor): Promise<Placer> {
  return createPlacer(db);
}
