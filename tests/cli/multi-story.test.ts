/**
 * A page that holds several dispatches (a kcna.co.jp daily page, a listing) gives one record per
 * dispatch in every format, in file order: JSON prints an array for such a single file, and an
 * object for a file of one dispatch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { copyFixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeWorkspace());
  copyFixture(dir, 'layout-kcna-co-jp-daily-1999', 'daily/1999-09-14.txt');
});
afterAll(() => cleanup());

const cli = (args: string[]) => runInProcess(args, { cwd: dir });
const DAILY = 'daily/1999-09-14.txt';

describe('a page holding several dispatches', () => {
  it('is a JSON array of its dispatches, in file order, when it is the single input', async () => {
    const run = await cli([DAILY]);
    expect(run.status).toBe(0);
    const documents = JSON.parse(run.stdout) as Array<{ source: { story: { index: number; count: number } } }>;
    expect(Array.isArray(documents)).toBe(true);
    expect(documents.length).toBeGreaterThan(1);
    expect(documents.map((document) => document.source.story.index)).toEqual(documents.map((_document, i) => i + 1));
    expect(new Set(documents.map((document) => document.source.story.count))).toEqual(new Set([documents.length]));
  });

  it('while a single file of one dispatch stays one JSON object', async () => {
    const run = await cli(['archive/2021/03/sample.txt']);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(false);
  });

  it('is one NDJSON line and one CSV row per dispatch, with the story columns', async () => {
    const json = JSON.parse((await cli([DAILY])).stdout) as Array<{ id: string }>;
    const ndjson = (await cli([DAILY, '-f', 'ndjson'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string });
    expect(ndjson.map((document) => document.id)).toEqual(json.map((document) => document.id));
    const rows = parseCsv((await cli([DAILY, '-f', 'csv'])).stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(json.length);
    expect(rows.map((row) => `${row['story_index']}/${row['story_count']}`)).toEqual(json.map((_document, i) => `${i + 1}/${json.length}`));
  });

  it('with --out-dir is one file holding the array', async () => {
    const run = await cli([DAILY, '--out-dir', 'out']);
    expect(run.status).toBe(0);
    const written = JSON.parse(readFileSync(path.join(dir, 'out/1999-09-14.json'), 'utf8')) as unknown[];
    expect(written).toEqual(JSON.parse((await cli([DAILY])).stdout));
  });

  it('reports every dispatch id of the input in the --report row', async () => {
    await cli([DAILY, 'archive/2021/03/sample.txt', '-f', 'ndjson', '--report', 'r.json']);
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as { files: Array<{ path: string; id: string; ids: string[] }> };
    const daily = report.files.find((file) => file.path === DAILY)!;
    expect(daily.ids.length).toBeGreaterThan(1);
    expect(daily.id).toBe(daily.ids[0]);
  });
});
