import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { generateEnterprises } from './enterprises.js';
import { createRandom } from './random.js';
import { loadPlaceChains } from './region-pool.js';
import { ENTERPRISE_FACT_FIELDS } from '../../domain/enterprise-facts.js';
import { csvLine, type FileEncoding } from './write-file.js';

/**
 * The "month after" file: the same export with about `percent`% of enterprises changed (employee
 * count, address number, capital), some deregistered, and a few new ones appended. Unchanged lines
 * are copied byte for byte, so a re-import sees exactly the changed rows. Reads CSV as written by
 * the generator (UTF-8 or GB18030).
 */
export type ChangesOptions = { input: string; output: string; percent: number; seed: number; encoding?: FileEncoding; region?: string };
export type ChangesResult = { rows: number; changed: number; deregistered: number; added: number };

export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

function sniffEncoding(file: string): FileEncoding {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  // Cut back to a line end so a character split at the buffer's edge does not look invalid.
  const cut = head.subarray(0, n).lastIndexOf(0x0a);
  return new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, cut > 0 ? cut : n)).includes('\uFFFD') ? 'gb18030' : 'utf-8';
}

export async function generateChanges(opts: ChangesOptions): Promise<ChangesResult> {
  const encoding = opts.encoding ?? sniffEncoding(opts.input);
  const rnd = createRandom(opts.seed);
  const input = fs.createReadStream(opts.input).pipe(iconv.decodeStream(encoding));
  const out = fs.createWriteStream(opts.output);
  const encode = (t: string) => iconv.encode(t, encoding);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const result: ChangesResult = { rows: 0, changed: 0, deregistered: 0, added: 0 };
  const codes = new Set<string>();
  let col: Record<string, number> | null = null;
  let firstCounty = '';
  let buffer = '';
  for await (const line of lines) {
    if (!col) {
      buffer += line + '\r\n';
      const cells = parseCsvLine(line);
      if (cells.includes('统一社会信用代码') || cells.includes('信用代码')) col = columnsOf(cells);
      continue;
    }
    if (!line) continue;
    result.rows++;
    const cells = parseCsvLine(line);
    const code = cells[col.code] ?? '';
    codes.add(code);
    firstCounty ||= code.slice(2, 6);
    buffer += rnd.chance(opts.percent / 100) ? csvLine(change(cells, col, rnd, result)) : line + '\r\n';
    if (buffer.length > 1 << 16) {
      if (!out.write(encode(buffer))) await once(out, 'drain');
      buffer = '';
    }
  }
  if (!col) throw new Error('输入文件中找不到“统一社会信用代码”表头');
  buffer += await newRows(opts, result, codes, opts.region ?? firstCounty);
  out.end(encode(buffer));
  await once(out, 'finish');
  return result;
}

function columnsOf(cells: string[]): Record<string, number> {
  const find = (...names: string[]) => cells.findIndex((c) => names.includes(c));
  return {
    code: find('统一社会信用代码', '信用代码'), employees: find('从业人数'), address: find('住所', '经营场所'),
    status: find('登记状态'), capital: find('注册资本（万元）', '注册资本'),
  };
}

function change(cells: string[], col: Record<string, number>, rnd: ReturnType<typeof createRandom>, result: ChangesResult): string[] {
  const next = [...cells];
  const kind = rnd.weighted([['employees', 55], ['address', 15], ['capital', 15], ['deregister', 15]] as const);
  if (kind === 'deregister' && col.status >= 0 && next[col.status] !== '注销') {
    next[col.status] = '注销';
    result.deregistered++;
  } else if (kind === 'address' && col.address >= 0) {
    next[col.address] = next[col.address].replace(/(\d+)号/, (_m, n: string) => `${Number(n) + rnd.int(1, 50)}号`);
  } else if (kind === 'capital' && col.capital >= 0) {
    next[col.capital] = String(Math.round(Number(next[col.capital] || 10) * 150) / 100);
  } else if (col.employees >= 0) {
    next[col.employees] = String(Math.max(1, Number(next[col.employees].replace(/\D/g, '') || 5) + rnd.int(1, 20)));
  }
  result.changed++;
  return next;
}

async function newRows(opts: ChangesOptions, result: ChangesResult, codes: Set<string>, region: string): Promise<string> {
  const count = Math.max(1, Math.round((result.rows * opts.percent) / 100 / 3));
  const chains = await loadPlaceChains(region);
  let text = '';
  for await (const item of generateEnterprises({ count, seed: opts.seed + 1, chains, ordinalOffset: 50_000_000 })) {
    if (codes.has(item.row.creditCode)) continue;
    text += csvLine(ENTERPRISE_FACT_FIELDS.map((f) => item.row[f.key]));
    result.added++;
  }
  return text;
}
