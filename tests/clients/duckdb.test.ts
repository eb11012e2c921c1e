/**
 * kcna-parse's output read by DuckDB (@duckdb/node-api, a development dependency: its prebuilt
 * binary comes as an npm package), as a researcher reads it: `read_json_auto` over the NDJSON and
 * the JSON array, `read_parquet` over the Parquet files. Every figure is compared with the same
 * run's JSON read in JavaScript (no number is written down here), and the types DuckDB infers are
 * the ones a query needs: dates as DATE, counts as integers, paragraphs as a list of text.
 *
 * And the regression of issue 19: DuckDB refused every 1.2.0 document (`Duplicate name "dateLine"
 * in struct`: a teaser had both `dateline` and `dateLine`, names DuckDB does not tell apart).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, TeaserRecord } from '../../src/schema/types.js';
import { ROOT } from '../cli/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

let dir: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
/** The run's dispatches and teaser records, from its JSON output. */
let documents: Dispatch[];
let teasers: TeaserRecord[];

/** Every fixture (text, pages, web archives, broken inputs) and the examples. */
const INPUTS = [path.join(ROOT, 'fixtures'), path.join(ROOT, 'examples')];

async function convert(...args: string[]): Promise<void> {
  const run = await runInProcess([...INPUTS, '--quiet', ...args], { cwd: dir });
  // Some fixtures are broken on purpose: status 1, the others written.
  expect(run.status, run.stderr).toBe(1);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-duckdb-'));
  await convert('-o', 'dispatches.json');
  await convert('-o', 'dispatches.ndjson');
  await convert('-o', 'dispatches.parquet');
  await convert('-o', 'teasers.json', '--records', 'teasers');
  await convert('-o', 'teasers.parquet', '--records', 'teasers');
  documents = JSON.parse(readFileSync(path.join(dir, 'dispatches.json'), 'utf8')) as Dispatch[];
  teasers = JSON.parse(readFileSync(path.join(dir, 'teasers.json'), 'utf8')) as TeaserRecord[];
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  connection = await instance.connect();
}, 120_000);

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** The rows of a query, as JSON values (BIGINT comes back as a string). */
async function query(sql: string): Promise<Array<Record<string, unknown>>> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
}

const file = (name: string) => `'${path.join(dir, name).replace(/'/g, "''")}'`;

/** What the JSON says, computed here. */
function expected() {
  const years = documents.map((document) => document.lead.dateline?.year ?? null);
  return {
    n: documents.length,
    dated: documents.filter((document) => document.lead.date !== null).length,
    noYear: years.filter((year) => year === null).length,
    maxWords: Math.max(...documents.map((document) => document.lead.wordCount)),
    paragraphs: documents.reduce((sum, document) => sum + document.lead.paragraphs.length, 0),
    warnings: documents.reduce((sum, document) => sum + document.warnings.length, 0),
  };
}

