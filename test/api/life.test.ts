import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 三会一课 over HTTP (docs/life.md): Chinese errors with stable codes and the field at fault, never a
 * 500; a stale version is a 409 carrying the meeting as it stands; the XLSX holds exactly the list's
 * rows. Two streets: 跨街联合党支部 of street T1 (multi) covers an enterprise of street T0 (townA) —
 * townA sees its meetings through the link and cannot record one.
 */
describe(`meetings API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'multi']);
  const { send } = t;

  it('refuses bad input in Chinese with a code and the field, never a 500', async () => {
    const orgId = t.cs.orgs['A街支部'];
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ orgId, kind: 'picnic', heldOn: '2025-01-05', topic: '主题' }, 400, 'kind'],
      [{ orgId, kind: 'themeDay', heldOn: '2025-02-30', topic: '主题' }, 400, 'heldOn'],
      [{ orgId, kind: 'themeDay', heldOn: '2099-01-05', topic: '主题' }, 400, 'heldOn'],
      [{ orgId, kind: 'themeDay', heldOn: '2025-01-05', topic: '' }, 400, 'topic'],
      [{ orgId, kind: 'memberMeeting', heldOn: '2025-01-05', topic: '大会', votingMembers: 5, present: 6 }, 400, 'present'],
      [{ orgId: '987654321', kind: 'themeDay', heldOn: '2025-01-05', topic: '主题' }, 404, 'orgId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await send('POST', '/api/meetings', body);
      expect(res.statusCode, res.body).toBe(status);
      const b = res.json();
      expect(b.message).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof b.code).toBe('string');
      expect(b.details.map((d: { field: string }) => d.field.replace(/^body\./, ''))).toContain(field);
    }
  });

  it('a stale version is a 409 with the meeting as it stands; delete needs the current version', async () => {
    const m = (await send('POST', '/api/meetings', { orgId: t.cs.orgs['A街支部'], kind: 'committeeMeeting', heldOn: '2025-03-04', topic: '支委会', votingMembers: 3, present: 3 })).json();
    const body = { version: m.version, kind: 'committeeMeeting', heldOn: '2025-03-04', topic: '支委会（改）' };
    expect((await send('PUT', `/api/meetings/${m.id}`, body)).statusCode).toBe(200);
    const stale = await send('PUT', `/api/meetings/${m.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: m.id, version: 2, topic: '支委会（改）' });
    expect((await send('DELETE', `/api/meetings/${m.id}?version=1`)).statusCode).toBe(409);
    expect((await send('DELETE', `/api/meetings/${m.id}?version=2`)).statusCode).toBe(204);
    expect((await send('GET', `/api/meetings/${m.id}`)).statusCode).toBe(404);
  });

  it('two streets: T1 records the joint branch\'s meeting once; T0 sees it (partial) and may not record', async () => {
    const joint = t.cs.orgs['跨街联合党支部'];
    const made = await send('POST', '/api/meetings', { orgId: joint, kind: 'themeDay', heldOn: '2025-04-08', topic: '联合主题党日' }, 'multi');
    expect(made.statusCode, made.body).toBe(201);
    const seen = (await send('GET', `/api/meetings?orgId=${joint}`)).json();
    expect(seen.items.map((i: { id: string; access: string }) => [i.id, i.access])).toEqual([[made.json().id, 'partial']]);
    const refused = await send('POST', '/api/meetings', { orgId: joint, kind: 'themeDay', heldOn: '2025-04-09', topic: 'T0不能登记' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0].code).toBe('NOT_MANAGED');
  });

  it('the XLSX holds exactly the list\'s rows, and taking it is audited', async () => {
    const orgId = t.cs.orgs['A街支部'];
    for (const d of ['2025-01-10', '2025-02-10']) await send('POST', '/api/meetings', { orgId, kind: 'themeDay', heldOn: d, topic: `主题党日${d}` });
    const list = (await send('GET', `/api/meetings?orgId=${orgId}&year=2025`)).json();
    expect(list.total).toBe(list.items.length);
    const res = await send('GET', `/api/meetings/export.xlsx?orgId=${orgId}&year=2025`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const days: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => { if (n > 1) days.push(String(row.getCell(3).value)); });
    expect(days).toEqual(list.items.map((i: { heldOn: string }) => i.heldOn));
    expect(await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'meeting.export').execute()).toHaveLength(1);
  });
});
