/**
 * --jobs: rendering on worker threads gives the same bytes, in the same order, as one thread; so
 * does the default (auto), which starts workers once a batch is long enough.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_THREADS_AFTER, autoThreads } from '../../src/cli/convert.js';
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
    expect(run.stderr).toContain("invalid value '0' for --jobs\n");
    const word = await runInProcess(['many', '--jobs', 'some'], { cwd: dir });
    expect(word.status).toBe(2);
    expect(word.stderr).toContain("hint: --jobs takes 'auto' or a whole number of worker threads from 1 to 64");
  });
});

/** Everything below a folder, as relative path → bytes. */
function tree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.set(child, readFileSync(path.join(root, child), 'latin1'));
    }
  };
  walk('');
  return files;
}

describe('--jobs auto (the default)', () => {
  it('starts a worker per core after the threshold on a machine with a core to spare, and none on a busy or 1-core one', () => {
    const idle = autoThreads({}, 2, () => 0.3);
    expect(idle.afterInputs).toBe(AUTO_THREADS_AFTER);
    expect(idle.workers()).toBe(2);
    expect(autoThreads({}, 8, () => 1).workers()).toBe(4);
    expect(autoThreads({}, 2, () => 1.5).workers()).toBe(0);
    expect(autoThreads({}, 2, () => 8.6).workers()).toBe(0);
    expect(autoThreads({}, 1, () => 0).workers()).toBe(0);
    // The load is asked when the threshold is reached, not before.
    let asked = 0;
    const later = autoThreads({}, 4, () => ++asked);
    expect(asked).toBe(0);
    expect(later.workers()).toBe(4);
    // The variable for tests: its threshold, and a worker even on a busy or 1-core machine.
    const forced = autoThreads({ KCNA_PARSE_TEST_AUTO_THREADS_AFTER: '5' }, 1, () => 9);
    expect(forced.afterInputs).toBe(5);
    expect(forced.workers()).toBe(1);
    // ... and its workers get the rest at once, so that this test sees them convert.
    expect(forced.handOverAtOnce).toBe(true);
    expect(idle.handOverAtOnce).toBeUndefined();
  });

  // The threshold is lowered for the test (an internal variable, for tests only), so that this
  // batch of about 70 inputs starts its workers after 5 of them, in the middle of a folder.
  const AUTO = { KCNA_PARSE_TEST_AUTO_THREADS_AFTER: '5' };

  it.each([
    [['-f', 'ndjson']],
    [['-f', 'json']],
    [['-f', 'csv']],
    [['-f', 'csv', '--records', 'teasers']],
    [['-f', 'json', '--records', 'teasers']],
    [['-f', 'ndjson', '--records', 'teasers', '--dedupe']],
    [['-f', 'ndjson', '--dedupe']],
    [['-f', 'ninjs']],
  ])('writes the same output and diagnostics as one thread (%j)', async (args) => {
    const one = await runInProcess(['many', 'archive/2021/03/sample.txt', '-', ...args, '--jobs', '1'], { cwd: dir, stdin: fixture('crlf') });
    const auto = await runInProcess(['many', 'archive/2021/03/sample.txt', '-', ...args], { cwd: dir, stdin: fixture('crlf'), env: AUTO });
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(auto.status).toBe(one.status);
    expect(auto.stdout).toBe(one.stdout);
    expect(auto.stderr).toBe(one.stderr);
  });

  it('writes the same files with --out-dir as one thread', async () => {
    const one = await runInProcess(['many', '--out-dir', 'out-one', '-f', 'json', '--jobs', '1'], { cwd: dir });
    const auto = await runInProcess(['many', '--out-dir', 'out-auto', '-f', 'json'], { cwd: dir, env: AUTO });
    expect(auto.status).toBe(one.status);
    expect(auto.stderr.replaceAll('out-auto', 'out-one')).toBe(one.stderr);
    const expected = tree(path.join(dir, 'out-one'));
    expect(expected.size).toBeGreaterThan(40);
    expect(tree(path.join(dir, 'out-auto'))).toEqual(expected);
  });
});
