import crypto from 'node:crypto';
import type { Writable } from 'node:stream';
import {
  APPLICATION_STATUS_LABEL, type ApplicationListQuery, type ApplicationPage, type JoinLink, type JoinLinkUpdate, type UnionApplication,
} from '../../contracts/union-join.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { keysetPages, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { canManageUnion, openUnion, openUnionForRead } from '../union/union.service.js';
import type { JoinDeps } from './union-join.public.js';
import { toApplication } from './union-join.mapper.js';
import { chairNameOf, countApplications, ensureLink, listApplications, updateLink, type LinkRow } from './union-join.repository.js';

/** 24 random bytes: 192 bits no one can guess or walk (never derived from the union's id). */
const newToken = () => crypto.randomBytes(24).toString('base64url');
const versionConflict = () => new AppError('VERSION_CONFLICT', '入会二维码设置已被他人修改，请刷新后重试');

async function linkOut(db: Db, actor: Actor, unionId: string, active: boolean, link: LinkRow): Promise<JoinLink> {
  const [chairName, pendingCount, manageable] = await Promise.all([
    chairNameOf(db, unionId), countApplications(db, unionId, 'pending'), canManageUnion(db, actor, unionId),
  ]);
  return {
    unionId, path: active ? `/join/${link.token}` : null, showChair: link.show_chair, chairName, officePhone: link.office_phone,
    pendingCount, manageable, version: link.version,
  };
}

/**
 * The union's public link, for anyone who sees the union (the address is printed on its poster
 * anyway). Every union has one: made on first read, by whoever reads first.
 */
export async function getJoinLink(db: Db, actor: Actor, unionId: string): Promise<JoinLink> {
  const { union } = await openUnionForRead(db, actor, unionId);
  const link = await ensureLink(db, unionId, newToken());
  return linkOut(db, actor, unionId, union.status === 'active', link);
}

/** What the public page shows besides the name: the chair's name (or not) and the office phone. */
export async function updateJoinLink(db: Db, actor: Actor, unionId: string, input: JoinLinkUpdate): Promise<JoinLink> {
  const row = await db.transaction().execute(async (tx) => {
    await openUnion(tx, actor, unionId);
    const link = await ensureLink(tx, unionId, newToken());
    if (link.version !== input.version) throw versionConflict();
    const set = {
      ...(input.showChair === undefined ? {} : { show_chair: input.showChair }),
      ...(input.officePhone === undefined ? {} : { office_phone: input.officePhone }),
    };
    const next = await updateLink(tx, unionId, input.version, set);
    if (!next) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'union.join_link.update', entity: 'union', entityId: unionId,
      before: { showChair: link.show_chair, officePhone: link.office_phone }, after: { showChair: next.show_chair, officePhone: next.office_phone },
    });
    return next;
  });
  return linkOut(db, actor, unionId, true, row);
}

/** A new address: the old QR code and printed posters stop working at once (a leaked or misused link). */
export async function regenerateJoinLink(db: Db, actor: Actor, unionId: string, version: number): Promise<JoinLink> {
  const row = await db.transaction().execute(async (tx) => {
    const { union } = await openUnion(tx, actor, unionId);
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不再接收入会申请');
    const link = await ensureLink(tx, unionId, newToken());
    if (link.version !== version) throw versionConflict();
    const next = await updateLink(tx, unionId, version, { token: newToken() });
    if (!next) throw versionConflict();
    // The token itself stays out of the log: it is the page's only key.
    await recordAudit(tx, actor, { action: 'union.join_link.regenerate', entity: 'union', entityId: unionId, after: { version: next.version } });
    return next;
  });
  return linkOut(db, actor, unionId, true, row);
}

/** The queue of applications, newest first: the union's managers only (personal data, even masked). */
export async function listUnionApplications(d: JoinDeps, actor: Actor, unionId: string, q: ApplicationListQuery): Promise<ApplicationPage> {
  await openUnion(d.db, actor, unionId);
  const [rows, total] = await Promise.all([listApplications(d.db, unionId, q), countApplications(d.db, unionId, q.status)]);
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toApplication(d.keyring, r)), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total };
}

const GENDER = { male: '男', female: '女' } as const;
const COLUMNS: ListColumn<UnionApplication>[] = [
  { header: '申请编号', width: 10, cell: (r) => r.id }, { header: '姓名', width: 12, cell: (r) => r.name },
  { header: '性别', width: 6, cell: (r) => (r.gender ? GENDER[r.gender] : '') },
  { header: '身份证号码（脱敏）', width: 22, cell: (r) => r.idNumber }, { header: '手机号码（脱敏）', width: 16, cell: (r) => r.phone },
  { header: '工作单位', width: 30, cell: (r) => r.employer }, { header: '状态', width: 8, cell: (r) => APPLICATION_STATUS_LABEL[r.status] },
  { header: '提交时间', width: 20, cell: (r) => r.submittedAt.slice(0, 19).replace('T', ' ') },
  { header: '转自工会', width: 24, cell: (r) => r.referredFrom?.name ?? '' }, { header: '转介说明', width: 24, cell: (r) => r.referralNote ?? '' },
  { header: '不予接收理由', width: 24, cell: (r) => r.decisionReason ?? '' },
];

/** The queue as XLSX: exactly the list's rows for the same filter, masked as the list is; audited. */
export async function openApplicationExport(d: JoinDeps, actor: Actor, unionId: string, q: Omit<ApplicationListQuery, 'cursor' | 'limit'>) {
  // Refused before the first byte: a 403 / 404, not a broken download.
  await openUnion(d.db, actor, unionId);
  return {
    write: async (out: Writable) => {
      async function* pages(): AsyncGenerator<UnionApplication[]> {
        for await (const rows of keysetPages((cursor, limit) => listApplications(d.db, unionId, { ...q, cursor, limit }))) {
          yield rows.map((r) => toApplication(d.keyring, r));
        }
      }
      return writeListXlsx(d.db, out, {
        sheet: '入会申请', columns: COLUMNS, pages: pages(),
        beforeClose: (rows) => d.db.transaction().execute((tx) => recordAudit(tx, actor, {
          action: 'union.application.export', entity: 'union', entityId: unionId, after: { filter: q, rows },
        })),
      });
    },
  };
}
