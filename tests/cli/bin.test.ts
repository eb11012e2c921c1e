/**
 * The built binary (bin/kcna-parse.js → dist/cli.mjs), as users start it: the few runs that check
 * what only a real process has — the bundle loads, main() hands argv, the streams and the cwd to
 * run(), and the exit status reaches the shell. Everything else about the command line is tested
 * through run() in this process; signals, closed pipes and /dev/full have real-process tests of
 * their own (tests/reliability/faults.test.ts, tests/reliability/signals-long-batch.test.ts,
 * tests/cli/exit-and-diagnostics.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { ROOT, fixture, makeWorkspace, runCli } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

describe('the built binary', () => {
  it('gives the same status, output and diagnostics as run() in this process', async () => {
    const args = ['archive', '-', '-f', 'ndjson', '--year', '2021'];
    const binary = await runCli(args, { cwd: dir, stdin: fixture('sample') });
    const inProcess = await runInProcess(args, { cwd: dir, stdin: fixture('sample') });
    expect(binary.signal).toBeNull();
    expect(binary.status).toBe(1); // two inputs of the archive are not dispatches
    expect(binary.stdout.trim().split('\n')).toHaveLength(4);
    expect(binary.stderr).toContain('converted 4 of 6 files, 2 failed');
    expect({ status: binary.status, stdout: binary.stdout, stderr: binary.stderr }).toEqual({
      status: inProcess.status,
      stdout: inProcess.stdout,
      stderr: inProcess.stderr,
    });
  });

  it('prints the version of package.json with status 0, and ends a usage error with status 2', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'], { cwd: dir })).toEqual({ status: 0, signal: null, stdout: `${version}\n`, stderr: '' });
    const usage = await runCli(['archive', '--format', 'xml'], { cwd: dir });
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain("invalid value 'xml' for --format\nhint: --format takes json, ndjson, csv, ninjs, sqlite or parquet");
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
