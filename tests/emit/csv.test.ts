/**
 * The CSV writer (src/emit/csv.ts): RFC 4180 quoting, the header, the BOM and formula escaping,
 * read back with a reader that takes LF or CRLF record ends as Python's csv, Miller and SQLite do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvAssembler, csvRenderer } from '../../src/emit/csv.js';
import { createWriter, type OutputSpec } from '../../src/emit/index.js';
import { dispatchRow, teaserRows } from '../../src/emit/records.js';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { DISPATCH_COLUMNS, TEASER_COLUMNS } from '../../src/schema/validate.js';
import { readCsv, readCsvRows } from '../helpers/csv.js';
import { loadFixture } from '../helpers/fixtures.js';

const spec = (overrides: Partial<OutputSpec> = {}): OutputSpec => ({ format: 'csv', records: 'dispatches', single: false, bom: false, excelSafe: false, ...overrides });

function parse(text: string | Uint8Array, path: string | null = 'a.txt'): Dispatch {
  const result = parseDispatch(text, { path });
  if (!result.ok) throw new Error(result.message);
  return result.document;
}

async function write(documents: Dispatch[], overrides: Partial<OutputSpec> = {}): Promise<string> {
  const writer = await createWriter(spec(overrides));
  let text = '';
  for (const document of documents) text += writer.add(document);
  return text + writer.end();
}

/** The repro: two paragraphs, so `text` holds a bare LF and no comma or quote. */
const TWO_PARAGRAPHS = 'Pyongyang, March 23 (KCNA) -- First paragraph\nSecond paragraph -0-\n';

describe('regression: CSV is not RFC 4180 (a cell holding a bare LF or CR was written unquoted)', () => {
  it('quotes a text cell whose paragraphs hold no comma or quote: the record reads back whole', async () => {
    const document = parse(TWO_PARAGRAPHS);
    const csv = await write([document]);
    expect(csv).toContain(',"First paragraph\n\nSecond paragraph",1,1,,,false,text,utf-8,');
    const rows = await readCsvRows(csv);
    expect(rows).toEqual([dispatchRow(document)]);
  });

  it.each([
    ['LF', 'archive/a\nb.txt'],
    ['CR', 'archive/a\rb.txt'],
    ['CRLF', 'archive/a\r\nb.txt'],
  ])('quotes a path holding a %s', async (_name, path) => {
    const document = parse(TWO_PARAGRAPHS, path);
    const csv = await write([document]);
    expect(csv).toContain(`,${DISPATCH_COLUMNS.at(-1)}\r\n"${path}",`);
    expect((await readCsvRows(csv)).map((row) => row['path'])).toEqual([path]);
  });

  it('quotes teaser rows holding line breaks too', async () => {
    const document = parse(loadFixture('sample').input, 'x\ny.txt');
    const csv = await write([document], { records: 'teasers' });
    expect(await readCsvRows(csv)).toEqual(teaserRows(document));
  });
});

describe('quoting', () => {
  it.each([
    ['a comma', 'a,b', '"a,b"'],
    ['a double quote, doubled', 'say "hi"', '"say ""hi"""'],
    ['a bare LF', 'a\nb', '"a\nb"'],
    ['a bare CR', 'a\rb', '"a\rb"'],
    ['CRLF', 'a\r\nb', '"a\r\nb"'],
    ['nothing special: left bare', 'plain text', 'plain text'],
    ['an empty cell: left bare', '', ''],
  ])('a cell holding %s', (_name, cell, written) => {
    const render = csvRenderer({ columns: ['x', 'y'], toRows: () => [{ x: cell, y: 'z' }], bom: false, excelSafe: false });
    expect(render(parse(TWO_PARAGRAPHS))).toEqual([`${written},z\r\n`]);
  });

  it('round-trips any cells, line breaks, quotes and commas included, one record per row', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '=', "'") , maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { maxLength: 6 }), async (rows) => {
        const render = csvRenderer({ columns: ['a', 'b', 'c'], toRows: () => rows.map(([a, b, c]) => ({ a, b, c })), bom: false, excelSafe: false });
        const assembler = csvAssembler({ columns: ['a', 'b', 'c'], bom: false });
        const csv = assembler.add(render(parse(TWO_PARAGRAPHS))) + assembler.end();
        expect(await readCsv(csv)).toEqual([['a', 'b', 'c'], ...rows]);
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});

describe('the file', () => {
  it('is the header alone when there are no rows', async () => {
    expect(await write([])).toBe(`${DISPATCH_COLUMNS.join(',')}\r\n`);
    expect(await write([], { records: 'teasers' })).toBe(`${TEASER_COLUMNS.join(',')}\r\n`);
  });

  it('ends every record with CRLF, header included, and has one record per document', async () => {
    const documents = [parse(TWO_PARAGRAPHS, 'a.txt'), parse(loadFixture('sample').input, 'b.txt')];
    const csv = await write(documents);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(await readCsvRows(csv)).toEqual(documents.map(dispatchRow));
  });

  it('starts with a UTF-8 byte order mark only when asked', async () => {
    expect((await write([parse(TWO_PARAGRAPHS)], { bom: true })).startsWith('\ufeffpath,')).toBe(true);
    expect((await write([parse(TWO_PARAGRAPHS)])).startsWith('path,')).toBe(true);
  });

  it('escapes formula-looking cells only when asked, and still quotes their line breaks', () => {
    const rows = [{ x: '=1+1', y: '@a\nb' }];
    const safe = csvRenderer({ columns: ['x', 'y'], toRows: () => rows, bom: false, excelSafe: true });
    const plain = csvRenderer({ columns: ['x', 'y'], toRows: () => rows, bom: false, excelSafe: false });
    expect(safe(parse(TWO_PARAGRAPHS))).toEqual([`'=1+1,"'@a\nb"\r\n`]);
    expect(plain(parse(TWO_PARAGRAPHS))).toEqual([`=1+1,"@a\nb"\r\n`]);
  });
});
