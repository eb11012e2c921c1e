/**
 * Inputs are opened read-only and never modified: end to end, every input's bytes and times are
 * the same after runs that write beside them; in the code, every open of an input asks for reading
 * only. Also: an input whose open fails (permission denied, which cannot be staged for a root user)
 * is reported and does not stop the others.
 */
import { constants, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type * as Fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { convertEntries, type FileResult } from '../../src/pipeline/convert.js';
import { expandInputs } from '../../src/io/inputs.js';
import { DEFAULT_MAX_BYTES, readFileBounded } from '../../src/io/read.js';
import { runInProcess } from '../helpers/in-process.js';
import { makeWorkspace } from '../cli/helpers.js';

// Pass-through spy on openSync() (inputs are read with synchronous calls), to see the flags inputs
// are opened with and to stage open failures.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof Fs>();
  const spy = vi.fn(actual.openSync);
  return { ...actual, default: { ...actual, openSync: spy }, openSync: spy };
});
const openSpy = vi.mocked(openSync);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(async () => {
  cleanup();
  openSpy.mockImplementation((await vi.importActual<typeof Fs>('node:fs')).openSync);
});

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function snapshot(paths: readonly string[]) {
  return paths.map((file) => {
    const info = statSync(file);
    return { file, bytes: readFileSync(file).toString('base64'), size: info.size, mode: info.mode, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
  });
}

/** Whether open() flags ask for reading only: 'r', or O_RDONLY without anything that writes. */
function readOnly(flags: unknown): boolean {
  if (flags === 'r') return true;
  if (typeof flags !== 'number') return false;
  const writes = constants.O_WRONLY | constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND;
  return (flags & writes) === 0;
}

describe('inputs are never modified', () => {
  it('keeps every input byte-identical, with the same times, after runs that write beside them', async () => {
    const inputs = files(path.join(dir, 'archive'));
    expect(inputs.length).toBe(5);
    const before = snapshot(inputs);

    // Outputs next to the inputs (--out-dir over the archive itself), in a file, and on stdout.
    const runs = [
      await runInProcess(['archive', '--out-dir', 'archive', '-f', 'json'], { cwd: dir }),
      await runInProcess(['archive', '-o', 'archive/all.ndjson'], { cwd: dir }),
      await runInProcess(['archive', '-f', 'csv'], { cwd: dir }),
    ];
    expect(runs.map((run) => run.status)).toEqual([1, 1, 1]); // two inputs of the archive are not dispatches
    expect(files(path.join(dir, 'archive'))).toContain(path.join(dir, 'archive/2021/03/sample.json'));
    expect(snapshot(inputs)).toEqual(before);
  });

  it('opens every input for reading only', async () => {
    const { entries } = await expandInputs(['archive'], dir);
    let results = 0;
    for await (const result of convertEntries(entries)) results += result.input === null ? 0 : 1;
    expect(results).toBe(5);
    const opened = openSpy.mock.calls.filter(([file]) => String(file).startsWith(path.join(dir, 'archive')));
    expect(opened).toHaveLength(5);
    for (const [file, flags] of opened) expect(readOnly(flags), `${String(file)} opened with ${String(flags)}`).toBe(true);
  });

  it('reads one file with read-only flags', async () => {
    const file = path.join(dir, 'archive/2021/03/sample.txt');
    readFileBounded(file, 'sample.txt', DEFAULT_MAX_BYTES);
    expect(openSpy.mock.calls.filter(([opened]) => opened === file).map(([, flags]) => readOnly(flags))).toEqual([true]);
  });
});

describe('an input that cannot be opened', () => {
  it('is reported as a READ_ERROR naming it, and the inputs after it are converted', async () => {
    const denied = path.join(dir, 'archive/2021/03/crlf.txt');
    const actual = await vi.importActual<typeof Fs>('node:fs');
    openSpy.mockImplementation(((file: Parameters<typeof openSync>[0], ...rest: unknown[]) => {
      if (file === denied) throw Object.assign(new Error(`EACCES: permission denied, open '${denied}'`), { code: 'EACCES', errno: -13 });
      return actual.openSync(file, ...(rest as [number]));
    }) as typeof openSync);

    const { entries } = await expandInputs(['archive/2021', 'archive/2024'], dir);
    const results: FileResult[] = [];
    for await (const result of convertEntries(entries)) results.push(result);
    expect(results.map((r) => [r.ok ? r.input.display : r.display, r.ok ? 'ok' : `${r.error.code} ${r.error.message}`])).toEqual([
      ['archive/2021/03/crlf.txt', 'READ_ERROR cannot read: permission denied (EACCES)'],
      ['archive/2021/03/sample.txt', 'ok'],
      ['archive/2024/02/stamp.txt', 'ok'],
    ]);
    expect(results[0]!.ok || results[0]!.error.path).toBe('archive/2021/03/crlf.txt');
  });
});
