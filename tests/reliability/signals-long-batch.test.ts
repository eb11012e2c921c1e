/**
 * A signal stops a long batch promptly. Reads and writes are synchronous, so the run must give the
 * event loop a turn now and then, or SIGINT would only be handled once every file was done.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeWorkspace, writeLongBatch } from '../cli/helpers.js';

const FILES = 4000;
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeWorkspace());
  writeLongBatch(dir, FILES);
});
afterAll(() => cleanup());

describe('a signal in the middle of a long batch', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops the run long before its end, with status %i', async (signal, status) => {
    // Standard output to a file: the one destination written with no event-loop turn at all.
    const out = path.join(dir, `out-${signal}.ndjson`);
    const fd = openSync(out, 'w');
    const child = spawn(process.execPath, [BIN, 'long', '-f', 'ndjson', '--quiet'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      stdio: ['ignore', fd, 'ignore'],
    });
    closeSync(fd);
    const closed = new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    // Signal as soon as the first output appears.
    while (statSync(out).size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill(signal);
    const code = await closed;
    const lines = readFileSync(out, 'utf8').split('\n').length - 1;
    expect(code).toBe(status);
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(FILES / 2);
  });
});
