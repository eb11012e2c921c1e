/**
 * The CSV output read by the programs people open it with: Python's csv module, Miller and SQLite's
 * `.import`. Every record, its field count and every cell must come back equal to the rows of the
 * documents written. A program that is missing is skipped with the reason printed, except under CI
 * (process.env.CI), where it is a failure: .ci/run installs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriter, type RecordKind } from '../../src/emit/index.js';
import { dispatchRow, teaserRows } from '../../src/emit/records.js';
import { parseDispatch, type ParseOptions } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { DISPATCH_COLUMNS, TEASER_COLUMNS } from '../../src/schema/validate.js';
import { runInProcess } from '../cli/in-process.js';
import { listFixtures } from '../helpers/fixtures.js';

/** Every fixture that parses, and the cases: text with bare LFs only, paths with line breaks, quotes and commas. */
function documents(): Dispatch[] {
  const found: Dispatch[] = [];
  const add = (input: string | Uint8Array, options: ParseOptions) => {
    const result = parseDispatch(input, options);
    if (result.ok) found.push(result.document);
  };
  for (const fixture of listFixtures()) add(fixture.input, fixture.options);
  const twoParagraphs = 'Pyongyang, March 23 (KCNA) -- First paragraph\nSecond paragraph -0-\n';
  add(twoParagraphs, { path: 'a.txt' });
  add(twoParagraphs, { path: 'archive/line\nbreak.txt' });
  add(twoParagraphs, { path: 'archive/carriage\rreturn.txt' });
  add(twoParagraphs, { path: 'archive/both\r\n.txt' });
  add(twoParagraphs, { path: 'archive/"quoted", with comma.txt' });
  add(twoParagraphs, { path: '=cmd|calc.txt' });
  add('Pyongyang, March 23 (KCNA) -- A "quoted" word, a comma\nand\r\nmixed endings -0-\n', { path: null });
  return found;
}

const KINDS: Array<{ kind: RecordKind; columns: readonly string[]; rows: (document: Dispatch) => object[] }> = [
  { kind: 'dispatches', columns: DISPATCH_COLUMNS, rows: (document) => [dispatchRow(document)] },
  { kind: 'teasers', columns: TEASER_COLUMNS, rows: teaserRows },
];

