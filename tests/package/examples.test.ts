/**
 * Runs each script in examples/ over the fixture corpus, as a user would, and checks its output
 * against what the library itself makes of the same files.
 *
 * The scripts import 'kcna-parse' by name. Run from inside this repository that is a self-reference
 * (package.json has "name" and "exports"), so they exercise the built dist/ through the published
 * entry point, exactly as an installed copy would. Needs dist/ built (`npm test` builds first).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiles, toNinjs, type FileResult, type FileSuccess } from '../../src/index.js';
import { ROOT, run, scratchDir } from './helpers.js';

const example = (name: string, args: string[]) => run(process.execPath, [path.join(ROOT, 'examples', name), ...args], { cwd: ROOT });

/** The corpus every example is run over, and what the library makes of it. */
const CORPUS = 'fixtures';
let results: FileResult[];
let documents: FileSuccess[];

beforeAll(async () => {
  results = [];
  for await (const result of parseFiles([CORPUS], { cwd: ROOT })) results.push(result);
  documents = results.filter((result): result is FileSuccess => result.ok);
  // The corpus must exercise both paths of every example.
  expect(documents.length).toBeGreaterThan(10);
  expect(documents.length).toBeLessThan(results.length);
});

/** One line per input that is not a dispatch, as the examples print them on standard error. */
const failureLines = () => results.flatMap((result) => (result.ok ? [] : [`${result.display}: ${result.error.code}: ${result.error.message}`]));

/** Documents by id, the files of each in input order. */
function byId(): Map<string, FileSuccess[]> {
  const groups = new Map<string, FileSuccess[]>();
  for (const result of documents) groups.set(result.document.id, [...(groups.get(result.document.id) ?? []), result]);
  return groups;
}

