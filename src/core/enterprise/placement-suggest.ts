import type { PlacementSuggestion, SuggestionBasis } from '../../contracts/placement-queue.js';
import type { Executor } from '../../db/schema.js';
import { createLazyPlacer } from '../region/lazy-placer.js';
import type { PlaceInput, PlaceResult } from '../region/placement.js';
import { regionNames, type QueueRow } from './placement-queue.repository.js';

/**
 * The suggestion for each pending row, computed when the queue is read (nothing is stored, so a
 * better rule or a newly loaded dictionary shows at once): the placer is run on the row's address and
 * credit code as an import would. If it now places the row at a township or community, that is
 * the suggestion ("按住所认定"); if the address only names a road called like a township, that
 * township is ("按道路名推测，请核实"). Never outside the county the row already sits in.
 */
export type Suggested = { reason: string; suggestion: PlacementSuggestion | null };

const CHUNK = 2000;
const townshipOf = (code: string) => `${code.slice(0, 9)}000`;
/** The significant digits of a stored county or city code (410102000000 → 410102). */
const within = (c: string): string => {
  for (const [zeros, keep] of [[10, 2], [8, 4], [6, 6], [3, 9]] as const) if (c.endsWith('0'.repeat(zeros))) return c.slice(0, keep);
  return c;
};

type Raw = { reason: string; code: string | null; basis: SuggestionBasis | null };

function fromResult(row: QueueRow, r: PlaceResult): Raw {
  let code: string | null = null;
  let basis: SuggestionBasis | null = null;
  if (r.placed && r.regionCode && r.level >= 4) [code, basis] = [r.regionCode, 'address'];
  else if (r.suggestion) [code, basis] = [r.suggestion.regionCode, r.suggestion.basis];
  if (code && row.region_code && !code.startsWith(within(row.region_code))) [code, basis] = [null, null];
  return { reason: r.reason, code, basis };
}

export async function suggestPlacements(db: Executor, rows: readonly QueueRow[]): Promise<Map<string, Suggested>> {
  const raw = new Map<string, Raw>();
  if (rows.length) {
    const placer = await createLazyPlacer(db);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const inputs: PlaceInput[] = chunk.map((r) => ({ address: r.address, creditCode: r.credit_code }));
      await placer.prepare(inputs);
      chunk.forEach((r, k) => raw.set(String(r.id), fromResult(r, placer.place(inputs[k]))));
    }
  }
  const codes = [...raw.values()].flatMap((s) => (s.code ? [s.code, townshipOf(s.code)] : []));
  const names = await regionNames(db, codes);
  const out = new Map<string, Suggested>();
  for (const [id, s] of raw) {
    const node = s.code ? names.get(s.code) : undefined;
    const suggestion = s.code && s.basis && node
      ? { regionCode: s.code, townshipCode: townshipOf(s.code), basis: s.basis, regionName: node.level === 5 ? `${node.parentName ?? ''}${node.name}` : node.name }
      : null;
    out.set(id, { reason: s.reason, suggestion });
  }
  return out;
}

/** "中原区建设路街道": the township with its county, as the filter lists it. */
export async function townshipLabels(db: Executor, codes: Iterable<string>): Promise<Map<string, string>> {
  const names = await regionNames(db, codes);
  return new Map([...names].map(([code, n]) => [code, `${n.parentName ?? ''}${n.name}`]));
}
