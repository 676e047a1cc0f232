import { normalizeCode, parseCount, parseDate, parseRegionCode, parseYesNo } from '../../domain/normalize.js';
import type { ContractKind, InstructorKind, OrgType, PositionKind, SetupMode, UnionKind } from '../../db/tables/organisation.js';
import { TEMPLATES, type OrgImportKind } from './templates.js';
import type { TemplateRow } from './read-template.js';

export type RowError = { row: number; column: string | null; code: string; message: string };

const ORG_TYPE: Record<string, OrgType> = { 基层党委: 'committee', 党委: 'committee', 党总支: 'generalBranch', 总支部: 'generalBranch', 党支部: 'branch', 支部: 'branch' };
const SETUP_MODE: Record<string, SetupMode> = { 单独组建: 'standalone', 单建: 'standalone', 联合组建: 'joint', 联建: 'joint', 挂靠组建: 'attached', 挂靠: 'attached', 派员组建: 'dispatched', 派驻: 'dispatched' };
const POSITION: Record<string, PositionKind> = { 书记: 'secretary', 副书记: 'deputySecretary', 委员: 'committeeMember', 支委: 'committeeMember' };
const UNION_KIND: Record<string, UnionKind> = { 独立工会: 'standalone', 单独建会: 'standalone', 联合工会: 'joint', 联合建会: 'joint', 工会联合会: 'federation', 区域性工会联合会: 'federation', 行业性工会联合会: 'federation' };
const INSTRUCTOR_KIND: Record<string, InstructorKind> = { 党建指导员: 'instructor', 指导员: 'instructor', 联络员: 'liaison', 党建联络员: 'liaison' };
export type { ContractKind };

/** Typed accessors over one row that collect errors instead of throwing. */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(private readonly r: TemplateRow, private readonly kind: OrgImportKind) {}
  private label(key: string) { return TEMPLATES[this.kind].find((c) => c.key === key)?.label ?? key; }
  private fail(key: string, code: string, message: string) { this.errors.push({ row: this.r.row, column: this.label(key), code, message }); }
  text(key: string, required = false): string | null {
    const v = this.r.values[key]?.trim() ?? '';
    if (!v && required) this.fail(key, 'REQUIRED', '必填');
    return v || null;
  }
  pick<T>(key: string, table: Record<string, T>, required: boolean): T | null {
    const v = this.text(key, required);
    if (v === null) return null;
    const hit = table[v.replace(/\s/g, '')];
    if (hit === undefined) this.fail(key, 'VALUE_UNKNOWN', `无法识别“${v}”，应为：${[...new Set(Object.keys(table))].join('、')}`);
    return hit ?? null;
  }
  date(key: string, required = false): string | null {
    const v = this.text(key, required);
    if (v === null) return null;
    const p = parseDate(v);
    if (!p.ok) this.fail(key, p.code, p.message);
    return p.ok ? p.value : null;
  }
  count(key: string): number | null {
    const v = this.text(key);
    if (v === null) return null;
    const p = parseCount(v);
    if (!p.ok) this.fail(key, p.code, p.message);
    return p.ok ? p.value : null;
  }
  yesNo(key: string): boolean | null {
    const v = this.text(key);
    if (v === null) return null;
    const p = parseYesNo(v);
    if (!p.ok) this.fail(key, p.code, p.message);
    return p.ok ? p.value : null;
  }
  region(key: string, required = false): string | null {
    const v = this.text(key, required);
    if (v === null) return null;
    const p = parseRegionCode(v);
    if (!p.ok) this.fail(key, p.code, p.message);
    return p.ok ? p.value : null;
  }
  codes(key: string): string[] {
    const v = this.text(key);
    return v ? v.split(/[、，,；;\s]+/).map(normalizeCode).filter(Boolean) : [];
  }
  check(ok: boolean, key: string, code: string, message: string): void { if (!ok) this.fail(key, code, message); }
}

export const ORG_TYPES = ORG_TYPE;
export const SETUP_MODES = SETUP_MODE;
export const POSITIONS = POSITION;
export const UNION_KINDS = UNION_KIND;
export const INSTRUCTOR_KINDS = INSTRUCTOR_KIND;
