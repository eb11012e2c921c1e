/**
 * --format parquet, read back by a second Parquet reader (hyparquet, the reading half of the
 * writer's project, which shares no code with the writer's encoders): the schema the file holds
 * is the one `kcna-parse schema --format parquet` prints, every value is the JSON's (dates as
 * DATE, counts as INT32, byte counts as INT64, flags as BOOLEAN, paragraphs as a list of text,
 * warnings as a list of structs), rows come in row groups of a bounded size, and the file is the
 * same bytes whatever the threads. DuckDB's view is in tests/clients/duckdb.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPATCH_COLUMNS, TEASER_COLUMNS, WARNING_COLUMNS, type CellValue, type ColumnType } from '../../src/emit/formats/columns.js';
import { parquetSchemaText, ROW_GROUP_ROWS } from '../../src/emit/formats/parquet.js';
import type { Dispatch, TeaserRecord } from '../../src/schema/types.js';
import { ROOT, fixture } from '../cli/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

let dir: string;
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const INPUTS = [path.join(ROOT, 'fixtures'), path.join(ROOT, 'examples')];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-parquet-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bytesOf(name: string): ArrayBuffer {
  const bytes = readFileSync(path.join(dir, name));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function read(name: string): Promise<Array<Record<string, unknown>>> {
  return (await parquetReadObjects({ file: bytesOf(name) })) as Array<Record<string, unknown>>;
}

/** A value as hyparquet gives it back: DATE as a Date at midnight UTC, INT64 as a bigint. */
function asRead(type: ColumnType, value: CellValue): unknown {
  if (value === null) return null;
  if (type === 'date') return new Date(`${value as string}T00:00:00Z`);
  if (type === 'bigint') return BigInt(value as number);
  return value;
}

describe('--format parquet', () => {
  let documents: Dispatch[];
  let teasers: TeaserRecord[];
  beforeAll(async () => {
    for (const args of [['-o', 'all.json'], ['-o', 'all.parquet'], ['-o', 'teasers.json', '--records', 'teasers'], ['-o', 'teasers.parquet', '--records', 'teasers']]) {
      const run = await runInProcess([...INPUTS, '--quiet', ...args], { cwd: dir, env: EPOCH });
      expect(run.status, run.stderr).toBe(1);
    }
    documents = JSON.parse(readFileSync(path.join(dir, 'all.json'), 'utf8')) as Dispatch[];
    teasers = JSON.parse(readFileSync(path.join(dir, 'teasers.json'), 'utf8')) as TeaserRecord[];
  }, 120_000);

  it.each([
    ['all.parquet', 'dispatches', []],
    ['teasers.parquet', 'teasers', ['--records', 'teasers']],
  ] as const)('%s holds the schema `kcna-parse schema --format parquet` prints', async (name, records, args) => {
    const printed = await runInProcess(['schema', '--format', 'parquet', ...args], { cwd: dir });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toBe(parquetSchemaText(records));
    const { schema } = parquetMetadata(bytesOf(name));
    // The file's own schema, printed the same way: names, nesting, physical and logical types, repetition.
    const lines: string[] = [];
    let at = 1;
    const print = (depth: number) => {
      const element = schema[at++]!;
      const indent = '  '.repeat(depth);
      const annotation = element.converted_type ? ` (${element.converted_type === 'UTF8' ? 'STRING' : element.converted_type})` : '';
      if (!element.num_children) {
        lines.push(`${indent}${element.repetition_type!.toLowerCase()} ${element.type === 'BYTE_ARRAY' ? 'binary' : element.type!.toLowerCase()} ${element.name}${annotation};`);
        return;
      }
      lines.push(`${indent}${element.repetition_type!.toLowerCase()} group ${element.name}${annotation} {`);
      for (let i = 0; i < element.num_children; i++) print(depth + 1);
      lines.push(`${indent}}`);
    };
    for (let i = 0; i < schema[0]!.num_children!; i++) print(1);
    expect([`message ${schema[0]!.name} {`, ...lines, '}', ''].join('\n')).toBe(printed.stdout);
  });

  it('holds a row per dispatch with the JSON values, typed', async () => {
    const rows = await read('all.parquet');
    expect(documents.length).toBeGreaterThan(100);
    expect(rows).toHaveLength(documents.length);
    rows.forEach((row, i) => {
      const document = documents[i]!;
      const expected: Record<string, unknown> = {};
      for (const column of DISPATCH_COLUMNS) expected[column.name] = asRead(column.type, column.value(document));
      expected['paragraphs'] = document.lead.paragraphs;
      const fields = WARNING_COLUMNS.filter((column) => column.name !== 'position');
      expected['warnings'] = document.warnings.map((warning, position) => Object.fromEntries(fields.map((column) => [column.name, asRead(column.type, column.value({ warning, position }))])));
      expect(row, document.source.path ?? '-').toEqual(expected);
    });
  });

  it('holds a row per teaser with --records teasers', async () => {
    const rows = await read('teasers.parquet');
    expect(teasers.length).toBeGreaterThan(100);
    expect(rows).toEqual(
      teasers.map((record) =>
        Object.fromEntries([
          ['dispatch_id', record.dispatchId],
          ['path', record.path],
          ...TEASER_COLUMNS.map((column) => [column.name, asRead(column.type, column.value({ teaser: record.teaser, position: record.index }))]),
        ]),
      ),
    );
  });

  it('says what made it, and when (SOURCE_DATE_EPOCH)', () => {
    const metadata = parquetMetadata(bytesOf('all.parquet'));
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(metadata.created_by).toBe(`kcna-parse version ${version}`);
    expect(metadata.key_value_metadata).toEqual([
      { key: 'kcna-parse.schema_version', value: '2.0.0' },
      { key: 'kcna-parse.records', value: 'dispatches' },
      { key: 'kcna-parse.created_at', value: '2023-11-14T22:13:20Z' },
    ]);
  });

  it('is the same file byte for byte with --jobs 1, --jobs 2 and again', async () => {
    for (const [output, jobs] of [['one.parquet', ['--jobs', '1']], ['two.parquet', ['--jobs', '2']], ['auto.parquet', []]] as const) {
      // The default mode starts its workers after 5 inputs here (a variable for tests only).
      const run = await runInProcess([...INPUTS, '--quiet', '-o', output, ...jobs], { cwd: dir, env: { ...EPOCH, KCNA_PARSE_TEST_AUTO_THREADS_AFTER: '5' } });
      expect(run.status).toBe(1);
    }
    const one = readFileSync(path.join(dir, 'one.parquet'));
    expect(readFileSync(path.join(dir, 'two.parquet')).equals(one)).toBe(true);
    expect(readFileSync(path.join(dir, 'auto.parquet')).equals(one)).toBe(true);
    expect(readFileSync(path.join(dir, 'all.parquet')).equals(one)).toBe(true);
  });

  it('leaves no temporary file beside it', () => {
    expect(readdirSync(dir).filter((name) => name.includes('.parquet') && !/^(all|teasers|one|two|auto)\.parquet$/.test(name))).toEqual([]);
  });
});

