import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { parseIdNumber } from '../../domain/id-number.js';
import { checkMemberRow, type MemberRowFacts } from '../../domain/member-row.js';
import { normalizeCode, normalizeText } from '../../domain/normalize.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import { insertRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { copyIntoMemberStage, registeredPhones, type OrgMatch } from './member-stage.repository.js';
import type { MemberFileRow } from './read-member-file.js';

/**
 * Reads the roster's rows, checks each on its own (src/domain/member-row.ts), computes the blind
 * indexes of the ID number and phone, and COPYs the rows into the stage chunk by chunk; row errors
 * go to import_row_error. While the main thread reads and checks a chunk, the previous one is
 * finished off it: its organisations resolved (OrgResolver: a probe for names not met before), its
 * people looked up, the rows that need it sealed (by the sealer, on a worker thread for a large
 * file: seal-thread.ts) and COPYed. One chunk is in flight at a time, so memory stays at two chunks.
 *
 * Sealing (SM4 + MAC per value) is the costliest part of a row, so each chunk's ID numbers are first
 * looked up among the registered people (one query) and only the rows that will need ciphertexts
 * are sealed: unregistered people, and registered ones whose phone the file changes. A re-import of
 * an unchanged roster seals nothing. Should the roster change between this lookup and the import's
 * transaction, member-seal.ts seals what is still missing there; should an organisation change,
 * resolveOrgs resolves again there. A dry run seals nothing (it writes nothing).
 */
export type WriteStats = { rows: number; readerRejected: number };
export type SealPlan = { seal: boolean; phonePresent: boolean };
export type SealValues = (values: Array<{ id: string; phone: string | null }>, keyId: string) => Promise<Array<{ idEnc: string; phoneEnc: string | null }>>;
/** 所在党支部 names → what they match among the organisations the importer manages (absent: none). */
export type OrgResolver = (names: string[]) => Promise<Map<string, OrgMatch>>;
export type StageWriterDeps = { database: Database; keyring: Keyring; sealValues: SealValues; resolveOrgs: OrgResolver };

const COPY_CHUNK = 10_000;

function employerCode(employer: string | null): string | null {
  if (!employer) return null;
  const code = normalizeCode(employer);
  return code.length === 18 && validateCreditCode(code).ok ? code : null;
}

/**
 * A checked row as the stage will hold it: the columns known while reading already COPY-encoded
 * (`head`), and what the chunk's lookups still need. Keeping a string instead of the row's facts
 * and cells lets those die young: a chunk lives across the lookups, and what it held was promoted
 * and collected again by V8's major collector.
 */
type Good = { head: string; idIndex: string; phoneIndex: string | null; idNumber: string; phone: string | null; orgName: string };
/** A rejected row whose ID number is valid is staged by its index alone, so its repeats are found. */
type Bad = { head: string; orgName: string | null };
type Sealed = { idEnc: string; phoneEnc: string | null; keyId: string } | null;
type Chunk = { goods: Good[]; bads: Bad[]; errors: RowErrorRecord[]; stats: WriteStats };

function goodOf(seq: number, row: number, f: MemberRowFacts, keyring: Keyring): Good {
  const idIndex = blindIndex(keyring, 'id_number', f.idNumber);
  const phoneIndex = f.phone ? blindIndex(keyring, 'phone', f.phone) : null;
  const head = copyLine([
    seq, row, f.name, f.gender, f.birthDate, f.ethnicity, f.education, f.category, f.joinedOn, f.confirmedOn,
    f.orgName, f.post, f.employer, employerCode(f.employer), idIndex, phoneIndex, false, f.employer,
  ]);
  return { head: head.slice(0, -1), idIndex, phoneIndex, idNumber: f.idNumber, phone: f.phone, orgName: f.orgName };
}

function badOf(seq: number, row: number, orgName: string | null, idIndex: string): Bad {
  const head = copyLine([seq, row, null, null, null, null, null, null, null, null, orgName, null, null, null, idIndex, null, true, null]);
  return { head: head.slice(0, -1), orgName };
}

