/**
 * --format sqlite: one database with typed tables. Every row is compared with the same run's JSON
 * (each column as DISPATCH_COLUMNS, TEASER_COLUMNS and WARNING_COLUMNS read it from a document),
 * the DDL with what `kcna-parse schema --format sqlite` prints, and the file itself across thread
 * counts and runs (byte for byte, with SOURCE_DATE_EPOCH). The usage rules, the inputs table,
 * --dedupe and the file's mode are here too; the sqlite3 program's view is in
 * tests/clients/sqlite3-cli.test.ts, interruptions in tests/reliability/table-outputs.test.ts.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPATCH_COLUMNS, TEASER_COLUMNS, WARNING_COLUMNS, type CellValue } from '../../src/emit/formats/columns.js';
import { SQLITE_INDEXES, SQLITE_TABLES, sqliteDdl } from '../../src/emit/formats/sqlite.js';
import type { Dispatch } from '../../src/schema/types.js';
import { ROOT } from '../cli/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

const { Database } = sqlite;

let dir: string;
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
/** Every fixture (text, pages, web archives, broken inputs) and the examples, as inputs. */
const INPUTS = [path.join(ROOT, 'fixtures'), path.join(ROOT, 'examples')];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-sqlite-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of a query, on a database opened read-only (and closed). */
function rows(file: string, sql: string): Array<Record<string, unknown>> {
  const db = new Database(path.join(dir, file), { readOnly: true });
  try {
    return db.all(sql) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

/**
 * Every row of a table, in key order, each TEXT column read as its bytes: node-sqlite3-wasm (like
 * the sqlite3 shell) reads text as a C string, which ends at a NUL that the text holds.
 */
function tableRows(file: string, table: string, order: string): Array<Record<string, unknown>> {
  const columns = SQLITE_TABLES.find((candidate) => candidate.name === table)!.columns;
  const select = columns.map((column) => (column.type === 'TEXT' ? `CAST(${column.name} AS BLOB) AS ${column.name}` : column.name)).join(', ');
  return rows(file, `SELECT ${select} FROM ${table} ORDER BY ${order}`).map((row) => {
    for (const [name, value] of Object.entries(row)) if (value instanceof Uint8Array) row[name] = Buffer.from(value).toString('utf8');
    return row;
  });
}

const asSql = (value: CellValue): unknown => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

describe('--format sqlite', () => {
  let documents: Dispatch[];
  beforeAll(async () => {
    for (const output of ['all.json', 'all.sqlite']) {
      const run = await runInProcess([...INPUTS, '--quiet', '-o', output], { cwd: dir, env: EPOCH });
      expect(run.status, run.stderr).toBe(1);
    }
    documents = JSON.parse(readFileSync(path.join(dir, 'all.json'), 'utf8')) as Dispatch[];
  }, 120_000);

  it('is made with the DDL `kcna-parse schema --format sqlite` prints, statement for statement', async () => {
    const printed = await runInProcess(['schema', '--format', 'sqlite'], { cwd: dir });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toBe(sqliteDdl());
    const made = rows('all.sqlite', "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, rowid").map((row) => `${row['sql'] as string};`);
    expect(made.sort()).toEqual(printed.stdout.trim().split('\n\n').sort());
    expect(made).toHaveLength(SQLITE_TABLES.length + SQLITE_INDEXES.length);
  });

  it('holds a row per dispatch, with each column as the JSON has it: INTEGER, real NULL, 0/1, YYYY-MM-DD', () => {
    expect(documents.length).toBeGreaterThan(100);
    const found = tableRows('all.sqlite', 'dispatches', 'dispatch');
    expect(found).toHaveLength(documents.length);
    found.forEach((row, i) => {
      const document = documents[i]!;
      expect(row['dispatch']).toBe(i + 1);
      const expected: Record<string, unknown> = {};
      for (const column of DISPATCH_COLUMNS) expected[column.name] = asSql(column.value(document));
      const { dispatch: _key, input: _input, ...values } = row;
      expect(values, document.source.path ?? '-').toEqual(expected);
    });
    // Types as stored, not only values: SQLite keeps what it was given.
    const [types] = rows('all.sqlite', "SELECT typeof(word_count) AS words, typeof(bytes) AS bytes, typeof(end_marker) AS flag, typeof(text) AS text FROM dispatches LIMIT 1");
    expect(types).toEqual({ words: 'integer', bytes: 'integer', flag: 'integer', text: 'text' });
    const [nulls] = rows('all.sqlite', 'SELECT count(*) FILTER (WHERE year IS NULL) AS years, count(*) FILTER (WHERE date IS NULL) AS dates FROM dispatches');
    expect(nulls).toEqual({ years: documents.filter((d) => (d.lead.dateline?.year ?? null) === null).length, dates: documents.filter((d) => d.lead.date === null).length });
  });

  it('holds the paragraphs, teasers and warnings of each dispatch, in order, keyed by the dispatch', () => {
    const paragraphs = tableRows('all.sqlite', 'paragraphs', 'dispatch, position');
    expect(paragraphs).toEqual(
      documents.flatMap((document, i) =>
        document.lead.paragraphs.map((text, position) => ({ dispatch: i + 1, position, text, line: document.lead.paragraphLines[position], end_line: document.lead.paragraphEndLines[position] })),
      ),
    );
    const teasers = tableRows('all.sqlite', 'teasers', 'dispatch, position');
    expect(teasers).toEqual(
      documents.flatMap((document, i) =>
        document.teasers.map((teaser, position) => Object.fromEntries([['dispatch', i + 1], ...TEASER_COLUMNS.map((column) => [column.name, asSql(column.value({ teaser, position }))])])),
      ),
    );
    const warnings = tableRows('all.sqlite', 'warnings', 'dispatch, position');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings).toEqual(
      documents.flatMap((document, i) =>
        document.warnings.map((warning, position) => Object.fromEntries([['dispatch', i + 1], ...WARNING_COLUMNS.map((column) => [column.name, asSql(column.value({ warning, position }))])])),
      ),
    );
  });

  it('keeps a NUL character a paragraph holds (text is bound as bytes, not as a C string)', () => {
    const withNul = documents.flatMap((document) => document.lead.paragraphs).filter((text) => text.includes('\0'));
    expect(withNul.length).toBeGreaterThan(0);
    const stored = rows('all.sqlite', 'SELECT CAST(text AS BLOB) AS text, length(CAST(text AS BLOB)) AS bytes FROM paragraphs WHERE instr(text, char(0)) > 0');
    expect(stored.map((row) => Buffer.from(row['text'] as Uint8Array).toString('utf8'))).toEqual(withNul);
    expect(stored.map((row) => row['bytes'])).toEqual(withNul.map((text) => Buffer.byteLength(text)));
  });

  it('records every input in the inputs table: converted with its hash, failed with its error', async () => {
    const inputs = rows('all.sqlite', 'SELECT * FROM inputs ORDER BY input');
    const failed = inputs.filter((row) => row['status'] === 'failed');
    expect(failed.length).toBeGreaterThan(5);
    for (const row of failed) {
      expect(row['sha256']).toBeNull();
      expect(row['error_code']).toMatch(/^[A-Z_]+$/);
      expect(row['dispatch_count']).toBe(0);
    }
    const converted = inputs.filter((row) => row['status'] === 'converted');
    expect(converted.reduce((sum, row) => sum + (row['dispatch_count'] as number), 0)).toBe(documents.length);
    for (const row of converted) expect(row['sha256']).toMatch(/^[0-9a-f]{64}$/);
    // Each dispatch points at its input, whose hash is the dispatch's.
    const mismatched = rows('all.sqlite', 'SELECT count(*) AS n FROM dispatches d JOIN inputs i USING (input) WHERE d.sha256 <> i.sha256 OR i.status <> \'converted\'');
    expect(mismatched).toEqual([{ n: 0 }]);
  });

  it('has a meta table with the tool and schema versions and the time SOURCE_DATE_EPOCH gives', () => {
    const meta = Object.fromEntries(rows('all.sqlite', 'SELECT key, value FROM meta').map((row) => [row['key'], row['value']]));
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(meta).toEqual({ tool: 'kcna-parse', tool_version: version, schema_version: '2.0.0', created_at: '2023-11-14T22:13:20Z' });
  });

  it('leaves the database alone at -o: no temporary file, journal or lock beside it', () => {
    expect(readdirSync(dir).filter((name) => name.includes('all.sqlite'))).toEqual(['all.sqlite']);
  });

  it('is the same file byte for byte with --jobs 1, --jobs 2, the default mode once its workers start, and again (SOURCE_DATE_EPOCH set)', async () => {
    for (const [output, jobs] of [['one.sqlite', ['--jobs', '1']], ['two.sqlite', ['--jobs', '2']], ['auto.sqlite', []], ['again.sqlite', ['--jobs', '2']]] as const) {
      // The default mode starts its workers after 5 inputs here (a variable for tests only).
      const run = await runInProcess([...INPUTS, '--quiet', '-o', output, ...jobs], { cwd: dir, env: { ...EPOCH, KCNA_PARSE_TEST_AUTO_THREADS_AFTER: '5' } });
      expect(run.status).toBe(1);
    }
    const one = readFileSync(path.join(dir, 'one.sqlite'));
    expect(readFileSync(path.join(dir, 'two.sqlite')).equals(one)).toBe(true);
    expect(readFileSync(path.join(dir, 'auto.sqlite')).equals(one)).toBe(true);
    expect(readFileSync(path.join(dir, 'again.sqlite')).equals(one)).toBe(true);
    expect(readFileSync(path.join(dir, 'all.sqlite')).equals(one)).toBe(true);
  });
});

describe('--format sqlite with --dedupe', () => {
  it('inserts no duplicate: an input all of whose dispatches were written before is a duplicate, with none in dispatches', async () => {
    const twice = path.join(ROOT, 'fixtures/sample/input.txt');
    const mirror = path.join(ROOT, 'fixtures/mirror-a/input.txt');
    const run = await runInProcess([twice, mirror, path.join(ROOT, 'fixtures/mirror-b/input.txt'), '--dedupe', '--quiet', '-o', 'dedupe.sqlite'], { cwd: dir });
    expect(run.status).toBe(0);
    const inputs = rows('dedupe.sqlite', 'SELECT input, status, dispatch_count, sha256 IS NOT NULL AS hashed FROM inputs ORDER BY input');
    expect(inputs).toEqual([
      { input: 1, status: 'converted', dispatch_count: 1, hashed: 1 },
      { input: 2, status: 'converted', dispatch_count: 1, hashed: 1 },
      { input: 3, status: 'duplicate', dispatch_count: 0, hashed: 1 },
    ]);
    expect(rows('dedupe.sqlite', 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM dispatches')).toEqual([{ n: 2, ids: 2 }]);
  });

  it('keeps both copies without --dedupe: the content id is an indexed column, not the key', async () => {
    const mirrors = ['mirror-a', 'mirror-b'].map((name) => path.join(ROOT, `fixtures/${name}/input.txt`));
    const run = await runInProcess([...mirrors, '--quiet', '-o', 'copies.sqlite'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(rows('copies.sqlite', 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM dispatches')).toEqual([{ n: 2, ids: 1 }]);
  });
});

describe('--format sqlite: the file', () => {
  it('is implied by -o *.sqlite, *.db and *.sqlite3, and says where the dispatches went', async () => {
    for (const name of ['implied.sqlite', 'implied.db', 'implied.SQLITE3']) {
      const run = await runInProcess([path.join(ROOT, 'examples/archive/2021/03'), '-o', name], { cwd: dir });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain(`5 dispatches to ${name}`);
      expect(rows(name, 'SELECT count(*) AS n FROM dispatches')).toEqual([{ n: 5 }]);
    }
  });

  it('gets the mode a new output file gets, and keeps the mode of a file it replaces', async () => {
    const sample = path.join(ROOT, 'fixtures/sample/input.txt');
    await runInProcess([sample, '-o', 'mode.ndjson'], { cwd: dir });
    await runInProcess([sample, '-o', 'mode.sqlite'], { cwd: dir });
    const mode = (name: string) => statSync(path.join(dir, name)).mode & 0o777;
    expect(mode('mode.sqlite')).toBe(mode('mode.ndjson'));
    chmodSync(path.join(dir, 'mode.sqlite'), 0o600);
    await runInProcess([sample, '-o', 'mode.sqlite'], { cwd: dir });
    expect(mode('mode.sqlite')).toBe(0o600);
  });

  it('--report writes the same report as with any other format', async () => {
    const archive = path.join(ROOT, 'examples/archive');
    for (const [output, report] of [['report.sqlite', 'sqlite-report.json'], ['report.ndjson', 'ndjson-report.json']]) {
      const run = await runInProcess([archive, '--quiet', '-o', output!, '--report', report!], { cwd: dir });
      expect(run.status).toBe(1);
    }
    const report = readFileSync(path.join(dir, 'sqlite-report.json'), 'utf8');
    expect(report).toBe(readFileSync(path.join(dir, 'ndjson-report.json'), 'utf8'));
    expect((JSON.parse(report) as { summary: unknown }).summary).toEqual({ files: 12, converted: 11, failed: 1, duplicates: 0, warnings: 5 });
  });

  it('is written when the single input fails: its inputs table says why', async () => {
    const run = await runInProcess([path.join(ROOT, 'fixtures/not-a-dispatch/input.txt'), '-o', 'failed.sqlite'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(rows('failed.sqlite', 'SELECT status, error_code FROM inputs')).toEqual([{ status: 'failed', error_code: 'NOT_A_DISPATCH' }]);
    expect(rows('failed.sqlite', 'SELECT count(*) AS n FROM dispatches')).toEqual([{ n: 0 }]);
  });

  it('replaces an earlier file at -o whatever it held (a half database of a killed run is never opened)', async () => {
    writeFileSync(path.join(dir, 'garbage.sqlite'), 'not a database');
    const run = await runInProcess([path.join(ROOT, 'fixtures/sample/input.txt'), '-o', 'garbage.sqlite'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(rows('garbage.sqlite', 'SELECT count(*) AS n FROM dispatches')).toEqual([{ n: 1 }]);
  });

  it.each([
    [['-f', 'sqlite'], '--format sqlite writes a database, not text: name the file with -o (e.g. -o out.sqlite)'],
    [['-f', 'sqlite', '-o', '-'], '--format sqlite writes a database, not text: name the file with -o (e.g. -o out.sqlite)'],
    [['-f', 'sqlite', '--out-dir', 'out'], '--out-dir does not apply to --format sqlite, which writes a database for the whole run: name it with -o (e.g. -o out.sqlite)'],
    [['-o', '/dev/null', '-f', 'sqlite'], '--format sqlite writes a database, which needs a regular file; -o /dev/null is a device or a pipe'],
    [['-o', 'x.sqlite', '--records', 'teasers'], '--records teasers does not apply to --format sqlite (the database holds the teasers in its teasers table)'],
    [['-o', 'x.sqlite', '--bom'], '--bom applies to --format csv only'],
    [['-o', 'x.sqlite', '--fields', 'id'], '--fields applies to --format json, ndjson or csv only'],
  ])('refuses %j as a usage error, writing nothing', async (args, message) => {
    const run = await runInProcess([path.join(ROOT, 'fixtures/sample/input.txt'), ...args], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`kcna-parse: error: ${message}\n`);
    expect(run.stdout).toBe('');
    expect(readdirSync(dir).filter((name) => name.startsWith('x.') || name === 'out')).toEqual([]);
  });
});
