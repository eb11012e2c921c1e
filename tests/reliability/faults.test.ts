/**
 * Faults around a run: output that cannot be written (through `run()` in this process, except a
 * full disk, which needs a real standard output on /dev/full), and signals in the middle of a batch
 * (the built binary: a signal needs a process of its own). Each ends with a clear message (or
 * none, for a signal) and a non-zero status, never a stack trace, and never leaves a temporary or
 * half-written output file behind.
 * A closed pipe (status 141, nothing printed) is covered in tests/cli/exit-and-diagnostics.test.ts.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { BIN, makeWorkspace } from '../cli/helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const ENV = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
const isTemporary = (name: string) => name.endsWith('.tmp');

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ReturnType<typeof spawn>): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

describe('output errors', () => {
  it.skipIf(!existsSync('/dev/full'))('a full disk (> /dev/full): a clear message and status 1', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, 'archive', '-f', 'ndjson'], { cwd: dir, env: ENV, stdio: ['ignore', full, 'pipe'] });
      const run = await collect(child);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^kcna-parse: error: cannot write standard output: no space left on device \(ENOSPC\)$/m);
      expect(run.stderr).not.toContain('\n    at ');
    } finally {
      closeSync(full);
    }
  });

  it('-o into a folder that does not exist: a clear message, status 1, nothing created', async () => {
    const run = await runInProcess(['archive', '-o', 'missing/out.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`kcna-parse: error: cannot write ${path.join(dir, 'missing/out.json')}: no such directory (ENOENT)\n`);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('-o naming a directory: a clear message, status 1, the directory untouched and no temporary file', async () => {
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/keep.txt'), 'kept\n');
    const run = await runInProcess(['archive', '-o', 'out'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^kcna-parse: error: cannot write ${path.join(dir, 'out')}: is a directory \\(EISDIR\\)$`, 'm'));
    expect(run.stderr).not.toContain('\n    at ');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['keep.txt']);
    expect(readdirSync(dir).filter(isTemporary)).toEqual([]);
  });
});

describe('signals in the middle of a batch', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, no temporary file left, the previous -o file byte-identical', async (signal, expected) => {
    const previous = Buffer.from('{"previous":"output"}\n\u0000 and bytes that are not JSON \xff\n', 'latin1');
    const out = path.join(dir, 'out.ndjson');
    writeFileSync(out, previous);
    const before = statSync(out);

    // 'a.txt -' with standard input held open: after a.txt the run waits on standard input for as
    // long as the test likes, with its temporary output file open.
    const child = spawn(process.execPath, [BIN, 'archive/2021/03/sample.txt', '-', '-o', 'out.ndjson'], {
      cwd: dir,
      env: ENV,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = collect(child);
    let running = true;
    void exited.then(() => (running = false));
    let run: Exit;
    try {
      const deadline = Date.now() + 30_000;
      while (running && Date.now() < deadline && !readdirSync(dir).some(isTemporary)) await new Promise((resolve) => setTimeout(resolve, 10));
      // The run got as far as opening its temporary file (its signal handlers are in place), and waits.
      expect(running).toBe(true);
      expect(readdirSync(dir).filter(isTemporary)).toHaveLength(1);
      child.kill(signal);
      run = await exited;
    } finally {
      if (running) child.kill('SIGKILL');
      child.stdin?.destroy();
    }
    expect(run).toMatchObject({ status: expected, signal: null, stdout: '' });
    expect(run.stderr).not.toContain('\n    at ');
    expect(readdirSync(dir).sort()).toEqual(['archive', 'out.ndjson']);
    expect(readFileSync(out)).toEqual(previous);
    expect(statSync(out).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(out).ino).toBe(before.ino);
  });
});

describe('--out-dir and signals', () => {
  it('SIGTERM after the first input: its output is complete, and no temporary file is left', async () => {
    const child = spawn(process.execPath, [BIN, 'archive/2021/03/sample.txt', '-', '--out-dir', 'out'], { cwd: dir, env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = collect(child);
    let running = true;
    void exited.then(() => (running = false));
    const first = path.join(dir, 'out/sample.json');
    let run: Exit;
    try {
      const deadline = Date.now() + 30_000;
      while (running && Date.now() < deadline && !existsSync(first)) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(running).toBe(true); // the first output is in place and the run waits on standard input
      child.kill('SIGTERM');
      run = await exited;
    } finally {
      if (running) child.kill('SIGKILL');
      child.stdin?.destroy();
    }
    expect(run.status).toBe(143);
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['sample.json']);
    expect(JSON.parse(readFileSync(first, 'utf8'))).toMatchObject({ source: { path: 'archive/2021/03/sample.txt' } });
  });
});
