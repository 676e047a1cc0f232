/** COPY text-format encoding: one line per row, tab-separated, \N for null. */
export type CopyValue = string | number | boolean | null | undefined | Date;

export function copyLine(values: readonly CopyValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '\t';
    out += copyField(values[i]);
  }
  return out + '\n';
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString();
  // Most values hold none of the four characters COPY would misread: one test, no copies.
  if (!NEEDS_ESCAPE.test(v)) return v;
  // Backslash first, then the separators.
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
};