let dir: string;
const files: Partial<Record<RecordKind, { file: string; expected: string[][] }>> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-clients-'));
  const all = documents();
  for (const { kind, columns, rows } of KINDS) {
    const writer = await createWriter({ format: 'csv', records: kind, single: false, bom: false, excelSafe: false });
    let text = '';
    for (const document of all) text += writer.add(document);
    text += writer.end();
    const file = path.join(dir, `${kind}.csv`);
    writeFileSync(file, text);
    const expected = all.flatMap(rows).map((row) => columns.map((column) => (row as Record<string, string>)[column]!));
    files[kind] = { file, expected: [[...columns], ...expected] };
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs a client program; its standard output, parsed as JSON. Miller writes control characters
 * other than tab, CR and LF raw inside strings, which JSON does not allow; it escapes those three,
 * so every raw control character but them is inside a string and is escaped here before parsing.
 */
function client(command: string, args: string[]): unknown {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  // eslint-disable-next-line no-control-regex
  const json = result.stdout.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.parse(json);
}

/** Records as arrays, the header first, from objects keyed by column (Miller, SQLite). */
function fromObjects(objects: unknown, columns: readonly string[]): string[][] {
  return [[...columns], ...(objects as Array<Record<string, unknown>>).map((object) => {
    expect(Object.keys(object)).toEqual(columns);
    return columns.map((column) => object[column] as string);
  })];
}

interface Client {
  name: string;
  program: string;
  read: (file: string, columns: readonly string[]) => string[][];
  /** What the program itself does to a cell, whatever the file says (applied to the expected cells). */
  own?: (cell: string) => string;
}

const CLIENTS: Client[] = [
  {
    name: "Python's csv module",
    program: 'python3',
    read: (file) =>
      client('python3', ['-c', "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", file]) as string[][],
  },
  {
    name: 'Miller (mlr --icsv --ojson)',
    program: 'mlr',
    read: (file, columns) => fromObjects(client('mlr', ['--icsv', '--ojson', '--infer-none', 'cat', file]), columns),
    // Miller reads a quoted field line by line and joins the lines with LF: a CRLF inside quotes
    // comes back as LF (only a path can hold one).
    own: (cell) => cell.replace(/\r\n/g, '\n'),
  },
  {
    name: "SQLite's .import --csv",
    program: 'sqlite3',
    read: (file, columns) => fromObjects(client('sqlite3', ['-json', ':memory:', `.import --csv '${file.replace(/'/g, "''")}' t`, 'SELECT * FROM t ORDER BY rowid']), columns),
    // The sqlite3 shell imports text as C strings: a cell ends at its first NUL character (the
    // stray-nul fixture keeps NULs in its text, as the input had them).
    own: (cell) => cell.split('\0')[0]!,
  },
];

function installed(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

for (const { name, program, read, own } of CLIENTS) {
  const present = installed(program);
  describe(`CSV read by ${name}`, () => {
    if (!present) {
      if (process.env['CI']) {
        it(`${program} is installed (required under CI)`, () => {
          throw new Error(`${program} is not installed: .ci/run installs it`);
        });
      } else {
        console.warn(`skipping CSV read by ${name}: ${program} is not installed`);
        it.skip(`${program} is not installed`, () => undefined);
      }
      return;
    }
    it.each(KINDS.map(({ kind }) => kind))('every %s record, field count and cell comes back as written', (kind) => {
      const { file, expected } = files[kind]!;
      const columns = expected[0]!;
      const records = read(file, columns);
      expect(records.length).toBe(expected.length);
      for (const [index, record] of records.entries()) expect(record.length, `record ${index} field count`).toBe(columns.length);
      expect(records).toEqual(own ? expected.map((record) => record.map(own)) : expected);
    });
  });
}

describe('the documents above', () => {
  it('include line breaks, quotes and commas in cells, so that the clients are tested on them', () => {
    const cells = files.dispatches!.expected.flat();
    expect(cells.some((cell) => /[^\r]\n/.test(cell))).toBe(true);
    expect(cells.some((cell) => /\r[^\n]/.test(cell))).toBe(true);
    expect(cells.some((cell) => cell.includes('"'))).toBe(true);
    expect(cells.some((cell) => cell.includes(','))).toBe(true);
    expect(files.teasers!.expected.length).toBeGreaterThan(10);
  });
});

describe('a record split by an unquoted line break (the CSV written before RFC 4180 quoting)', () => {
  const PRE_FIX =
    'path,id,title,place,year,month,day,date,end_marker,paragraph_count,word_count,teaser_count,warning_count,text\r\n' +
    'a.txt,ed5b72c3f319eb9383bf82ac60f02985,,Pyongyang,,3,23,,true,2,4,0,0,First paragraph\n\nSecond paragraph\r\n';

  it.skipIf(!installed('mlr') && !process.env['CI'])('is refused by Miller and by validate alike', async () => {
    const file = path.join(dir, 'pre-fix.csv');
    writeFileSync(file, PRE_FIX);
    const miller = spawnSync('mlr', ['--icsv', '--ojson', 'cat', file], { encoding: 'utf8' });
    expect(miller.status).not.toBe(0);
    expect(miller.stderr).toContain('length mismatch 14 != 1');
    const validate = await runInProcess(['validate', 'pre-fix.csv'], { cwd: dir });
    expect(validate.status).toBe(1);
    expect(validate.stderr).toContain('pre-fix.csv:3: error INVALID_RECORD dispatch-row record: / has 1 field where the header has 14');
  });
});
