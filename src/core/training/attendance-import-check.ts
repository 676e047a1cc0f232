import type { Executor } from '../../db/schema.js';
import { checkTaRow, TA_COLUMNS, type TaRowFacts } from '../../domain/training-import.js';
import type { Actor } from '../access/actor.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import type { RowErrorRecord } from '../import/import-batch.repository.js';
import { visiblePeople } from './training-people.repository.js';
import type { TaFileRow } from './read-attendance-file.js';

/**
 * The checks of a 签到表 import (docs/training.md, "Attendance import"): each row on its own
 * (src/domain/training-import.ts), then the person — by ID number, else by phone — among the people
 * the importer sees (the attendance write's rule: personInScopeSql), the 姓名 as registered, and the
 * same person twice in the file. A person not seen reads exactly like one not registered, so a file
 * cannot probe another street's people. Every problem names its row and column.
 */
export type PlannedAttendance = { row: number; personId: string; hours: number };
export type AttendanceCheck = { planned: PlannedAttendance[]; errors: RowErrorRecord[] };

const col = (k: keyof typeof TA_COLUMNS) => TA_COLUMNS[k].label;
type Person = { id: string; name: string; id_number_index: string | null; phone_index: string | null };

export async function checkAttendanceRows(
  tx: Executor, actor: Actor, rows: TaFileRow[], c: { keyring: Keyring; sessionHours: number; today: string },
): Promise<AttendanceCheck> {
  const errors: RowErrorRecord[] = [];
  const good: Array<{ row: number; facts: TaRowFacts; idIndex: string | null; phoneIndex: string | null }> = [];
  for (const r of rows) {
    const checked = checkTaRow(r.values, c.sessionHours, c.today);
    if (!checked.ok) for (const e of checked.errors) errors.push({ row: r.row, ...e });
    else {
      const f = checked.facts;
      good.push({ row: r.row, facts: f, idIndex: f.idNumber ? blindIndex(c.keyring, 'id_number', f.idNumber) : null, phoneIndex: f.phone ? blindIndex(c.keyring, 'phone', f.phone) : null });
    }
  }
  const ids = good.flatMap((g) => (g.idIndex ? [g.idIndex] : []));
  const phones = good.flatMap((g) => (!g.idIndex && g.phoneIndex ? [g.phoneIndex] : []));
  const found: Person[] = [
    ...(ids.length ? await tx.selectFrom('person').select(['id', 'name', 'id_number_index', 'phone_index']).where('id_number_index', 'in', ids).execute() : []),
    ...(phones.length ? await tx.selectFrom('person').select(['id', 'name', 'id_number_index', 'phone_index']).where('phone_index', 'in', phones).execute() : []),
  ];
  const seen = await visiblePeople(tx, actor, [...new Set(found.map((p) => p.id))]);
  const byId = new Map(found.filter((p) => seen.has(p.id) && p.id_number_index).map((p) => [p.id_number_index!, p]));
  const byPhone = new Map<string, Person[]>();
  for (const p of found) if (seen.has(p.id) && p.phone_index) byPhone.set(p.phone_index, [...(byPhone.get(p.phone_index) ?? []), p]);

  const planned: PlannedAttendance[] = [];
  const rowsOf = new Map<string, number[]>();
  for (const g of good) {
    const fail = (column: string, code: string, message: string) => errors.push({ row: g.row, column, code, message });
    let person: Person | undefined;
    if (g.idIndex) {
      person = byId.get(g.idIndex);
      if (!person) { fail(col('idNumber'), 'PERSON_NOT_FOUND', '未找到该身份证号的人员，或不在您的查看范围内'); continue; }
    } else {
      // Without an ID number, a phone names a person only among the namesakes it matches.
      const list = (byPhone.get(g.phoneIndex!) ?? []).filter((p) => p.name === g.facts.name);
      if (list.length > 1) { fail(col('phone'), 'PERSON_AMBIGUOUS', '该手机号和姓名对应多名人员，请填写身份证号'); continue; }
      person = list[0];
      if (!person) { fail(col('phone'), 'PERSON_NOT_FOUND', '未找到该姓名和手机号的人员，或不在您的查看范围内'); continue; }
    }
    if (person.name !== g.facts.name) { fail(col('name'), 'NAME_MISMATCH', `姓名与登记的“${person.name}”不一致，请核对`); continue; }
    rowsOf.set(person.id, [...(rowsOf.get(person.id) ?? []), g.row]);
    planned.push({ row: g.row, personId: person.id, hours: g.facts.hours });
  }
  for (const list of rowsOf.values()) {
    if (list.length < 2) continue;
    for (const row of list) errors.push({ row, column: col('name'), code: 'DUPLICATE_IN_FILE', message: `同一人员在文件中重复出现（另见第 ${list.filter((x) => x !== row).join('、')} 行）` });
  }
  errors.sort((a, b) => a.row - b.row);
  return { planned, errors };
}
