/**
 * The report's JSON as a first-class output (issue 20, point 14): `kcna-parse schema report` prints
 * its schema byte for byte, and `kcna-parse validate` recognises a report by its shape and checks
 * it against that schema, from a file, a folder or standard input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { runInProcess } from './in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-report-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let report = '';

beforeAll(async () => {
  const made = await runInProcess(['report', path.join(ROOT, 'examples/archive'), '-f', 'json', '-q'], { cwd: dir });
  expect(made.status).toBe(0);
  report = made.stdout;
  writeFileSync(path.join(dir, 'report.json'), report);
});

describe('schema report', () => {
  it('prints schemas/report.schema.json byte for byte', async () => {
    const run = await runInProcess(['schema', 'report'], { cwd: dir });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdoutBytes.equals(readFileSync(path.join(ROOT, 'schemas/report.schema.json')))).toBe(true);
  });

  it.each([
    ['dispatch', 'dispatch.schema.json'],
    ['teaser-record', 'teaser-record.schema.json'],
    ['dispatch-row', 'dispatch-row.schema.json'],
    ['teaser-row', 'teaser-row.schema.json'],
  ])('prints the %s schema by name', async (name, file) => {
    const run = await runInProcess(['schema', name], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdoutBytes.equals(readFileSync(path.join(ROOT, 'schemas', file)))).toBe(true);
  });

  it('refuses an unknown name as a usage error, naming the schemas', async () => {
    const run = await runInProcess(['schema', 'reports'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown schema 'reports'");
    expect(run.stderr).toContain('report');
  });
});

describe('validate, given a report', () => {
  it('checks a report file against the report schema', async () => {
    const run = await runInProcess(['validate', 'report.json'], { cwd: dir });
    expect(run.stderr).toBe('validated 1 record in 1 file: 0 invalid\n');
    expect(run.status).toBe(0);
  });

  it('checks a report read from standard input, and one found by a folder walk', async () => {
    const piped = await runInProcess(['validate', '-', '-f', 'json'], { cwd: dir, stdin: report });
    expect(piped.status).toBe(0);
    const walked = await runInProcess(['validate', '.'], { cwd: dir });
    expect(walked.status).toBe(0);
    expect(walked.stderr).toContain('validated 1 record in 1 file: 0 invalid');
  });

  it('reports what is wrong with a tampered report, by JSON Pointer', async () => {
    const tampered = JSON.parse(report) as Record<string, unknown> & { inputs: { failed: number }; coverage: { days: unknown[] } };
    tampered.inputs.failed = -1;
    tampered.coverage.days = [{ date: '2021-02-30', count: 1 }];
    tampered['extra'] = true;
    writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered, null, 2));
    const run = await runInProcess(['validate', 'tampered.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tampered.json:1: error INVALID_RECORD archive report: / must NOT have additional properties');
    expect(run.stderr).toContain('tampered.json:1: error INVALID_RECORD archive report: /inputs/failed must be >= 0');
    expect(run.stderr).toContain('/coverage/days/0/date must match format "date"');
    expect(run.stderr).toContain('validated 1 record in 1 file: 1 invalid');
  });

  it('still checks dispatches as dispatches beside it', async () => {
    const converted = await runInProcess([path.join(ROOT, 'examples/archive/2021/03'), '-f', 'json', '-q'], { cwd: dir });
    writeFileSync(path.join(dir, 'dispatches.json'), converted.stdout);
    const run = await runInProcess(['validate', 'dispatches.json', 'report.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('validated 6 records in 2 files: 0 invalid');
  });
});
