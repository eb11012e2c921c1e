/**
 * --fields: the columns of CSV, chosen and ordered; the fields NDJSON and JSON records keep, as
 * top-level names and dotted paths that keep their nesting. A name the records do not have is a
 * usage error that names it and lists the valid ones; records are checked against their full
 * schema before they are cut down.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/emit/index.js';
import { csvColumns } from '../../src/emit/formats/csv.js';
import { jsonFields, projection } from '../../src/emit/formats/fields.js';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { ROOT } from './helpers.js';
import { runInProcess } from './in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARCHIVE = path.join(ROOT, 'examples/archive/2021/03');
const SAMPLE = path.join(ROOT, 'fixtures/sample/input.txt');

async function convert(args: string[]) {
  const run = await runInProcess(args, { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  return run;
}

describe('--fields with CSV', () => {
  it('writes the columns named, in that order, with the header to match', async () => {
    const chosen = await convert([ARCHIVE, '-f', 'csv', '--fields', 'date,title,id,word_count', '--quiet']);
    const all = await convert([ARCHIVE, '-f', 'csv', '--quiet']);
    const full = parse(all.stdout, { columns: true }) as Array<Record<string, string>>;
    const rows = parse(chosen.stdout, { columns: false }) as string[][];
    expect(rows[0]).toEqual(['date', 'title', 'id', 'word_count']);
    expect(rows.slice(1)).toEqual(full.map((row) => [row['date'], row['title'], row['id'], row['word_count']]));
    expect(chosen.stdout.split('\r\n')[0]).toBe('date,title,id,word_count');
  });

  it('takes the columns of --records teasers', async () => {
    const run = await convert([SAMPLE, '-f', 'csv', '--records', 'teasers', '--fields', 'index,date,title']);
    const rows = parse(run.stdout) as string[][];
    expect(rows[0]).toEqual(['index', 'date', 'title']);
    expect(rows).toHaveLength(21);
  });

  it('keeps --bom and --excel-safe', async () => {
    const run = await convert([SAMPLE, '-f', 'csv', '--fields', 'id', '--bom']);
    expect(run.stdout).toBe('\ufeffid\r\n6dd0720fb7e1ed25ad83f64257d235d0\r\n');
  });
});

describe('--fields with NDJSON and JSON', () => {
  const document = (() => {
    const result = parseDispatch(new Uint8Array(readFileSync(SAMPLE)), { path: 'x.txt', year: 2021 });
    if (!result.ok) throw new Error('the sample parses');
    return result.document;
  })();

  it('keeps top-level fields and dotted paths, nested as in the record, in the order first named', () => {
    const keep = projection(['lead.title', 'id', 'lead.dateline.place', 'source.story.index', 'teasers']);
    expect(keep(document)).toEqual({
      lead: { title: null, dateline: { place: 'Pyongyang' } },
      id: document.id,
      source: { story: { index: 1 } },
      teasers: document.teasers,
    });
    expect(Object.keys(keep(document) as object)).toEqual(['lead', 'id', 'source', 'teasers']);
  });

  it('keeps a whole object when it is named with some of its fields, and a null parent as null', () => {
    expect(projection(['lead.dateline.place', 'lead.dateline'])(document)).toEqual({ lead: { dateline: document.lead.dateline } });
    const noDateline: Dispatch = { ...document, lead: { ...document.lead, dateline: null } };
    expect(projection(['lead.dateline.place', 'lead.date'])(noDateline)).toEqual({ lead: { dateline: null, date: document.lead.date } });
  });

  it('NDJSON: one projected record per line', async () => {
    const run = await convert([ARCHIVE, '-f', 'ndjson', '--fields', 'id,lead.date,source.path', '--quiet']);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(Object.keys(line)).toEqual(['id', 'lead', 'source']);
    expect(run.stdout.split('\n')[0]).toMatch(/^\{"id":"[0-9a-f]{32}","lead":\{"date":"2021-03-02"\},"source":\{"path":"[^"]+2021-03-02-spring-sowing\.txt"\}\}$/);
  });

  it('JSON: pretty-printed as without --fields, one value for one input', async () => {
    const run = await convert([SAMPLE, '--fields', 'id,lead.wordCount']);
    expect(run.stdout).toBe(`{\n  "id": "6dd0720fb7e1ed25ad83f64257d235d0",\n  "lead": {\n    "wordCount": 473\n  }\n}\n`);
  });

  it('--records teasers: the fields of a teaser record', async () => {
    const run = await convert([SAMPLE, '-f', 'ndjson', '--records', 'teasers', '--fields', 'index,teaser.date']);
    expect(run.stdout.split('\n')[0]).toBe('{"index":0,"teaser":{"date":"2026-03-18"}}');
  });

  it('lists as valid every field and dotted path into objects, none into arrays', () => {
    const fields = jsonFields('dispatches');
    expect(fields).toEqual(expect.arrayContaining(['id', 'lead', 'lead.title', 'lead.dateline.place', 'source.archive.targetUri', 'teasers', 'warnings', 'page.dateLineNumber']));
    expect(fields.some((field) => field.startsWith('teasers.') || field.startsWith('warnings.'))).toBe(false);
    expect(jsonFields('teasers')).toEqual(expect.arrayContaining(['dispatchId', 'teaser.dateline.place']));
  });
});

describe('--fields cuts records checked whole', () => {
  const sample = parseDispatch(new Uint8Array(readFileSync(SAMPLE)), { path: 'x.txt' });
  if (!sample.ok) throw new Error('the sample parses');
  // A teaser whose line number breaks its schema, in a field --fields leaves out.
  const broken: Dispatch = structuredClone(sample.document);
  broken.teasers[0]!.line = 0;
  const spec = { single: false, bom: false, excelSafe: false } as const;

  it.each([
    [{ format: 'ndjson', records: 'teasers', fields: ['index'] }],
    [{ format: 'json', records: 'teasers', fields: ['index'] }],
    [{ format: 'csv', records: 'teasers', fields: ['index'] }],
  ] as const)('%j: a record that fails its schema fails, though the fields kept are valid', async (options) => {
    const render = await createRenderer({ ...spec, ...options });
    expect(() => render(broken)).toThrow(/SCHEMA_VIOLATION|does not follow its schema/);
    expect(render(sample.document)).toHaveLength(20);
  });
});

describe('--fields mistakes', () => {
  it.each([
    [['-f', 'csv', '--fields', 'id,titel'], "unknown column 'titel' for --fields (Did you mean title?)", `--fields takes a comma-separated list of the columns of --format csv: ${csvColumns('dispatches').join(', ')}`],
    [['-f', 'ndjson', '--fields', 'lead.titel'], "unknown field 'lead.titel' for --fields (Did you mean lead.title?)", `--fields takes a comma-separated list of the fields of --format ndjson: ${jsonFields('dispatches').join(', ')}`],
    [['-f', 'ndjson', '--fields', 'teasers.text'], "unknown field 'teasers.text' for --fields", 'the fields of --format ndjson:'],
    [['-f', 'csv', '--records', 'teasers', '--fields', 'word_count'], "unknown column 'word_count' for --fields", '--fields takes a comma-separated list of the columns of --format csv --records teasers: path, dispatch_id'],
    [['-f', 'csv', '--fields', 'id,,date'], '--fields id,,date holds an empty name (two commas, or one at an end)', 'columns of --format csv'],
    [['-f', 'csv', '--fields', 'id,id'], "--fields names 'id' twice", 'columns of --format csv'],
    [['-f', 'csv', '--fields', ''], '--fields names no field', 'columns of --format csv'],
  ])('%j: a usage error naming the field, the hint listing the valid ones', async (args, message, hint) => {
    const run = await runInProcess([SAMPLE, ...args], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`kcna-parse: error: ${message}\n`);
    const hintLine = run.stderr.split('\n').find((line) => line.startsWith('hint: --fields takes a comma-separated list of the '));
    expect(hintLine).toContain(hint);
  });

  it.each(['ninjs', 'sqlite', 'parquet'])('is refused with --format %s', async (format) => {
    const run = await runInProcess([SAMPLE, '-f', format, '-o', `x.${format}`, '--fields', 'id'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kcna-parse: error: --fields applies to --format json, ndjson or csv only\n');
  });
});
