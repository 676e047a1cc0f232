import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { sendDigests } from '../../src/core/digest/digest.service.js';
import { getSmtpSettings, saveSmtpSettings } from '../../src/core/digest/smtp-settings.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import type { Database } from '../../src/db/database.js';
import { buildWorld, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { partsOf, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

/**
 * The daily digest end to end (docs/inbox.md, "每日摘要"): the rule engine's tasks of the generated
 * world, SMTP settings saved with a sealed password, `sendDigests` against a real SMTP server on
 * loopback — who gets a message, what it says (counts, overdue first, at most 20 lines, 还有N项, the
 * link), once per day, audited without the password.
 */
describe(`daily digest on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let sink: SmtpSink;
  const keyring = parseKeyring(generateKeyringText(), 'env', null);
  const admin = systemActor('digest-test');

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    sink = await startSmtpSink();
    // 24 more enterprises without Party organisations in county 2: sys's digest has more than 20 lines to give.
    const extra = Array.from({ length: 24 }, (_, i) => ({ credit_code: `91440300MADIGEST${String(i).padStart(2, '0')}`, name: `摘要企业${i + 1}`, region_code: world.enterprises[5]!.regionCode, placement: 'placed' as const }));
    await database.db.insertInto('enterprise').values(extra).execute();
    await refreshTasks(database.db, admin, {});
    const db = database.db;
    await db.updateTable('app_user').set({ email: 'town@example.cn' }).where('id', '=', world.users.townA!.id).execute();
    await db.updateTable('app_user').set({ email: 'member@example.cn' }).where('id', '=', world.users.member!.id).execute();
    await db.updateTable('app_user').set({ email: 'sys@example.cn' }).where('id', '=', world.users.sys!.id).execute();
    // Some of townA's tasks are overdue: they come first.
    await db.updateTable('task').set({ due_on: '2025-01-01' }).where('region_code', 'like', `${world.enterprises[0]!.regionCode!.slice(0, 9)}%`).execute();
  }, 120_000);
  afterAll(async () => { await sink?.close(); await database?.close(); });

  it('is off by default, refuses to send until enabled; the password is sealed, never returned or audited', async () => {
    const s0 = await getSmtpSettings(database.db, admin);
    expect(s0).toMatchObject({ enabled: false, hasPassword: false });
    await expect(sendDigests(database.db, admin, () => keyring, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    const s1 = await saveSmtpSettings(database.db, admin, () => keyring, {
      enabled: true, host: '127.0.0.1', port: sink.port, tls: 'none', user: 'digest', password: 'Pa55-word!', from: 'digest@example.cn', fromName: '两新平台', publicUrl: 'https://lx.example.cn/', version: s0.version,
    });
    expect(s1).toMatchObject({ enabled: true, hasPassword: true, publicUrl: 'https://lx.example.cn' });
    expect(JSON.stringify(s1)).not.toContain('Pa55');
    const stored = await database.db.selectFrom('app_setting').select('value').where('key', '=', 'smtp').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.value)).not.toContain('Pa55');
    const audits = await database.db.selectFrom('audit_event').select(['before', 'after']).where('action', '=', 'digest.settings').execute();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain('Pa55');
  });

  it('a dry run builds the messages and sends nothing; the run sends one message each, once a day', async () => {
    const dry = await sendDigests(database.db, admin, () => keyring, { dryRun: true, date: '2026-12-05' });
    const to = dry.messages.map((m) => m.to).sort();
    expect(to).toEqual(['sys@example.cn', 'town@example.cn']);
    expect(dry.nothingToSay).toBe(1); // the member has no tasks and no notices
    expect(sink.messages).toHaveLength(0);

    const run = await sendDigests(database.db, admin, () => keyring, { date: '2026-12-05' });
    expect(run).toMatchObject({ sent: 2, failed: 0 });
    expect(sink.auth).toEqual(['\0digest\0Pa55-word!']);
    const town = sink.messages.find((m) => m.to[0] === 'town@example.cn')!;
    const { text, html } = partsOf(town.data);
    expect(text).toMatch(/^townA|，您好：/);
    expect(text).toContain('https://lx.example.cn/inbox');
    expect(html).toContain('href="https://lx.example.cn/inbox"');
    const items = text.split('\n').filter((l) => l.startsWith('  【') || /^ {2}[^ 还]/.test(l) && l.includes('办理期限'));
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(20);
    expect(items[0]).toContain('【已逾期】');
    const firstPlain = items.findIndex((l) => !l.includes('【已逾期】'));
    if (firstPlain >= 0) expect(items.slice(firstPlain).some((l) => l.includes('【已逾期】'))).toBe(false);
    const sysMail = partsOf(sink.messages.find((m) => m.to[0] === 'sys@example.cn')!.data).text;
    expect(sysMail).toMatch(/还有\d+项/); // sys sees every task of the world: more than 20
    expect(sysMail).not.toMatch(/\d{17}[\dX]/); // no ID numbers

    const again = await sendDigests(database.db, admin, () => keyring, { date: '2026-12-05' });
    expect(again).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(sink.messages).toHaveLength(2);
    const log = await database.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'digest').orderBy('seq').execute();
    expect(log.map((l) => l.action)).toEqual(['digest.preview', 'digest.send', 'digest.send']);
    expect(JSON.stringify(log)).not.toMatch(/@example\.cn|Pa55/);
  });
});
