import type { JoinAnswer, JoinApply, JoinCard } from '../../contracts/union-join.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { JOIN_LIMITS, JOIN_NOTICE, JOIN_OUTCOME_MESSAGE, throttleWindow, type JoinOutcome } from '../../domain/union-join.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { hmacSm3Hex } from '../crypto/pii-cipher.js';
import { checkPersonFacts, toPersonValues } from '../person/person-input.js';
import {
  bumpThrottle, findPublicUnion, insertApplication, insertApplicationEvent, isLiveMember, pruneThrottle,
} from './union-join.repository.js';

export type JoinDeps = { db: Db; keyring: Keyring };
export type Client = { ip: string | null; userAgent: string | null };

/** Who the audit log names for the public form: no account, the address and browser it came from. */
const publicActor = (c: Client): Actor => ({ kind: 'system', userId: null, username: '扫码入会', ip: c.ip, userAgent: c.userAgent, grants: [] });

const linkGone = () => new AppError('NOT_FOUND', '该入会二维码已失效，请联系工会索取新的二维码');

/** The public card: the union's name, its chair only when it chose to show them, the office phone. */
export async function getJoinCard(db: Db, token: string): Promise<JoinCard> {
  const u = await findPublicUnion(db, token);
  if (!u) throw linkGone();
  return { unionName: u.union_name, chairName: u.show_chair ? u.chair_name : null, officePhone: u.office_phone, notice: [...JOIN_NOTICE] };
}

/**
 * One application from the public form. Every attempt counts against its address first (bad tokens
 * and bad ID numbers too), a valid ID number then against its own daily limit across all unions;
 * the counters live in the database so every server process shares them. A person already waiting
 * in this union's queue, or already a member anywhere, gets the same kind of answer as a new one —
 * and no answer repeats what was sent.
 */
export async function applyToJoin(d: JoinDeps, token: string, body: JoinApply, client: Client, now = new Date()): Promise<JoinAnswer> {
  const actor = publicActor(client);
  const ipKey = hmacSm3Hex(d.keyring.indexKey, `ip:${client.ip ?? ''}`);
  await throttle(d.db, actor, { bucket: `ip:${ipKey}`, by: 'ip', window: throttleWindow(now, 'hour'), limit: JOIN_LIMITS.perIpPerHour, now },
    '提交过于频繁，请一小时后再试');
  const u = await findPublicUnion(d.db, token);
  if (!u) throw linkGone();
  const facts = checkPersonFacts({ name: body.name, idNumber: body.idNumber, phone: body.phone, gender: null, birthDate: null });
  const sealed = toPersonValues(d.keyring, facts);
  const index = sealed.id_number_index!;
  await throttle(d.db, actor, { bucket: `id:${index}`, by: 'idNumber', window: throttleWindow(now, 'day'), limit: JOIN_LIMITS.perIdPerDay, now },
    '该身份证号码今日提交次数已达上限，请明天再试');
  return d.db.transaction().execute(async (tx) => {
    let outcome: JoinOutcome = 'submitted';
    let applicationId: string | null = null;
    if (await isLiveMember(tx, index)) outcome = 'already_member';
    else {
      applicationId = (await insertApplication(tx, {
        union_id: u.union_id, name: facts.name, gender: facts.gender, id_number_enc: sealed.id_number_enc!, id_number_index: index,
        phone_enc: sealed.phone_enc!, phone_index: sealed.phone_index!, key_id: sealed.key_id!, employer_name: body.employer.trim(),
      })) ?? null;
      if (applicationId) await insertApplicationEvent(tx, { applicationId, kind: 'submitted', unionId: u.union_id, actorId: null });
      else outcome = 'already_pending';
    }
    await recordAudit(tx, actor, { action: 'union.application.submit', entity: 'union', entityId: u.union_id, after: { outcome, applicationId } });
    return { outcome, message: JOIN_OUTCOME_MESSAGE[outcome] };
  });
}

type Throttle = { bucket: string; by: 'ip' | 'idNumber'; window: Date; limit: number; now: Date };

/** Counts the hit (committed on its own, so a refused request still counts); refuses past the limit. */
async function throttle(db: Db, actor: Actor, t: Throttle, message: string): Promise<void> {
  const hits = await bumpThrottle(db, t.bucket, t.window);
  // A new window: clear the counters of windows two days gone, so the table stays small.
  if (hits === 1) await pruneThrottle(db, new Date(t.now.getTime() - 2 * 86_400_000));
  if (hits <= t.limit) return;
  // The first refusal of a window is audited; a flood after it would only fill the log.
  if (hits === t.limit + 1) {
    await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.application.throttled', entity: 'union', after: { by: t.by, limit: t.limit } }));
  }
  throw new AppError('RATE_LIMITED', message, [t.by === 'ip' ? { code: 'RATE_LIMITED', message } : { field: 'idNumber', code: 'RATE_LIMITED', message }]);
}
