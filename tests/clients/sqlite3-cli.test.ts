/**
 * `--format sqlite` read by the `sqlite3` program (Debian's), as a researcher queries it: the
 * questions of issue 19 (`year IS NULL`, `count(date)`, `max(word_count)`) get the answers the same
 * run's JSON gives, with real NULLs and INTEGER values, and the database passes SQLite's own
 * integrity and foreign-key checks. Missing sqlite3 is skipped with the reason printed, except
 * under CI (process.env.CI), where it is a failure: .ci/run installs it.
 *
 * The CSV's answers, wrong the same way for every client that imports CSV as text, are shown too:
 * why the README's SQLite section shows --format sqlite, not `.import --csv`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/schema/types.js';
import { ROOT } from '../cli/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

const present = spawnSync('sh', ['-c', 'command -v sqlite3'], { stdio: 'ignore' }).status === 0;

let dir: string;
let documents: Dispatch[];
const INPUTS = [path.join(ROOT, 'fixtures'), path.join(ROOT, 'examples')];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-sqlite3-'));
  for (const output of ['out.json', 'out.sqlite', 'out.csv']) {
    const run = await runInProcess([...INPUTS, '--quiet', '-o', output], { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
  }
  documents = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')) as Dispatch[];
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs sqlite3 with -json on a database; the rows. */
function sqlite3(database: string, ...commands: string[]): Array<Record<string, unknown>> {
  const result = spawnSync('sqlite3', ['-json', database, ...commands], { encoding: 'utf8', cwd: dir });
  if (result.status !== 0) throw new Error(`sqlite3 exited ${result.status}: ${result.stderr}`);
  return result.stdout.trim() === '' ? [] : (JSON.parse(result.stdout) as Array<Record<string, unknown>>);
}

describe('the sqlite3 program reads --format sqlite', () => {
  if (!present) {
    if (process.env['CI']) {
      it('sqlite3 is installed (required under CI)', () => {
        throw new Error('sqlite3 is not installed: .ci/run installs it');
      });
    } else {
      console.warn('skipping the sqlite3 client tests: sqlite3 is not installed');
      it.skip('sqlite3 is not installed', () => undefined);
    }
    return;
  }

  it('answers year IS NULL, count(date) and max(word_count) as the JSON does, with integers', () => {
    const [row] = sqlite3(
      'out.sqlite',
      'SELECT count(*) AS n, (SELECT count(*) FROM dispatches WHERE year IS NULL) AS no_year, count(date) AS dated, max(word_count) AS max_words, typeof(max(word_count)) AS words_type FROM dispatches',
    );
    expect(documents.length).toBeGreaterThan(100);
    expect(row).toEqual({
      n: documents.length,
      no_year: documents.filter((document) => (document.lead.dateline?.year ?? null) === null).length,
      dated: documents.filter((document) => document.lead.date !== null).length,
      max_words: Math.max(...documents.map((document) => document.lead.wordCount)),
      words_type: 'integer',
    });
  });

  it('holds every paragraph, teaser and warning, in order', () => {
    const [row] = sqlite3('out.sqlite', 'SELECT (SELECT count(*) FROM paragraphs) AS paragraphs, (SELECT count(*) FROM teasers) AS teasers, (SELECT count(*) FROM warnings) AS warnings');
    expect(row).toEqual({
      paragraphs: documents.reduce((sum, document) => sum + document.lead.paragraphs.length, 0),
      teasers: documents.reduce((sum, document) => sum + document.teasers.length, 0),
      warnings: documents.reduce((sum, document) => sum + document.warnings.length, 0),
    });
    const ids = sqlite3('out.sqlite', 'SELECT id FROM dispatches ORDER BY dispatch').map((found) => found['id']);
    expect(ids).toEqual(documents.map((document) => document.id));
  });

  it('passes PRAGMA integrity_check and foreign_key_check', () => {
    expect(sqlite3('out.sqlite', 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(sqlite3('out.sqlite', 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('has the indexes on date, year and content id', () => {
    const indexes = sqlite3('out.sqlite', "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name");
    expect(indexes).toEqual(expect.arrayContaining([
      { name: 'dispatches_date', tbl_name: 'dispatches' },
      { name: 'dispatches_year', tbl_name: 'dispatches' },
      { name: 'dispatches_id', tbl_name: 'dispatches' },
    ]));
    const plan = spawnSync('sqlite3', ['out.sqlite', "EXPLAIN QUERY PLAN SELECT * FROM dispatches WHERE date = '2021-03-23'"], { encoding: 'utf8', cwd: dir });
    expect(plan.stdout).toContain('USING INDEX dispatches_date');
  });

  it('while `.import --csv` of the CSV makes every column TEXT and every null an empty string (why the README shows --format sqlite)', () => {
    const [row] = sqlite3(':memory:', `.import --csv '${path.join(dir, 'out.csv').replace(/'/g, "''")}' t`, "SELECT count(*) FILTER (WHERE year IS NULL) AS no_year, count(date) AS dated, typeof(max(word_count)) AS words_type FROM t");
    expect(row).toEqual({ no_year: 0, dated: documents.length, words_type: 'text' });
  });
});
