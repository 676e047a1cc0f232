import type { Executor } from '../../db/schema.js';
import { createLazyPlacer, type LazyPlacer } from '../region/lazy-placer.js';

/**
 * The placer an import uses: the region dictionary's in-memory index, complete for provinces,
 * cities and counties and loading a county's townships and communities when a chunk first needs
 * them (src/core/region/lazy-placer.ts). Each chunk is `prepare`d (one query for its new counties),
 * then placing its rows never queries per row. Rows it cannot place go to the 待认定属地 queue
 * (placement 'pending'), keeping the county when only the county is known.
 */
export type { PlaceInput, PlaceResult } from '../region/placement.js';
export type Placer = LazyPlacer;

export async function createImportPlacer(db: Executor): Promise<Placer> {
  return createLazyPlacer(db);
}
