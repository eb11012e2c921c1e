/**
 * `validate` as a real process, for what only a process shows: a FIFO without a writer is refused
 * at once, signals stop it, and memory stays flat on outputs larger than the heap it is given.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, copyFixture, runCli } from './helpers.js';
import { runInProcess } from './in-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-validate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ENV = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };

describe('regression: validate on a FIFO with no writer blocked forever and ignored SIGINT/SIGTERM', () => {
  it('refuses a named pipe as not a regular file, at once, without waiting for a writer', async () => {
    execFileSync('mkfifo', [path.join(dir, 'out.ndjson')]);
    const started = Date.now();
    const run = await runCli(['validate', 'out.ndjson'], { cwd: dir });
    expect(run.stderr).toBe('out.ndjson: error READ_ERROR is not a regular file\nvalidated 0 records in 1 file: 0 invalid, 1 file unreadable\n');
    expect(run.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops it while it waits for standard input: status %i', async (signal, status) => {
    const child = spawn(process.execPath, [BIN, 'validate', '-f', 'ndjson', '-'], { cwd: dir, env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    const reported = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('\n')) resolve();
      }),
    );
    // One bad line, so that the child shows it is reading; standard input then stays open.
    child.stdin.write('not json\n');
    await reported;
    expect(stderr).toMatch(/^-:1: error INVALID_RECORD not JSON: /);
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stdin.destroy();
    expect(exit).toBe(status);
  });
});

describe("regression: validate could not read the tool's own large output (it held the whole file)", () => {
  /** Heap given to the child: far less than the files, so holding a file's records fails. */
  const HEAP_MB = 24;
  const FILE_BYTES = 40 * 1024 * 1024;

  /** Writes `head`, then `record` (joined by `separator`) until the file passes FILE_BYTES, then `tail`; returns the record count. */
  function writeLarge(file: string, head: string, record: string, separator: string, tail: string): number {
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, head);
      const block = Buffer.from(`${record}${separator}`.repeat(64));
      let written = 0;
      let records = 0;
      while (written < FILE_BYTES) {
        written += writeSync(fd, block);
        records += 64;
      }
      writeSync(fd, record + tail);
      return records + 1;
    } finally {
      closeSync(fd);
    }
  }

  it(`validates ${FILE_BYTES / 2 ** 20} MB of NDJSON, JSON and CSV each within a ${HEAP_MB} MB heap, every record counted`, async () => {
    copyFixture(dir, 'sample', 'sample.txt');
    const document = (await runInProcess(['sample.txt'], { cwd: dir })).stdout.trimEnd();
    const csv = (await runInProcess(['sample.txt', '-f', 'csv'], { cwd: dir })).stdout;
    const headerEnd = csv.indexOf('\r\n') + 2;
    const ndjson = writeLarge(path.join(dir, 'big.ndjson'), '', JSON.stringify(JSON.parse(document)), '\n', '\n');
    const json = writeLarge(path.join(dir, 'big.json'), '[\n', document.replace(/^/gm, '  '), ',\n', '\n]\n');
    const rows = writeLarge(path.join(dir, 'big.csv'), csv.slice(0, headerEnd), csv.slice(headerEnd).replace(/\r\n$/, ''), '\r\n', '\r\n');

    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, 'validate', 'big.ndjson', 'big.json', 'big.csv'], { cwd: dir, env: ENV });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe(`validated ${ndjson + json + rows} records in 3 files: 0 invalid\n`);
    expect(status).toBe(0);
  });
});