describe('--format parquet: row groups', () => {
  it('writes a few thousand rows per row group, so that a large run never holds its rows at once', async () => {
    // 250 pages of 20 teasers: 5,000 teaser rows.
    const folder = path.join(dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i < 250; i++) writeFileSync(path.join(folder, `${i}.txt`), fixture('sample'));
    const run = await runInProcess(['many', '--records', 'teasers', '-o', 'many.parquet', '--quiet'], { cwd: dir });
    expect(run.status).toBe(0);
    const metadata = parquetMetadata(bytesOf('many.parquet'));
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([ROW_GROUP_ROWS, 5000 - ROW_GROUP_ROWS]);
    expect(await read('many.parquet')).toHaveLength(5000);
  });

  it('ends a row group early when its rows are long, so that memory is bounded by text as well as rows', async () => {
    // 60 dispatches of about 200,000 characters each: far fewer than ROW_GROUP_ROWS a group.
    const folder = path.join(dir, 'long');
    mkdirSync(folder);
    const paragraph = 'The long paragraph of a dispatch, repeated to make a story of a great length. '.repeat(100);
    const story = `Pyongyang, March 23 (KCNA) -- ${paragraph}\n${`${paragraph}\n`.repeat(24)}-0-\n`;
    for (let i = 0; i < 60; i++) writeFileSync(path.join(folder, `${String(i).padStart(2, '0')}.txt`), story.replace('KCNA) --', `KCNA) -- ${i}`));
    const run = await runInProcess(['long', '-o', 'long.parquet', '--quiet'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const groups = parquetMetadata(bytesOf('long.parquet')).row_groups.map((group) => Number(group.num_rows));
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.reduce((sum, rows) => sum + rows, 0)).toBe(60);
    expect(Math.max(...groups)).toBeLessThan(60);
  });

  it('writes a valid file of no rows when nothing converted', async () => {
    const run = await runInProcess([path.join(ROOT, 'fixtures/empty/input.txt'), path.join(ROOT, 'fixtures/blank-only/input.txt'), '-o', 'empty.parquet'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(parquetMetadata(bytesOf('empty.parquet')).num_rows).toBe(0n);
    expect(await read('empty.parquet')).toEqual([]);
  });
});

describe('--format parquet: usage', () => {
  it.each([
    [['-f', 'parquet'], '--format parquet writes a Parquet file, not text: name the file with -o (e.g. -o out.parquet)'],
    [['-f', 'parquet', '--out-dir', 'out'], '--out-dir does not apply to --format parquet, which writes a Parquet file for the whole run: name it with -o (e.g. -o out.parquet)'],
    [['-o', '/dev/null', '-f', 'parquet'], '--format parquet writes a Parquet file, which needs a regular file; -o /dev/null is a device or a pipe'],
    [['-o', 'x.parquet', '--excel-safe'], '--excel-safe applies to --format csv only'],
  ])('refuses %j as a usage error', async (args, message) => {
    const run = await runInProcess([path.join(ROOT, 'fixtures/sample/input.txt'), ...args], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`kcna-parse: error: ${message}\n`);
  });
});
