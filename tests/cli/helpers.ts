/**
 * Running the built CLI (dist/, via bin/kcna-parse.js) as users do: a child process with its own
 * working directory, NO_COLOR set, and standard input given or closed.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin/kcna-parse.js');

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  stdin?: string | Buffer;
  env?: Record<string, string>;
}

export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', KCNA_PARSE_TEST_ELAPSED: '0.12', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fixture's input bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(path.join(ROOT, 'fixtures', name, 'input.txt'));
}

/**
 * A scratch folder holding an archive tree built from fixtures:
 *   archive/2021/03/sample.txt, archive/2021/03/crlf.txt, archive/2024/02/stamp.txt,
 *   archive/broken/empty.txt, archive/broken/not-a-dispatch.txt
 */
export function makeWorkspace(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-cli-'));
  const put = (relative: string, bytes: Buffer | string) => putFile(dir, relative, bytes);
  put('archive/2021/03/sample.txt', fixture('sample'));
  put('archive/2021/03/crlf.txt', fixture('crlf'));
  put('archive/2024/02/stamp.txt', fixture('stamp-line'));
  put('archive/broken/empty.txt', fixture('empty'));
  put('archive/broken/not-a-dispatch.txt', fixture('not-a-dispatch'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `bytes` at `relative` below `dir`, making the folders on the way; the file's path. */
export function putFile(dir: string, relative: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

/**
 * A long batch in the workspace: `count` copies of the sample at long/<n>/<00000>.txt, 500 a
 * folder, for runs that must still be going when something happens to them.
 */
export function writeLongBatch(dir: string, count: number): void {
  const sample = fixture('sample');
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, 'long', String(Math.floor(i / 500)));
    if (i % 500 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${String(i).padStart(5, '0')}.txt`), sample);
  }
}

/** Copies a fixture into the workspace at `relative`. */
export function copyFixture(dir: string, name: string, relative: string): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  cpSync(path.join(ROOT, 'fixtures', name, 'input.txt'), file);
  return file;
}
