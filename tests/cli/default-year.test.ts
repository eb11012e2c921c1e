/**
 * --default-year dates only the dispatches nothing else dates (recorded as 'default-year'); --year
 * dates them all, over every other source. Given both, the second would do nothing: refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { copyFixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeWorkspace());
  copyFixture(dir, 'sample', 'undated.txt');
  copyFixture(dir, 'end-marker-stamp-same-line', 'stamped.txt');
});
afterEach(() => cleanup());

type Doc = { source: { path: string }; lead: { date: string | null; dateline: { year: number | null; yearSource: string | null } } };
const years = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Doc)
    .map((d) => [d.source.path, d.lead.dateline.year, d.lead.dateline.yearSource]);

describe('--default-year', () => {
  it('dates what nothing else dates, and leaves the other sources their year', async () => {
    const run = await runInProcess(['undated.txt', 'stamped.txt', '-f', 'ndjson', '-q', '--default-year', '2019'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const stamped = years((await runInProcess(['stamped.txt', '-f', 'ndjson', '-q'], { cwd: dir })).stdout)[0]!;
    expect(stamped[1]).not.toBeNull();
    expect(years(run.stdout)).toEqual([['undated.txt', 2019, 'default-year'], stamped]);
  });

  it('is overridden by nothing when --year is given instead: --year dates every dispatch', async () => {
    const run = await runInProcess(['undated.txt', 'stamped.txt', '-f', 'ndjson', '--warnings', 'none', '--year', '2019'], { cwd: dir });
    expect(years(run.stdout).map(([, year, source]) => [year, source])).toEqual([
      [2019, 'option'],
      [2019, 'option'],
    ]);
  });

  it('refuses --year with --default-year, saying which to use when', async () => {
    const run = await runInProcess(['undated.txt', '--year', '2019', '--default-year', '2019'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kcna-parse: error: --year and --default-year cannot be used together: --year already dates every dispatch (use --default-year to date only those nothing else dates)');
  });

  it('takes only a four-digit year', async () => {
    const run = await runInProcess(['undated.txt', '--default-year', '21'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/invalid value '21' for --default-year: not a four-digit year/);
  });

  it('dates the report as it dates the conversion', async () => {
    const run = await runInProcess(['report', 'undated.txt', '-f', 'json', '--default-year', '2019'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { dispatches: { dated: number }; years: { bySource: { entries: Array<{ name: string; count: number }> } } };
    expect(report.dispatches.dated).toBe(1);
    expect(report.years.bySource.entries).toEqual([{ name: 'default-year', count: 1 }]);
  });
});
