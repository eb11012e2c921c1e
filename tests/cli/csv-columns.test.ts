/**
 * The CSV a researcher groups by (schema 2.0.0): where the year came from, the page layout, the
 * language, the agency, the capture date and the file's SHA-256 on each dispatch row, and the title
 * on each teaser row, after the columns of 1.x; read back by Python's csv module.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { DISPATCH_COLUMNS, TEASER_COLUMNS } from '../../src/schema/validate.js';
import { copyFixture, makeWorkspace, ROOT } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

/** The rows of a CSV file as Python's csv.DictReader reads them. */
function pythonRows(file: string): Array<Record<string, string>> {
  const script = 'import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as Array<Record<string, string>>;
}

describe('the CSV columns added in 2.0.0', () => {
  it('come after the columns of 1.x, in order', () => {
    expect(DISPATCH_COLUMNS.slice(-6)).toEqual(['year_source', 'layout', 'language', 'agency', 'captured_on', 'sha256']);
    expect(DISPATCH_COLUMNS.indexOf('captured_at')).toBe(DISPATCH_COLUMNS.length - 7);
    expect(TEASER_COLUMNS.at(-1)).toBe('title');
  });

  it('hold the year source, layout, language, agency, capture date and SHA-256 of each dispatch', async () => {
    copyFixture(dir, 'sample', '2021/03/sample.txt');
    copyFixture(dir, 'layout-kcnawatch-2024', 'watch.txt');
    const korean = path.join(ROOT, 'fixtures', 'html-kcna-kp-article-korean', 'input.html');
    const run = await runInProcess(['2021', 'watch.txt', korean, '-o', 'out.csv', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const json = (await runInProcess(['2021', 'watch.txt', korean, '-f', 'ndjson', '-q'], { cwd: dir })).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { source: { sha256: string }; page: { layout: string; capturedOn: string | null }; lead: { language: string; dateline: { agency: string; yearSource: string | null } | null } });
    const rows = pythonRows(path.join(dir, 'out.csv'));
    expect(rows.map((row) => [row['year_source'], row['layout'], row['language'], row['agency'], row['captured_on'], row['sha256']])).toEqual(
      json.map((d) => [d.lead.dateline?.yearSource ?? '', d.page.layout, d.lead.language, d.lead.dateline?.agency ?? '', d.page.capturedOn ?? '', d.source.sha256]),
    );
    // The values that matter: a year from the folders, a kcnawatch capture date, a Korean page.
    expect(rows[0]).toMatchObject({ year_source: 'path', layout: 'plain', language: 'en', agency: 'KCNA' });
    expect(rows.some((row) => row['captured_on'] !== '')).toBe(true);
    expect(rows.some((row) => row['language'] === 'ko')).toBe(true);
  });

  it('give each teaser row its title where the list has one', async () => {
    copyFixture(dir, 'layout-kcnawatch-2024', 'watch.txt');
    const run = await runInProcess(['watch.txt', '-f', 'csv', '--records', 'teasers', '-o', 'teasers.csv', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const teasers = (JSON.parse((await runInProcess(['watch.txt', '-q'], { cwd: dir })).stdout) as { teasers: Array<{ title: string | null }> }).teasers;
    expect(teasers.some((teaser) => teaser.title !== null)).toBe(true);
    expect(pythonRows(path.join(dir, 'teasers.csv')).map((row) => row['title'])).toEqual(teasers.map((teaser) => teaser.title ?? ''));
  });
});
