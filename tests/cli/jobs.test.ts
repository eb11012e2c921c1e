/** --jobs: rendering on worker threads gives the same bytes, in the same order, as one thread. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures } from '../helpers/fixtures.js';
import { runInProcess } from '../helpers/in-process.js';
import { copyFixture, fixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeWorkspace());
  // Every fixture, good and broken, three times over: more files than one batch, in many folders.
  for (const round of [1, 2, 3]) for (const { name } of listFixtures()) copyFixture(dir, name, `many/${round}/${name}.txt`);
  mkdirSync(path.join(dir, 'many/2/folder.txt')); // a problem found while walking, in the middle
});
afterAll(() => cleanup());

describe('--jobs', () => {
  it.each([
    [['-f', 'ndjson']],
    [['-f', 'json']],
    [['-f', 'csv']],
    [['-f', 'csv', '--records', 'teasers']],
    [['-f', 'ndjson', '--records', 'teasers', '--dedupe']],
    [['-f', 'ninjs']],
  ])('writes the same output and diagnostics with 3 workers as with none (%j)', async (args) => {
    const one = await runInProcess(['many', 'archive/2021/03/sample.txt', '-', ...args, '--jobs', '1'], { cwd: dir, stdin: fixture('crlf') });
    const three = await runInProcess(['many', 'archive/2021/03/sample.txt', '-', ...args, '--jobs', '3'], { cwd: dir, stdin: fixture('crlf') });
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(three.status).toBe(one.status);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
    expect(one.stderr).toContain('many/2/folder.txt: error READ_ERROR is a directory, not a file');
  });

  it('refuses a number of jobs out of range', async () => {
    const run = await runInProcess(['many', '--jobs', '0'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("option '--jobs <n>' argument '0' is invalid");
  });
});
