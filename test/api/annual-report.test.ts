import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * The annual report and the appraisal over HTTP (docs/annual-report.md): Chinese errors with a code
 * and the field, never a 500; a stale version is a 409 carrying the report as it stands; the Word
 * download and the summary XLSX (exactly the list's rows, audited). Two streets: 跨街联合党支部 of
 * street T1 covers an enterprise of street T0 — townA reads its report and cannot save or review it.
 */
describe(`annual report API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'multi']);
  const { send } = t;

  it('refuses bad input in Chinese with a code and the field, never a 500', async () => {
    const org = t.cs.orgs['A街支部'];
    const cases: Array<[string, string, Record<string, unknown>, number, string]> = [
      ['PUT', 'annual-report', { year: 2017, version: 0 }, 400, 'year'],
      ['PUT', 'annual-report', { year: 2030, version: 0 }, 400, 'year'],
      ['PUT', 'annual-report', { year: 2025, version: 0, highlights: '亮'.repeat(5001) }, 400, 'highlights'],
      ['PUT', 'annual-report', { year: 2025, version: 0, facts: { siteArea: 120 } }, 400, 'facts'],
      ['POST', 'annual-report/review', { year: 2025, version: 1, decision: 'pass' }, 409, 'version'],
      ['PUT', 'appraisal', { year: 2025, version: 0, marks: [{ item: 'life', score: 30 }] }, 400, 'marks[0].score'],
      ['PUT', 'appraisal', { year: 2025, version: 0, marks: [{ item: 'picnic', score: 3 }] }, 400, 'marks[0].item'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const res = await send(method, `/api/party-orgs/${org}/${path}`, body);
      expect(res.statusCode, `${path} ${res.body}`).toBe(status);
      const b = res.json();
      expect(b.message).toMatch(/[\u4e00-\u9fff]/);
      // Zod names the field from the body (body.year), the use case by itself (year).
      expect(b.details.map((d: { field?: string }) => d.field?.replace(/^body\./, ''))).toContain(field);
    }
  });

  it('a stale version is a 409 with the report as it stands; the joint branch of T1 is read by T0, not saved', async () => {
    const org = t.cs.orgs['A街支部'];
    const first = await send('PUT', `/api/party-orgs/${org}/annual-report`, { year: 2025, version: 0, highlights: '第一稿' });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await send('PUT', `/api/party-orgs/${org}/annual-report`, { year: 2025, version: 0, highlights: '另一稿' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: first.json().version, highlights: '第一稿' });
    const joint = t.cs.orgs['跨街联合党支部'];
    expect((await send('GET', `/api/party-orgs/${joint}/annual-report?year=2025`)).json()).toMatchObject({ access: 'partial', manageable: false });
    const refused = await send('PUT', `/api/party-orgs/${joint}/annual-report`, { year: 2025, version: 0 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0].code).toBe('NOT_MANAGED');
  });

  it('the list comes in keyset pages with the filter kept: every row once, the total on each page, the joint branch of T1 read-only', async () => {
    const walk = async (query: string, limit: number) => {
      const first = (await send('GET', `/api/annual-reports?${query}&limit=${limit}`)).json();
      const items = [...first.items];
      for (let next = first.nextCursor; next;) {
        const page = (await send('GET', `/api/annual-reports?${query}&limit=${limit}&cursor=${encodeURIComponent(next)}`)).json();
        expect(page.total).toBe(first.total);
        items.push(...page.items);
        next = page.nextCursor;
      }
      return { first, items };
    };
    const whole = await walk('year=2025', 500);
    const paged = await walk('year=2025', 1);
    expect(whole.first.nextCursor).toBeNull();
    expect(paged.first.items).toHaveLength(1);
    expect(paged.items.map((i: { orgId: string }) => i.orgId)).toEqual(whole.items.map((i: { orgId: string }) => i.orgId));
    expect(paged.items).toHaveLength(paged.first.total);
    const joint = paged.items.find((i: { orgId: string }) => i.orgId === t.cs.orgs['跨街联合党支部']);
    expect(joint).toMatchObject({ access: 'partial' });
    // The state filter holds on every page, and the counts by state add up to the total.
    const none = await walk('year=2025&state=none', 1);
    expect(none.items.every((i: { state: string }) => i.state === 'none')).toBe(true);
    expect(none.items).toHaveLength(whole.first.byState.none);
    expect(Object.values(whole.first.byState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(whole.first.total);
    // Street T1 sees its joint branch as its own; a cursor that is not one is the caller's error.
    const t1 = (await send('GET', '/api/annual-reports?year=2025&limit=500', undefined, 'multi')).json();
    expect(t1.items.find((i: { orgId: string }) => i.orgId === t.cs.orgs['跨街联合党支部'])).toBeDefined();
    const bad = await send('GET', '/api/annual-reports?year=2025&cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'cursor', code: 'CURSOR_INVALID' });
  });

  it('the area\'s appraisals: who is marked and who is not, in pages with a total, the joint branch of T1 listed but not markable; XLSX = rows', async () => {
    const mine = t.cs.orgs['A街支部'];
    const marked = await send('PUT', `/api/party-orgs/${mine}/appraisal`, { year: 2025, version: 0, marks: [{ item: 'role', score: 15 }] });
    expect(marked.statusCode, marked.body).toBe(200);
    const first = (await send('GET', '/api/appraisals?year=2025&limit=2')).json();
    const items = [...first.items];
    for (let next = first.nextCursor; next;) {
      const page = (await send('GET', `/api/appraisals?year=2025&limit=2&cursor=${encodeURIComponent(next)}`)).json();
      items.push(...page.items);
      next = page.nextCursor;
    }
    expect(items).toHaveLength(first.total);
    expect(new Set(items.map((i: { kind: string; subjectId: string }) => `${i.kind}${i.subjectId}`)).size).toBe(items.length);
    const row = (id: string) => items.find((i: { kind: string; subjectId: string }) => i.kind === 'secretary' && i.subjectId === id);
    expect(row(mine)).toMatchObject({ state: 'marking', stateLabel: '评分中', markable: true, access: 'full', link: `/orgs/${mine}/appraisal?year=2025` });
    expect(row(t.cs.orgs['跨街联合党支部'])).toMatchObject({ state: 'unmarked', markable: false, access: 'partial' });
    expect(items.some((i: { kind: string }) => i.kind === 'instructor')).toBe(true);
    // The state filter keeps to its rows; the counts by state add up to the total.
    const unmarked = (await send('GET', '/api/appraisals?year=2025&state=unmarked&limit=500')).json();
    expect(unmarked.items.every((i: { state: string }) => i.state === 'unmarked')).toBe(true);
    expect(unmarked.total).toBe(first.byState.unmarked);
    expect(Object.values(first.byState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(first.total);
    const xlsx = await send('GET', '/api/appraisals/export.xlsx?year=2025&state=unmarked');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const subjects = wb.worksheets[0]!.getColumn(3).values.slice(2).map(String);
    expect(subjects.sort()).toEqual(unmarked.items.map((i: { subjectName: string }) => i.subjectName).sort());
    expect((await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'appraisal.export').execute()).length).toBe(1);
    await t.database.db.deleteFrom('appraisal').execute();
  });

  it('downloads Word; the summary XLSX holds exactly the list rows and is audited', async () => {
    const org = t.cs.orgs['A街支部'];
    const docx = await send('GET', `/api/party-orgs/${org}/annual-report.docx?year=2025`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const list = (await send('GET', '/api/annual-reports?year=2025&state=none&limit=500')).json();
    expect(list.total).toBe(list.items.length);
    const xlsx = await send('GET', '/api/annual-reports/export.xlsx?year=2025&state=none');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    const names = sheet.getColumn(1).values.slice(2).map(String);
    expect(names.sort()).toEqual(list.items.map((i: { orgName: string }) => i.orgName).sort());
    expect(sheet.getRow(1).values).toContain('报告状态');
    const audited = await t.database.db.selectFrom('audit_event').select('after').where('action', '=', 'annualReport.export').execute();
    expect(audited.length).toBe(1);
  });
});
