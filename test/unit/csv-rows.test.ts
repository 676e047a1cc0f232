import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, type SheetRow } from '../../src/core/import/csv-rows.js';
import { classifyBytes } from '../../src/core/import/detect-file.js';

const parseChunks = (chunks: string[], delimiter: ',' | '\t' = ','): string[][] => {
  const parser = new CsvParser(delimiter);
  const out: SheetRow[] = [];
  for (const c of chunks) parser.push(c, out);
  parser.end(out);
  out.forEach((r, i) => expect(r.row).toBe(i + 1));
  return out.map((r) => r.cells);
};

describe('CsvParser', () => {
  it.each<[string, string, string[][]]>([
    ['plain LF', 'a,b\nc,d\n', [['a', 'b'], ['c', 'd']]],
    ['CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['bare CR', 'a,b\rc,d', [['a', 'b'], ['c', 'd']]],
    ['no final newline', 'a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['quoted comma', '"a,1",b\n', [['a,1', 'b']]],
    ['doubled quote', '"say ""hi""",b\n', [['say "hi"', 'b']]],
    ['newline inside quotes', '"line1\r\nline2",b\nc,d\n', [['line1\r\nline2', 'b'], ['c', 'd']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['empty quoted field', '"",x\n', [['', 'x']]],
    ['blank line counts as a row', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['stray quote in unquoted field is text', 'a"b,c\n', [['a"b', 'c']]],
    ['text after closing quote is kept', '"a"b,c\n', [['ab', 'c']]],
    ['unterminated quote runs to the end', '"a,b\nc', [['a,b\nc']]],
  ])('%s', (_name, text, rows) => expect(parseChunks([text])).toEqual(rows));

  it('splits on tabs for TSV and keeps commas as text', () => {
    expect(parseChunks(['a,1\tb\n"c\td"\te\n'], '\t')).toEqual([['a,1', 'b'], ['c\td', 'e']]);
  });

  it('gives the same records however the text is chunked (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '1') });
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (data, cuts, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const text = data.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        chunks.push(text.slice(prev));
        expect(parseChunks(chunks)).toEqual(data);
      }),
      { numRuns: 500 },
    );
  });
});

describe('classifyBytes', () => {
  const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s) : Buffer.from(s));
  const classify = (head: Buffer) => classifyBytes(head, head, head.length);
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'no error';
  };

  it.each<[string, Buffer, string]>([
    ['empty', b(''), 'FILE_EMPTY'],
    ['whitespace only', b(' \r\n\t\n'), 'FILE_EMPTY'],
    ['BOM only', b([0xef, 0xbb, 0xbf, 0x0a]), 'FILE_EMPTY'],
    ['legacy xls', b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'FILE_UNSUPPORTED'],
    ['png', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'FILE_UNSUPPORTED'],
    ['pdf', b('%PDF-1.7\n'), 'FILE_UNSUPPORTED'],
    ['zip that is not a workbook', b('PK\u0003\u0004word/document.xml'), 'FILE_UNSUPPORTED'],
    ['utf-16', b([0xff, 0xfe, 0x41, 0x00]), 'FILE_UNSUPPORTED'],
    ['binary', b([1, 2, 3, 0, 5, 6, 7, 8, 9]), 'FILE_UNSUPPORTED'],
    ['html disguised as xls', b('<html><table><tr><td>企业名称</td></tr></table></html>'), 'FILE_UNSUPPORTED'],
    ['neither UTF-8 nor GB18030', b([0x61, 0x2c, 0xff, 0xff, 0x0a, 0x80, 0x0a]), 'FILE_UNDECODABLE'],
  ])('%s → %s', (_name, head, expected) => expect(code(() => classify(head))).toBe(expected));

  it('refuses .xls with a hint to save as .xlsx or .csv', () => {
    expect(() => classify(b([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow(/另存为 \.xlsx 或 \.csv/);
  });

  it.each<[string, Buffer, string, string]>([
    ['ascii', b('a,b\n'), 'utf-8', ','],
    ['utf-8', b('企业名称,统一社会信用代码\n'), 'utf-8', ','],
    ['utf-8 BOM', Buffer.concat([b([0xef, 0xbb, 0xbf]), b('企业名称,代码\n')]), 'utf-8-bom', ','],
    ['tsv', b('企业名称\t统一社会信用代码\n某\t1\n'), 'utf-8', '\t'],
  ])('%s → %s', (_name, head, encoding, delimiter) => expect(classify(head)).toMatchObject({ format: 'csv', encoding, delimiter }));

  it('detects a zip with xl/workbook.xml as xlsx', () => {
    expect(classify(b('PK\u0003\u0004....xl/workbook.xml....'))).toMatchObject({ format: 'xlsx', encoding: null });
  });
});