describe('DuckDB reads the output as it is', () => {
  it('has something to read: dated and undated dispatches, warnings, teasers', () => {
    const e = expected();
    expect(e.n).toBeGreaterThan(100);
    expect(e.dated).toBeGreaterThan(0);
    expect(e.noYear).toBeGreaterThan(0);
    expect(e.warnings).toBeGreaterThan(0);
    expect(teasers.length).toBeGreaterThan(100);
  });

  it.each(['dispatches.ndjson', 'dispatches.json'])('read_json_auto(%s): the counts, nulls and maximum of the JSON, with DATE, BIGINT and VARCHAR[] types', async (name) => {
    const [row] = await query(
      `SELECT count(*) AS n, count(lead.date) AS dated, count(*) FILTER (WHERE lead.dateline.year IS NULL) AS no_year, max(lead.wordCount) AS max_words,
              sum(len(lead.paragraphs)) AS paragraphs, sum(len(warnings)) AS warnings,
              typeof(max(lead.wordCount)) AS words_type, typeof(any_value(lead.date)) AS date_type, typeof(any_value(lead.paragraphs)) AS paragraphs_type
       FROM read_json_auto(${file(name)})`,
    );
    const e = expected();
    expect(row).toEqual({
      n: String(e.n),
      dated: String(e.dated),
      no_year: String(e.noYear),
      max_words: String(e.maxWords),
      paragraphs: String(e.paragraphs),
      warnings: String(e.warnings),
      words_type: 'BIGINT',
      date_type: 'DATE',
      paragraphs_type: 'VARCHAR[]',
    });
  });

  it('read_parquet(dispatches.parquet): the same figures, with DATE, INTEGER, BOOLEAN, VARCHAR[] and a list of structs', async () => {
    const [row] = await query(
      `SELECT count(*) AS n, count(date) AS dated, count(*) FILTER (WHERE year IS NULL) AS no_year, max(word_count) AS max_words,
              sum(len(paragraphs)) AS paragraphs, sum(len(warnings)) AS warnings, sum(paragraph_count) AS paragraph_count,
              typeof(max(word_count)) AS words_type, typeof(any_value(date)) AS date_type, typeof(any_value(paragraphs)) AS paragraphs_type,
              typeof(any_value(end_marker)) AS flag_type, typeof(any_value(bytes)) AS bytes_type, typeof(any_value(warnings)) AS warnings_type
       FROM read_parquet(${file('dispatches.parquet')})`,
    );
    const e = expected();
    expect(row).toEqual({
      n: String(e.n),
      dated: String(e.dated),
      no_year: String(e.noYear),
      max_words: e.maxWords,
      paragraphs: String(e.paragraphs),
      warnings: String(e.warnings),
      paragraph_count: String(e.paragraphs),
      words_type: 'INTEGER',
      date_type: 'DATE',
      paragraphs_type: 'VARCHAR[]',
      flag_type: 'BOOLEAN',
      bytes_type: 'BIGINT',
      warnings_type: 'STRUCT(code VARCHAR, line INTEGER, message VARCHAR, "text" VARCHAR, byte_offset BIGINT, count INTEGER)[]',
    });
  });

  it('read_parquet(dispatches.parquet): every row holds the values of its JSON document, in order', async () => {
    const rows = await query(`SELECT id, path, date::VARCHAR AS date, year, title, paragraphs, [w.code FOR w IN warnings] AS codes, end_marker, captured_at FROM read_parquet(${file('dispatches.parquet')})`);
    expect(rows).toEqual(
      documents.map((document) => ({
        id: document.id,
        path: document.source.path,
        date: document.lead.date,
        year: document.lead.dateline?.year ?? null,
        title: document.lead.title,
        paragraphs: document.lead.paragraphs,
        codes: document.warnings.map((warning) => warning.code),
        end_marker: document.lead.endMarker,
        captured_at: document.source.archive?.capturedAt ?? null,
      })),
    );
  });

  it('read_parquet(teasers.parquet): one row per teaser record, dates as DATE', async () => {
    const [row] = await query(`SELECT count(*) AS n, count(title) AS titled, min(date)::VARCHAR AS first, typeof(any_value(date)) AS date_type FROM read_parquet(${file('teasers.parquet')})`);
    const dates = teasers.map((record) => record.teaser.date).sort();
    expect(row).toEqual({ n: String(teasers.length), titled: String(teasers.filter((record) => record.teaser.title !== null).length), first: dates[0], date_type: 'DATE' });
    const rows = await query(`SELECT dispatch_id, position, text FROM read_parquet(${file('teasers.parquet')})`);
    expect(rows).toEqual(teasers.map((record) => ({ dispatch_id: record.dispatchId, position: record.index, text: record.teaser.text })));
  });
});

describe('regression: DuckDB could not read 1.x output (issue 19)', () => {
  /** A document of this run with a teaser, as 1.2.0 wrote it: `dateLine` for `dateLineNumber`. */
  function asVersion120(): string {
    const document = documents.find((candidate) => candidate.teasers.length > 0)!;
    return JSON.stringify(document).replace(/"dateLineNumber":/g, '"dateLine":').replace('"schemaVersion":"2.0.0"', '"schemaVersion":"1.2.0"');
  }

  it('a 1.2.0 record, with dateline and dateLine side by side, fails: Duplicate name in struct', async () => {
    const old = path.join(dir, 'old.ndjson');
    writeFileSync(old, `${asVersion120()}\n`);
    await expect(query(`SELECT count(*) FROM read_json_auto(${file('old.ndjson')})`)).rejects.toThrow(/Duplicate name "dateLine"/);
  });

  it("today's record, the same one, is read", async () => {
    const document = documents.find((candidate) => candidate.teasers.length > 0)!;
    writeFileSync(path.join(dir, 'new.ndjson'), `${JSON.stringify(document)}\n`);
    const rows = await query(`SELECT id, len(teasers) AS teasers, teasers[1].dateLineNumber AS line FROM read_json_auto(${file('new.ndjson')})`);
    expect(rows).toEqual([{ id: document.id, teasers: String(document.teasers.length), line: String(document.teasers[0]!.dateLineNumber) }]);
  });
});
