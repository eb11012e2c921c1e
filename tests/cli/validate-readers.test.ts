/**
 * The streaming readers behind `validate` (src/validate/): whatever the chunking, they give the
 * same records with the same start lines as reading the whole text, and they say where a broken
 * document stops being readable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/validate/csv-records.js';
import { splitJsonValues, type JsonPiece } from '../../src/validate/json-values.js';
import { splitLines } from '../../src/validate/lines.js';

/** The bytes of `text` cut at the given offsets (any byte, inside a UTF-8 sequence too). */
function chunked(text: string | Buffer, cuts: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const offset of offsets) {
    chunks.push(Buffer.from(bytes.subarray(start, offset)));
    start = offset;
  }
  chunks.push(Buffer.from(bytes.subarray(start)));
  return chunks;
}

async function collect<T>(pieces: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const piece of pieces) found.push(piece);
  return found;
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('JSON values', () => {
  it('splits a top-level array into its elements, each with the line it starts on', async () => {
    const text = '[\n  {"a": 1},\n  "x, ]}",\n  [1,\n   2], null\n]\n';
    expect(await collect(splitJsonValues([text]))).toEqual([
      { kind: 'value', line: 2, text: '{"a": 1}' },
      { kind: 'value', line: 3, text: '"x, ]}"' },
      { kind: 'value', line: 4, text: '[1,\n   2]' },
      { kind: 'value', line: 5, text: 'null\n' },
    ]);
  });

  it('gives any array of JSON values back, element by element, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.constantFrom(0, 2), cuts, async (values, indent, at) => {
        const text = `\ufeff${JSON.stringify(values, null, indent)}\n`;
        const pieces = await collect(splitJsonValues(chunked(text, at)));
        expect(pieces.map((piece) => (piece.kind === 'value' ? JSON.parse(piece.text) : piece))).toEqual(JSON.parse(JSON.stringify(values)));
      }),
      { numRuns: 300, seed: 10 },
    );
  });

  it('gives a top-level value that is not an array whole, with its line', async () => {
    expect(await collect(splitJsonValues(['\n\n{"a": [1, 2]}\n']))).toEqual([{ kind: 'value', line: 3, text: '{"a": [1, 2]}\n' }]);
  });

  it.each<[string, string, JsonPiece[]]>([
    ['an array cut short', '[\n{"a": 1},\n{"b"', [{ kind: 'value', line: 2, text: '{"a": 1}' }, { kind: 'broken', line: 3, message: "the file ends inside the array (no closing ']'): cut short?" }]],
    ['text after the array', '[1]\nx', [{ kind: 'value', line: 1, text: '1' }, { kind: 'broken', line: 2, message: "text after the end of the array (']')" }]],
    ['a comma before the closing bracket', '[1,\n]', [{ kind: 'value', line: 1, text: '1' }, { kind: 'broken', line: 2, message: "a comma before the closing ']'" }]],
    ['two commas', '[1,,2]', [{ kind: 'value', line: 1, text: '1' }, { kind: 'broken', line: 1, message: 'an array element is missing (two commas)' }]],
    ['a brace that closes nothing', '[1}]', [{ kind: 'broken', line: 1, message: "a '}' that closes nothing" }]],
    ['an empty file', ' \n', [{ kind: 'broken', line: 2, message: 'no JSON value: the file is empty' }]],
    ['an empty array', '[ ]\n', []],
  ])('%s', async (_name, text, expected) => {
    expect(await collect(splitJsonValues([text]))).toEqual(expected);
  });

  it('leaves an element that is not JSON to the parser, and reads on', async () => {
    const pieces = await collect(splitJsonValues(['[{"a": tru},\n{"b": 2}]']));
    expect(pieces).toEqual([
      { kind: 'value', line: 1, text: '{"a": tru}' },
      { kind: 'value', line: 2, text: '{"b": 2}' },
    ]);
    expect(() => JSON.parse((pieces[0] as { text: string }).text)).toThrow();
  });
});

describe('lines', () => {
  it('splits on LF, drops a CR before it and a byte order mark at the start, keeps a last line without LF', async () => {
    expect(await collect(splitLines(['\ufeffa\r\nb\n\nc']))).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: '' },
      { line: 4, text: 'c' },
    ]);
  });

  it('gives the same lines however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 8 }), cuts, async (lines, at) => {
        const text = lines.map((line) => `${line}\n`).join('');
        expect((await collect(splitLines(chunked(text, at)))).map((l) => l.text)).toEqual(lines);
      }),
      { numRuns: 200, seed: 10 },
    );
  });
});

describe('CSV records', () => {
  it('ends a record at CRLF, LF or a bare CR outside quotes, as Python, Miller and SQLite do; quoted line breaks stay in their field', async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,z\nq\r\n3,"w\nv"\n4,r\rs\n\n5,t';
    expect((await collect(readCsvRecords([text]))).map((piece) => (piece.kind === 'record' ? [piece.line, piece.fields] : piece))).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\r\ny']],
      [4, ['2', 'z']],
      [5, ['q']],
      [6, ['3', 'w\nv']],
      [8, ['4', 'r']],
      [9, ['s']],
      [10, ['']],
      [11, ['5', 't']],
    ]);
  });

  it('gives the same records and lines however the bytes are cut', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', 'é'), maxLength: 6 });
    const quote = (value: string) => (/[\r\n",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), fc.constantFrom('\r\n', '\n'), cuts, async (rows, end, at) => {
        const text = rows.map((row) => row.map(quote).join(',') + end).join('');
        const whole = await collect(readCsvRecords([text]));
        expect(whole.map((piece) => (piece.kind === 'record' ? piece.fields : piece))).toEqual(rows);
        expect(await collect(readCsvRecords(chunked(text, at)))).toEqual(whole);
      }),
      { numRuns: 200, seed: 10 },
    );
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\r\n1,x"y\r\n', 2, 'not CSV: a double quote inside a field that is not quoted (RFC 4180 quotes the whole field and doubles the quote)'],
    ['text after a closing quote', 'a,b\r\n1,"x"y\r\n', 2, 'not CSV: text after the closing quote of a field'],
    ['a quote never closed', 'a,b\r\n1,2\r\n3,"x\r\ny\r\n', 3, 'not CSV: a quoted field opened here is never closed'],
  ])('stops at %s, naming the line of its record', async (_name, text, line, message) => {
    const pieces = await collect(readCsvRecords([text]));
    expect(pieces.at(-1)).toEqual({ kind: 'broken', line, message });
  });
});
