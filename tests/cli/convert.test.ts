/** Formats and input kinds, end to end through `run()` in this process (tests/helpers/in-process.ts). */
import { DISPATCH_COLUMNS } from '../../src/schema/validate.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDocument, checkRecord } from '../../src/schema/validate.js';
import { runInProcess } from '../helpers/in-process.js';
import { fixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const GOOD = ['archive/2021/03/crlf.txt', 'archive/2021/03/sample.txt', 'archive/2024/02/stamp.txt'];

describe('json', () => {
  it('prints one document for one file path', async () => {
    const run = await runInProcess(['archive/2021/03/sample.txt', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const document = JSON.parse(run.stdout);
    expect(checkDocument(document)).toEqual({ valid: true });
    expect(document.source.path).toBe('archive/2021/03/sample.txt');
    expect(document.lead.dateline).toMatchObject({ place: 'Pyongyang', month: 3, day: 23, year: 2021, yearSource: 'path' });
    expect(document.teasers).toHaveLength(20);
  });

  it('prints an array for a directory, sorted, with the failures left out', async () => {
    const run = await runInProcess(['archive'], { cwd: dir });
    expect(run.status).toBe(1);
    const documents = JSON.parse(run.stdout) as Array<{ source: { path: string } }>;
    expect(documents.map((d) => d.source.path)).toEqual(GOOD);
    for (const document of documents) expect(checkDocument(document)).toEqual({ valid: true });
  });

  it('prints an array for a glob even when it matches one file: the shape follows the command line', async () => {
    const run = await runInProcess(['archive/2024/**/*.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    const documents = JSON.parse(run.stdout);
    expect(Array.isArray(documents)).toBe(true);
    expect(documents).toHaveLength(1);
  });

  it('prints an array for several file arguments, in argument order, each file once', async () => {
    const run = await runInProcess([GOOD[2]!, GOOD[0]!, GOOD[2]!], { cwd: dir });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ source: { path: string } }>).map((d) => d.source.path)).toEqual([GOOD[2], GOOD[0]]);
  });

  it("reads standard input for '-', with a null path", async () => {
    const run = await runInProcess(['-', '--year', '2021'], { cwd: dir, stdin: fixture('sample') });
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.source.path).toBeNull();
    expect(document.lead.date).toBe('2021-03-23');
    expect(document.lead.dateline.yearSource).toBe('option');
  });
});

describe('ndjson', () => {
  it('writes one compact document per line, in input order', async () => {
    const run = await runInProcess(['archive', '--format', 'ndjson'], { cwd: dir });
    const lines = run.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).source.path)).toEqual(GOOD);
  });

  it('writes one teaser record per line with --records teasers', async () => {
    const run = await runInProcess(['archive/2021/03/sample.txt', '--format', 'ndjson', '--records', 'teasers'], { cwd: dir });
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(records).toHaveLength(20);
    expect(records[1]).toMatchObject({ path: 'archive/2021/03/sample.txt', index: 1, teaser: { date: '2026-03-18', dateline: { place: 'Pyongyang' } } });
    for (const record of records) expect(checkRecord('teaser-record', record)).toEqual({ valid: true });
  });
});

describe('csv', () => {
  it('reads back with a CSV parser into rows that follow the row schema', async () => {
    const run = await runInProcess(['archive', '--format', 'csv'], { cwd: dir });
    // The header is the row schema's properties, in order.
    expect(run.stdout.startsWith(`${DISPATCH_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(DISPATCH_COLUMNS.slice(0, 4)).toEqual(['path', 'id', 'title', 'place']);
    const rows = parseCsv(run.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row['path'])).toEqual(GOOD);
    for (const row of rows) expect(checkRecord('dispatch-row', row)).toEqual({ valid: true });
    const sample = rows[1]!;
    expect(sample).toMatchObject({ place: 'Pyongyang', year: '2021', month: '3', day: '23', end_marker: 'true', paragraph_count: '7', teaser_count: '20' });
    // The text column keeps paragraphs apart with a blank line, quoted as RFC 4180 requires.
    expect(sample['text']!.split('\n\n')).toHaveLength(7);
  });

  it('writes one row per teaser with --records teasers', async () => {
    const run = await runInProcess(['archive/2021/03/sample.txt', '-f', 'csv', '--records', 'teasers'], { cwd: dir });
    const rows = parseCsv(run.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatchObject({ index: '0', date: '2026-03-18', place: '' });
    expect(rows[1]).toMatchObject({ index: '1', place: 'Pyongyang', month: '3', day: '18' });
    for (const row of rows) expect(checkRecord('teaser-row', row)).toEqual({ valid: true });
  });

  it('adds a byte order mark with --bom and escapes formula-looking cells with --excel-safe', async () => {
    const run = await runInProcess(['-', '-f', 'csv', '--bom', '--excel-safe'], {
      cwd: dir,
      stdin: '=HYPERLINK("x")\nPyongyang, March 23 (KCNA) -- +1 is a formula too. -0-\n',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('\ufeffpath,')).toBe(true);
    const rows = parseCsv(run.stdout, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows[0]!['title']).toBe('\'=HYPERLINK("x")');
    expect(rows[0]!['text']).toBe("'+1 is a formula too.");
  });

  it('leaves formula-looking cells alone without --excel-safe', async () => {
    const run = await runInProcess(['-', '-f', 'csv'], { cwd: dir, stdin: '=SUM(A1)\nPyongyang, March 23 (KCNA) -- Text. -0-\n' });
    const rows = parseCsv(run.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]!['title']).toBe('=SUM(A1)');
  });
});

describe('format choice', () => {
  it.each([
    ['out.ndjson', 'ndjson'],
    ['out.jsonl', 'ndjson'],
    ['out.csv', 'csv'],
    ['out.json', 'json'],
  ])('infers the format from -o %s', async (name, format) => {
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', name], { cwd: dir });
    expect(run.status).toBe(0);
    const text = readFileSync(path.join(dir, name), 'utf8');
    if (format === 'csv') expect(text.startsWith('path,id,')).toBe(true);
    else if (format === 'ndjson') expect(text.split('\n')).toHaveLength(2);
    else expect(text.startsWith('{\n  "schemaVersion"')).toBe(true);
  });

  it('lets --format win over the extension', async () => {
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', 'out.json', '--format', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, 'out.json'), 'utf8').split('\n')).toHaveLength(2);
  });

  it('writes ninjs items, an array for a directory', async () => {
    const run = await runInProcess(['archive/2021', '--format', 'ninjs'], { cwd: dir });
    expect(run.status).toBe(0);
    const items = JSON.parse(run.stdout) as Array<{ uri: string; associations?: unknown[] }>;
    expect(items).toHaveLength(2);
    expect(items[1]!.uri).toBe('urn:kcna-parse:dispatch:6dd0720fb7e1ed25ad83f64257d235d0');
    expect(items[1]!.associations).toHaveLength(20);
  });
});
