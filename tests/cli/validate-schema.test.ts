/** `validate` on good and tampered outputs, and `schema`, end to end. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, makeWorkspace, runCli } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

async function convert(args: string[]): Promise<void> {
  const run = await runCli(['archive/2021', '--quiet', ...args], { cwd: dir });
  expect(run.status).toBe(0);
}

describe('validate', () => {
  it.each([
    [['-o', 'out.json'], 'out.json', 2],
    [['-o', 'out.ndjson'], 'out.ndjson', 2],
    [['-o', 'out.csv'], 'out.csv', 2],
    [['-o', 'teasers.ndjson', '--records', 'teasers'], 'teasers.ndjson', 23],
    [['-o', 'teasers.csv', '--records', 'teasers'], 'teasers.csv', 23],
    [['-o', 'teasers.json', '--records', 'teasers'], 'teasers.json', 23],
  ])('accepts what the converter wrote (%j)', async (args, file, records) => {
    await convert(args);
    const run = await runCli(['validate', file], { cwd: dir });
    expect(run.stderr).toBe(`validated ${records} records in 1 file: 0 invalid\n`);
    expect(run.status).toBe(0);
  });

  it('reports each invalid record of a tampered JSON array with its line and JSON pointer', async () => {
    await convert(['-o', 'out.json']);
    const file = path.join(dir, 'out.json');
    const documents = JSON.parse(readFileSync(file, 'utf8'));
    documents[1].lead.paragraphs = [];
    delete documents[1].id;
    writeFileSync(file, `${JSON.stringify(documents, null, 2)}\n`);
    const secondStart = readFileSync(file, 'utf8').split('\n').indexOf('  {', 2) + 1;
    const run = await runCli(['validate', 'out.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`out.json:${secondStart}: error INVALID_RECORD dispatch record: / must have required property 'id'\n`);
    expect(run.stderr).toContain(`out.json:${secondStart}: error INVALID_RECORD dispatch record: /lead/paragraphs must NOT have fewer than 1 items\n`);
    expect(run.stderr).toContain('validated 2 records in 1 file: 1 invalid\n');
  });

  it('reports a tampered NDJSON line and a tampered CSV row', async () => {
    await convert(['-o', 'out.ndjson']);
    await convert(['-o', 'out.csv']);
    const ndjson = path.join(dir, 'out.ndjson');
    writeFileSync(ndjson, readFileSync(ndjson, 'utf8').replace('"endMarker":true', '"endMarker":"yes"'));
    const csv = path.join(dir, 'out.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(',Pyongyang,2021,3,', ',Pyongyang,20x,3,'));
    const run = await runCli(['validate', 'out.ndjson', 'out.csv'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('out.ndjson:1: error INVALID_RECORD dispatch record: /lead/endMarker must be boolean\n');
    expect(run.stderr).toContain('out.csv:2: error INVALID_RECORD dispatch-row record: /year must match pattern "^([0-9]{4})?$"\n');
  });

  it('fails on a file that is not JSON, naming it', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{"schemaVersion": ');
    const run = await runCli(['validate', 'broken.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^broken\.json: error INVALID_RECORD not JSON: /m);
  });
});

describe('schema', () => {
  it.each([
    [[], 'dispatch.schema.json'],
    [['--records', 'teasers'], 'teaser-record.schema.json'],
    [['--format', 'csv'], 'dispatch-row.schema.json'],
    [['--format', 'csv', '--records', 'teasers'], 'teaser-row.schema.json'],
  ])('prints %j as schemas/%s byte for byte', async (args, file) => {
    const run = await runCli(['schema', ...args], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(path.join(ROOT, 'schemas', file), 'utf8'));
  });
});
