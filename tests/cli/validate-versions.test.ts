/**
 * Archives of older output stay checkable: `validate` checks each record against the schema of
 * the version it states (schemaVersion), and a CSV file against the version whose columns its header
 * has, with the schemas of every earlier version published in schemas/<version>/. The outputs in
 * fixtures/versions/ are what each earlier version wrote (fixtures/versions/README.md).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { EARLIER_VERSIONS } from '../../src/validate/versions.js';
import { ROOT, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const VERSIONS = path.join(ROOT, 'fixtures', 'versions');

describe('validate checks each version against its own schemas', () => {
  it.each(EARLIER_VERSIONS)('accepts everything %s wrote: dispatches and teasers as NDJSON, JSON and CSV (and from 1.1.0 its report)', async (version) => {
    cpSync(path.join(VERSIONS, version), path.join(dir, version), { recursive: true });
    const run = await runInProcess(['validate', version], { cwd: dir });
    expect(run.stderr).toMatch(/^validated \d+ records in [56] files: 0 invalid\n$/);
    expect(run.status).toBe(0);
  });

  it('finds a 1.0.0 record that breaks the 1.0.0 schema, and says where', async () => {
    const [first] = readFileSync(path.join(VERSIONS, '1.0.0', 'dispatches.ndjson'), 'utf8').split('\n');
    const record = JSON.parse(first!) as { lead: { wordCount: number } };
    record.lead.wordCount = -1;
    writeFileSync(path.join(dir, 'old.ndjson'), `${JSON.stringify(record)}\n`);
    const run = await runInProcess(['validate', 'old.ndjson'], { cwd: dir });
    expect(run.stderr).toContain('old.ndjson:1: error INVALID_RECORD dispatch record: /lead/wordCount must be >= 0');
    expect(run.status).toBe(1);
  });

  it('checks a 1.0.0 record against 1.0.0, not against today: a field 1.0.0 did not have is one too many', async () => {
    const [first] = readFileSync(path.join(VERSIONS, '1.0.0', 'dispatches.ndjson'), 'utf8').split('\n');
    const record = JSON.parse(first!) as { source: Record<string, unknown> };
    record.source['format'] = 'text';
    writeFileSync(path.join(dir, 'mixed.ndjson'), `${JSON.stringify(record)}\n`);
    const run = await runInProcess(['validate', 'mixed.ndjson'], { cwd: dir });
    expect(run.stderr).toContain("mixed.ndjson:1: error INVALID_RECORD dispatch record: /source must NOT have additional properties: 'format'");
  });

  it('says which versions it knows when a record names another', async () => {
    const [first] = readFileSync(path.join(VERSIONS, '1.2.0', 'dispatches.ndjson'), 'utf8').split('\n');
    writeFileSync(path.join(dir, 'future.ndjson'), `${first!.replace('"schemaVersion":"1.2.0"', '"schemaVersion":"9.0.0"')}\n`);
    const run = await runInProcess(['validate', 'future.ndjson'], { cwd: dir });
    expect(run.stderr).toMatch(/future\.ndjson:1: error INVALID_RECORD dispatch record: \/schemaVersion names version "9\.0\.0", which kcna-parse \S+ does not know \(it checks 1\.0\.0, 1\.1\.0, 1\.2\.0, 2\.0\.0\)/);
    expect(run.status).toBe(1);
  });

  it('names the constant a record of this version must state', async () => {
    const out = await runInProcess(['fixtures/sample/input.txt', '-f', 'ndjson', '-q'], { cwd: ROOT });
    const record = JSON.parse(out.stdout) as Record<string, unknown>;
    delete record['schemaVersion'];
    writeFileSync(path.join(dir, 'no-version.ndjson'), `${JSON.stringify(record)}\n`);
    const run = await runInProcess(['validate', 'no-version.ndjson'], { cwd: dir });
    expect(run.stderr).toContain("no-version.ndjson:1: error INVALID_RECORD dispatch record: / must have required property 'schemaVersion'");
    record['schemaVersion'] = '2.0';
    writeFileSync(path.join(dir, 'bad-version.ndjson'), `${JSON.stringify(record)}\n`);
    const bad = await runInProcess(['validate', 'bad-version.ndjson'], { cwd: dir });
    expect(bad.stderr).toMatch(/bad-version\.ndjson:1: error INVALID_RECORD dispatch record: \/schemaVersion names version "2\.0", which kcna-parse/);
  });

  it('checks a CSV by the version its header has, and a header of no version against today', async () => {
    cpSync(path.join(VERSIONS, '1.1.0', 'dispatches.csv'), path.join(dir, 'v110.csv'));
    expect((await runInProcess(['validate', 'v110.csv'], { cwd: dir })).status).toBe(0);
    // A 1.1.0 header with a column dropped is no version's: checked against today's, which names what is missing.
    const text = readFileSync(path.join(dir, 'v110.csv'), 'utf8').replace(/^path,/, '').replace(/\r\n(?!$)([^,]*),/g, '\r\n');
    writeFileSync(path.join(dir, 'odd.csv'), text);
    const odd = await runInProcess(['validate', 'odd.csv'], { cwd: dir });
    expect(odd.status).toBe(1);
    expect(odd.stderr).toMatch(/odd\.csv:2: error INVALID_RECORD dispatch-row record: \/ must have required property 'path'/);
  });
});
