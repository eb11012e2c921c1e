/**
 * No command ever writes over one of its own inputs: one check (src/cli/output-safety.ts) shared by
 * convert's -o and --report and report's -o. Regression tests for the two input-overwrite defects
 * of the adversarial pass, each named after it, run in a real process so that standard input is a
 * real redirect from a file (`< a.txt`), as a shell makes it.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, fixture, makeWorkspace } from '../cli/helpers.js';

let dir: string;
let cleanup: () => void;
let dump: Buffer;
beforeEach(() => {
  ({ dir, cleanup } = makeWorkspace());
  dump = fixture('sample');
  writeFileSync(path.join(dir, 'a.txt'), dump);
});
afterEach(() => cleanup());

/** Runs the built CLI with standard input opened on `stdinFile` (a shell's `< file`), if given. */
function runWith(args: readonly string[], stdinFile?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const fd = stdinFile === undefined ? 'ignore' : openSync(path.join(dir, stdinFile), 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' }, stdio: [fd, 'pipe', 'pipe'] });
    if (typeof fd === 'number') closeSync(fd);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

const DESTROY = /is also an input of this run; writing it would destroy the input/;

describe('standard input redirected from a file is overwritten', () => {
  it.each([
    ['- -o a.txt', ['-', '-o', 'a.txt']],
    ['- -o /dev/stdin', ['-', '-o', '/dev/stdin']],
    ['- --report a.txt', ['-', '--report', 'a.txt', '-o', 'out.json']],
    ['report - -o a.txt', ['report', '-', '-o', 'a.txt']],
  ])('refuses %s < a.txt with status 2 and leaves the dump as it was', async (_name, args) => {
    const result = await runWith(args, 'a.txt');
    expect(result.stderr).toMatch(DESTROY);
    expect(result.status).toBe(2);
    expect(readFileSync(path.join(dir, 'a.txt'))).toEqual(dump);
  });

  it('still converts standard input redirected from a file to another output', async () => {
    const result = await runWith(['-', '-o', 'out.json'], 'a.txt');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).lead.dateline.place).toBe('Pyongyang');
  });
});

describe('report -o never checks its inputs', () => {
  it('refuses report a.txt -o a.txt', async () => {
    const result = await runWith(['report', 'a.txt', '-o', 'a.txt']);
    expect(result.stderr).toMatch(DESTROY);
    expect(result.status).toBe(2);
    expect(readFileSync(path.join(dir, 'a.txt'))).toEqual(dump);
  });

  it('refuses an output inside a folder it walks, existing or not', async () => {
    for (const output of ['archive/2021/03/sample.txt', 'archive/new.txt']) {
      const before = readFileSync(path.join(dir, 'archive/2021/03/sample.txt'));
      const result = await runWith(['report', 'archive', '-o', output]);
      expect(result.stderr, output).toMatch(output.endsWith('new.txt') ? /lies in the folder .* this run reads/u : DESTROY);
      expect(result.status).toBe(2);
      expect(readFileSync(path.join(dir, 'archive/2021/03/sample.txt'))).toEqual(before);
    }
  });

  it('refuses an output that is an input through a symbolic link', async () => {
    mkdirSync(path.join(dir, 'links'));
    symlinkSync(path.join(dir, 'a.txt'), path.join(dir, 'links/report.html'));
    const result = await runWith(['report', 'a.txt', '-o', 'links/report.html']);
    expect(result.stderr).toMatch(DESTROY);
    expect(result.status).toBe(2);
    expect(readFileSync(path.join(dir, 'a.txt'))).toEqual(dump);
  });

  it('writes a report beside its inputs when it replaces none of them and the walk would not read it', async () => {
    const result = await runWith(['report', 'archive', '--format', 'json', '-o', 'archive/report.json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'archive/report.json'), 'utf8'))).toMatchObject({ dispatches: expect.any(Object) });
  });

  it('refuses an HTML report inside the folder it walks, which the walk takes as a saved web page', async () => {
    const result = await runWith(['report', 'archive', '-o', 'archive/report.html']);
    expect(result.stderr).toMatch(/-o\/--output \S+archive\/report\.html lies in the folder \S+archive this run reads, and the walk takes files named like it: it would be read as an input; write it outside the folder/u);
    expect(result.status).toBe(2);
    expect(existsSync(path.join(dir, 'archive/report.html'))).toBe(false);
  });
});