/** The head, then the columns the lookups found (MEMBER_STAGE_COLUMNS' order). */
const lineOf = (head: string, sealed: Sealed, org: OrgMatch | undefined) =>
  `${head}\t${copyLine([sealed?.idEnc ?? null, sealed?.phoneEnc ?? null, sealed?.keyId ?? null, org?.id ?? null, org?.count ?? null, org?.region ?? null])}`;

/** Resolves each name once per import: a roster names a few hundred organisations, a chunk most of them again. */
function cachedOrgs(resolve: OrgResolver): (names: Iterable<string>) => Promise<Map<string, OrgMatch | undefined>> {
  const known = new Map<string, OrgMatch | undefined>();
  return async (names) => {
    const missing = [...new Set(names)].filter((n) => !known.has(n));
    if (missing.length) {
      const found = await resolve(missing);
      for (const n of missing) known.set(n, found.get(n));
    }
    return known;
  };
}

/** The chunk's rows as COPY lines: organisations resolved, sealed where the roster will need the values (see above). */
async function stageChunk(deps: StageWriterDeps, importId: string, plan: SealPlan, orgsOf: ReturnType<typeof cachedOrgs>, c: Chunk): Promise<void> {
  const orgs = await orgsOf([...c.goods.map((g) => g.orgName), ...c.bads.flatMap((b) => (b.orgName ? [b.orgName] : []))]);
  const registered = plan.seal ? await registeredPhones(deps.database.db, c.goods.map((g) => g.idIndex)) : new Map<string, string | null>();
  const need = plan.seal ? c.goods.filter((g) => {
    const known = registered.get(g.idIndex);
    return known === undefined || (plan.phonePresent && known !== g.phoneIndex);
  }) : [];
  const keyId = deps.keyring.current;
  const sealed = new Map<Good, Sealed>();
  if (need.length) {
    const values = await deps.sealValues(need.map((g) => ({ id: g.idNumber, phone: g.phone })), keyId);
    need.forEach((g, i) => sealed.set(g, { ...values[i]!, keyId }));
  }
  const lines = c.goods.map((g) => lineOf(g.head, sealed.get(g) ?? null, orgs.get(g.orgName)));
  for (const b of c.bads) lines.push(lineOf(b.head, null, b.orgName ? orgs.get(b.orgName) : undefined));
  await copyIntoMemberStage(deps.database, importId, lines);
  await insertRowErrors(deps.database.db, importId, c.errors);
}

export async function writeMemberStage(
  deps: StageWriterDeps, importId: string, rows: AsyncIterable<MemberFileRow[]>, today: string,
  plan: SealPlan, onChunk?: (stats: WriteStats) => Promise<void>,
): Promise<WriteStats> {
  const { keyring } = deps;
  const orgsOf = cachedOrgs(deps.resolveOrgs);
  const stats: WriteStats = { rows: 0, readerRejected: 0 };
  let chunk: Chunk = { goods: [], bads: [], errors: [], stats };
  let inFlight: Promise<void> = Promise.resolve();
  const cut = async () => {
    const c = { ...chunk, stats: { ...stats } };
    chunk = { goods: [], bads: [], errors: [], stats };
    await inFlight;
    inFlight = (async () => {
      await stageChunk(deps, importId, plan, orgsOf, c);
      await onChunk?.(c.stats);
    })();
    inFlight.catch(() => undefined);
  };
  for await (const batch of rows) {
    for (const r of batch) {
      const seq = ++stats.rows;
      const checked = checkMemberRow(r.values, today);
      if (checked.ok) {
        chunk.goods.push(goodOf(seq, r.row, checked.facts, keyring));
      } else {
        stats.readerRejected++;
        for (const e of checked.errors) chunk.errors.push({ row: r.row, column: e.column, code: e.code, message: e.message });
        const id = parseIdNumber(r.values.idNumber ?? '');
        if (id.ok) chunk.bads.push(badOf(seq, r.row, normalizeText(r.values.orgName ?? '') || null, blindIndex(keyring, 'id_number', id.value)));
      }
      if (chunk.goods.length + chunk.bads.length >= COPY_CHUNK) await cut();
    }
  }
  await cut();
  await inFlight;
  return stats;
}