describe('examples/dedupe-report.mjs', () => {
  it('lists each id found in several files, with its files in input order', async () => {
    const result = await example('dedupe-report.mjs', [CORPUS]);
    expect(result.status).toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toEqual(failureLines());

    const lines = result.stdout.trimEnd().split('\n');
    const summary = lines.pop();
    const reported: Array<{ id: string; count: number; files: string[] }> = [];
    for (const line of lines) {
      const head = /^([0-9a-f]{32}) {2}(\d+) files {2}\S/.exec(line);
      if (head) reported.push({ id: head[1]!, count: Number(head[2]), files: [] });
      else reported.at(-1)!.files.push(line.replace(/^ {2}/, ''));
    }

    const groups = byId();
    const duplicated = [...groups].filter(([, group]) => group.length > 1);
    expect(reported).toEqual(duplicated.map(([id, group]) => ({ id, count: group.length, files: group.map((r) => r.input.display) })));
    expect(reported).toContainEqual({ id: '54f8aab1c00020bb3ee0093c3150c085', count: 2, files: ['fixtures/mirror-a/input.txt', 'fixtures/mirror-b/input.txt'] });
    const failed = results.length - documents.length;
    expect(summary).toBe(`${documents.length} dispatches, ${groups.size} distinct ids, ${documents.length - groups.size} duplicates, ${failed} inputs not converted`);
  });

  it('says how to run it when given no input', async () => {
    const result = await example('dedupe-report.mjs', []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node examples/dedupe-report.mjs');
  });
});

describe('examples/ninjs-export.mjs', () => {
  // IPTC's official schema as the project ships it (byte for byte the vendored original).
  const vendor = path.join(ROOT, 'schemas/ninjs');
  const readJson = (file: string) => JSON.parse(readFileSync(path.join(vendor, file), 'utf8')) as object;
  // strictRequired is off because the official schema's oneOf branches name properties declared
  // beside them, not inside them.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajvFormats.default(ajv);
  ajv.addSchema(readJson('GeoJSON-schema.json'));
  const validateNinjs = ajv.compile(readJson('ninjs-schema_3.1.json'));

  it('writes one valid ninjs item per dispatch, in input order, and fails for the rest', async () => {
    const result = await example('ninjs-export.mjs', [CORPUS]);
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual(failureLines());
    const items = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(items).toEqual(documents.map((r) => toNinjs(r.document)));
    for (const item of items) expect(validateNinjs(item), ajv.errorsText(validateNinjs.errors)).toBe(true);
  });

  it('passes --year on and exits 0 when every input converts', async () => {
    const result = await example('ninjs-export.mjs', ['--year', '2021', 'fixtures/sample/input.txt']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const [sample] = await collect(['fixtures/sample/input.txt'], 2021);
    expect(JSON.parse(result.stdout)).toEqual(toNinjs(sample!.document));
    expect(result.stdout).toContain('2021-03-23');
  });
});

async function collect(patterns: string[], year: number): Promise<FileSuccess[]> {
  const out: FileSuccess[] = [];
  for await (const result of parseFiles(patterns, { cwd: ROOT, year })) if (result.ok) out.push(result);
  return out;
}

/** The part of sql.js this test uses (the package ships no types). */
interface SqlJsStatement {
  bind(params: unknown[]): boolean;
  step(): boolean;
  getAsObject(): Record<string, unknown>;
  free(): void;
}
interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement;
  close(): void;
}
type InitSqlJs = () => Promise<{ Database: new (data?: Uint8Array) => SqlJsDatabase }>;

/** Every row of a query, as objects. */
function all(db: SqlJsDatabase, sql: string, params: unknown[] = []): Array<Record<string, unknown>> {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const rows: Array<Record<string, unknown>> = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

describe('examples/sqlite-load.mjs', () => {
  const scratch = scratchDir('kcna-parse-sqlite-');
  afterAll(() => scratch.cleanup());

  it('loads each distinct dispatch and its teasers once, and again loads nothing', async () => {
    const file = path.join(scratch.dir, 'corpus.db');
    const first = await example('sqlite-load.mjs', [file, CORPUS]);
    expect(first.stderr.trimEnd().split('\n')).toEqual(failureLines());
    expect(first.status).toBe(0);

    // The first file of each id is the one loaded.
    const loaded = [...byId().values()].map((group) => group[0]!.document);
    const teasers = loaded.reduce((sum, document) => sum + document.teasers.length, 0);
    const failed = results.length - documents.length;
    expect(first.stdout).toBe(
      `loaded ${loaded.length} dispatches and ${teasers} teasers into ${file}; ${documents.length - loaded.length} already loaded, ${failed} inputs not converted\n`,
    );
    // Written atomically: nothing but the database is left in the folder.
    expect(readdirSync(scratch.dir)).toEqual(['corpus.db']);

    const initSqlJs = createRequire(path.join(ROOT, 'package.json'))('sql.js') as InitSqlJs;
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(file));
    try {
      const rows = all(db, 'SELECT id, path, title, place, month, day, date, body, word_count, warnings, document FROM dispatches ORDER BY rowid');
      expect(rows).toEqual(
        loaded.map((document) => ({
          id: document.id,
          path: document.source.path,
          title: document.lead.title,
          place: document.lead.dateline?.place ?? null,
          month: document.lead.dateline?.month ?? null,
          day: document.lead.dateline?.day ?? null,
          date: document.lead.date,
          body: document.lead.paragraphs.join('\n'),
          word_count: document.lead.wordCount,
          warnings: document.warnings.length,
          document: JSON.stringify(document),
        })),
      );
      // The sample's dispatch, as first loaded (a web archive among the fixtures holds it too).
      const sampleId = documents.find((result) => result.document.source.path === 'fixtures/sample/input.txt')!.document.id;
      const sample = loaded.find((document) => document.id === sampleId)!;
      expect(all(db, 'SELECT position, text, date FROM teasers WHERE dispatch_id = ? ORDER BY position', [sample.id])).toEqual(
        sample.teasers.map((teaser, index) => ({ position: index + 1, text: teaser.text, date: teaser.date })),
      );
      expect(all(db, 'SELECT count(*) AS n FROM teasers')).toEqual([{ n: teasers }]);
    } finally {
      db.close();
    }

    const again = await example('sqlite-load.mjs', [file, CORPUS]);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`loaded 0 dispatches and 0 teasers into ${file}; ${documents.length} already loaded, ${failed} inputs not converted\n`);
  });

  it('writes a database the sqlite3 program reads', async ({ skip }) => {
    const sqlite3 = await run('sqlite3', ['-version'], { cwd: ROOT }).catch(() => null);
    if (sqlite3 === null || sqlite3.status !== 0) {
      if (process.env['CI']) throw new Error('sqlite3 is not installed (.ci/run installs it)');
      return skip('the sqlite3 program is not installed');
    }
    const file = path.join(scratch.dir, 'archive.db');
    expect((await example('sqlite-load.mjs', [file, 'examples/archive'])).status).toBe(0);
    const check = await run('sqlite3', [file, 'PRAGMA integrity_check; SELECT count(*) FROM dispatches; SELECT count(DISTINCT dispatch_id) FROM teasers;'], { cwd: ROOT });
    expect(check.stdout.split('\n')).toEqual(['ok', '10', '10', '']);
  });
});
