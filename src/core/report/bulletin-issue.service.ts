import type { BulletinIssuer, BulletinIssuerFields, BulletinIssuerSave } from '../../contracts/bulletin-issuer.js';
import type { Db, Executor } from '../../db/schema.js';
import {
  defaultCopyTo, defaultDocPrefix, defaultOffice, formatDocNumber, isGroupingRegion, mainToFor, type RegionLevelLength,
} from '../../domain/bulletin-issue.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './bulletin-issue.repository.js';
import type { BulletinIssue } from './bulletin-issue.repository.js';

/**
 * The bulletin as issued (docs/bulletin.md): each region's office has its settings (代字, 发文机关,
 * 抄送, 印发机关), settable by who may configure reports over that region; each month's bulletin
 * gets the year's next number the first time it is generated, and keeps it — with its date, header
 * and 版记 — whenever it is generated again.
 */
export type { BulletinIssue };

type RegionContext = { code: string; name: string; defaults: BulletinIssuerFields; mainTo: string };

const asLen = (prefix: string) => prefix.length as RegionLevelLength;

async function regionContext(db: Executor, regionPrefix: string): Promise<RegionContext> {
  const code = regionPrefix.padEnd(12, '0');
  const chain = (await repo.regionChain(db, code)).filter((r, i, all) => i === all.length - 1 || !isGroupingRegion(r.name));
  const own = chain[chain.length - 1];
  const name = own?.name ?? regionPrefix;
  const len = asLen(regionPrefix);
  const parent = chain.length > 1 ? chain[chain.length - 2]! : null;
  // Grouping children (市辖区 of a municipality) stand for their own children.
  let kids = await repo.childNames(db, [code]);
  const grouping = kids.filter((k) => isGroupingRegion(k.name));
  if (grouping.length) kids = [...kids.filter((k) => !isGroupingRegion(k.name)), ...(await repo.childNames(db, grouping.map((g) => g.code)))];
  const office = defaultOffice(chain.map((r) => r.name), len);
  return {
    code, name,
    defaults: { docPrefix: defaultDocPrefix(name, len), office, copyTo: defaultCopyTo(parent?.name ?? null, parent ? asLen(parent.prefix) : null), printedBy: office },
    mainTo: mainToFor(kids.map((k) => k.name), kids[0] ? asLen(kids[0].prefix) : null),
  };
}

const effective = (row: repo.IssuerRow | undefined, d: BulletinIssuerFields): BulletinIssuerFields => ({
  docPrefix: row?.docPrefix ?? d.docPrefix, office: row?.office ?? d.office, copyTo: row?.copyTo ?? d.copyTo, printedBy: row?.printedBy ?? d.printedBy,
});

function seenRegion(actor: Actor, region: string): void {
  if (!regionInScope(requireAction(actor, 'report.generate'), region)) throw notFound('区划', 'region');
}

export async function getIssuer(db: Db, actor: Actor, region: string): Promise<BulletinIssuer> {
  seenRegion(actor, region);
  return issuerView(db, region);
}

async function issuerView(db: Executor, region: string): Promise<BulletinIssuer> {
  const ctx = await regionContext(db, region);
  const row = await repo.readIssuer(db, ctx.code);
  const fields = effective(row, ctx.defaults);
  const year = Number(todayInChina().slice(0, 4));
  const issued = await repo.counterValue(db, ctx.code, year);
  return {
    ...fields, region, regionName: ctx.name, version: row?.version ?? 0, defaults: ctx.defaults, mainTo: ctx.mainTo,
    year, issuedThisYear: issued, nextNumber: formatDocNumber(fields.docPrefix, year, issued + 1),
  };
}

/** Saves the region's settings; `version` is the one read (0 before the first save). */
export async function saveIssuer(db: Db, actor: Actor, input: BulletinIssuerSave): Promise<BulletinIssuer> {
  if (!regionInScope(requireAction(actor, 'report.configure'), input.region)) throw notFound('区划', 'region');
  const ctx = await regionContext(db, input.region);
  if (ctx.name === input.region) throw notFound('区划', 'region');
  return db.transaction().execute(async (tx) => {
    const before = await repo.readIssuer(tx, ctx.code, true);
    if ((before?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT', '该区划的通报发文设置已被他人修改，请刷新后重试');
    const after: repo.IssuerRow = {
      docPrefix: input.docPrefix, office: input.office, copyTo: input.copyTo, printedBy: input.printedBy, version: input.version + 1,
    };
    await repo.writeIssuer(tx, ctx.code, after);
    await recordAudit(tx, actor, { action: 'report.issuer_save', entity: 'bulletin_issuer', entityId: ctx.code, before: before ?? null, after });
    return issuerView(tx, input.region);
  });
}

/**
 * The issue of one month's bulletin: the stored one, or the year's next number given now. The
 * counter row is locked first, so a second request for the same bulletin waits and then finds the
 * first one's issue (same number), and two different bulletins take consecutive numbers.
 */
export async function issueBulletin(db: Db, actor: Actor, region: string, period: string): Promise<BulletinIssue> {
  seenRegion(actor, region);
  const code = region.padEnd(12, '0');
  const stored = await repo.readIssue(db, code, period);
  if (stored) return stored;
  const ctx = await regionContext(db, region);
  const issuedOn = todayInChina();
  const year = Number(issuedOn.slice(0, 4));
  return db.transaction().execute(async (tx) => {
    const last = await repo.lockCounter(tx, code, year);
    const again = await repo.readIssue(tx, code, period);
    if (again) return again;
    const f = effective(await repo.readIssuer(tx, code), ctx.defaults);
    const seq = last + 1;
    const issue: BulletinIssue = { docNumber: formatDocNumber(f.docPrefix, year, seq), docPrefix: f.docPrefix, year, seq, issuedOn, office: f.office, mainTo: ctx.mainTo, copyTo: f.copyTo, printedBy: f.printedBy };
    if (!(await repo.insertIssue(tx, code, period, issue))) return (await repo.readIssue(tx, code, period))!;
    await repo.setCounter(tx, code, year, seq);
    await recordAudit(tx, actor, { action: 'report.bulletin_number', entity: 'report', entityId: `${code}/${period}`, after: issue });
    return issue;
  });
}
