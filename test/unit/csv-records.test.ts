import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecordBatches, RecordDecoder } from '../../src/core/import/csv-records.js';
import { CsvParser, type SheetRow } from '../../src/core/import/csv-rows.js';
import type { TextEncoding } from '../../src/core/import/detect-file.js';
import { hashBytes, hashCells } from '../../src/core/import/row-hash.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-records-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** The reference: the streaming parser over the whole decoded text. */
function reference(text: string, delimiter: ',' | '\t'): SheetRow[] {
  const parser = new CsvParser(delimiter);
  const out: SheetRow[] = [];
  parser.push(text, out);
  parser.end(out);
  return out;
}

async function viaRecords(text: string, opts: { encoding?: TextEncoding; delimiter?: ',' | '\t'; chunkBytes?: number } = {}) {
  const encoding = opts.encoding ?? 'utf-8';
  const delimiter = opts.delimiter ?? ',';
  const file = path.join(tmp, `r${++n}.csv`);
  const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text);
  fs.writeFileSync(file, bytes);
  const decoder = new RecordDecoder(encoding, delimiter);
  const rows: Array<SheetRow & { hashed: 'bytes' | 'cells' }> = [];
  for await (const batch of csvRecordBatches(file, encoding, delimiter, undefined, opts.chunkBytes ?? 7)) {
    for (const r of batch.records) rows.push({ row: r.row, cells: decoder.cells(batch.data, r), hashed: r.start >= 0 ? 'bytes' : 'cells' });
  }
  return rows;
}

const strip = (rows: Array<SheetRow & { hashed?: string }>) => rows.map(({ row, cells }) => ({ row, cells }));

describe('csvRecordBatches (raw records, decoded on demand)', () => {
  it.each<[string, string]>([
    ['plain LF', 'a,b\nc,d\n'],
    ['CRLF', 'a,b\r\nc,d\r\n'],
    ['no final newline', 'a,b\nc,d'],
    ['quoted line break', '"line1\r\nline2",b\nc,d\n'],
    ['bare CR inside a line ends a record', 'a,b\rc,d\ne\n'],
    ['CR CR LF', 'a\r\r\nb\n'],
    ['stray quote in unquoted field', 'a"b,c\nd\n'],
    ['unterminated quote runs to the end', '"a,b\nc\nd'],
    ['blank lines', 'a\n\n\nb\n'],
    ['Chinese text across tiny chunks', '统一社会信用代码,企业名称\n91110000600037341L,北京（测试）有限公司\n'],
  ])('%s: same records as CsvParser', async (_name, text) => {
    expect(strip(await viaRecords(text))).toEqual(reference(text, ','));
  });

  it('reads GB18030, UTF-8 with BOM and TSV the same way', async () => {
    const text = '名称\t地址\n深圳市（南山）公司\t"南山区,科技园"\n';
    for (const encoding of ['gb18030', 'utf-8-bom'] as const) {
      expect(strip(await viaRecords(text, { encoding, delimiter: '\t' }))).toEqual(reference(text, '\t'));
    }
  });

  it('hashes plain and single quoted records by their bytes, and only multi-record parses by cells', async () => {
    const rows = await viaRecords('a,b\n"x\ny",z\np\rq\n');
    expect(rows.map((r) => r.hashed)).toEqual(['bytes', 'bytes', 'cells', 'cells']);
  });

  it('gives the same records as CsvParser for any text and any chunking (property)', async () => {
    const unit = fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '1', '\t');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 1, max: 16 }), fc.constantFrom<TextEncoding>('utf-8', 'gb18030'),
        async (text, chunkBytes, encoding) => {
          expect(strip(await viaRecords(text, { chunkBytes, encoding }))).toEqual(reference(text, ','));
        }),
      { numRuns: 300 },
    );
  });
});

describe('row hash', () => {
  it('tells apart a hundred thousand distinct lines and is stable', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const b = Buffer.from(`9144030${i},深圳测试${i}号有限公司,${i % 97}`);
      const h = hashBytes(b, 0, b.length);
      seen.add(`${h.hi}:${h.lo}`);
    }
    expect(seen.size).toBe(100_000);
    const b = Buffer.from('x,中,1');
    expect(hashBytes(b, 0, b.length)).toEqual(hashBytes(Buffer.from('x,中,1'), 0, b.length));
  });

  it('changes with any single byte, with the length, and with the file fingerprint', () => {
    const b = Buffer.from('91440300MA5XXXXX1A,深圳某公司,12,440305000000');
    const h = hashBytes(b, 0, b.length);
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b);
      c[i] ^= 1;
      expect(hashBytes(c, 0, c.length)).not.toEqual(h);
    }
    expect(hashBytes(b, 0, b.length - 1)).not.toEqual(h);
    expect(hashBytes(b, 0, b.length, { hi: 1, lo: 2 })).not.toEqual(h);
    expect(hashCells(['a', 'b'], { hi: 0, lo: 0 })).not.toEqual(hashCells(['a,b'], { hi: 0, lo: 0 }));
  });
});
