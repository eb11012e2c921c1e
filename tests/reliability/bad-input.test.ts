/**
 * Hostile input through the command line (`run()` in this process). An input that cannot be
 * converted gets one error line naming it, the run ends with status 1 and no stack trace, and the
 * inputs around it are still converted. Inputs that are damaged but readable convert, with
 * warnings. Huge inputs finish. A named pipe is tried on the built binary: a run that waited on it
 * would block the process, which only a real process can show without hanging the tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, symlinkSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/schema/types.js';
import { runInProcess, type InProcessResult as RunResult } from '../helpers/in-process.js';
import { BIN, copyFixture, fixture, makeWorkspace, putFile } from '../cli/helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const BEFORE = 'archive/2021/03/sample.txt';
const AFTER = 'archive/2021/03/crlf.txt';

const put = (relative: string, bytes: Buffer | string) => putFile(dir, relative, bytes);

const documents = (run: RunResult): Dispatch[] =>
  run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Dispatch);

/** Deterministic bytes (a linear congruential generator): every fourth one is NUL, no other. */
function noise(length: number): Buffer {
  const out = Buffer.alloc(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = i % 4 === 0 ? 0 : (state >>> 24) | 1;
  }
  return out;
}

function expectNoStackTrace(run: RunResult): void {
  expect(run.stderr).not.toContain('\n    at ');
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

/** Runs a good input, `bad`, and another good input; checks what every bad input must get. */
async function between(bad: string, extra: string[] = []): Promise<RunResult> {
  const run = await runInProcess([BEFORE, bad, AFTER, '-f', 'ndjson', ...extra], { cwd: dir });
  expect(run.status).toBe(1);
  expect(documents(run).map((document) => document.source.path)).toEqual([BEFORE, AFTER]);
  expectNoStackTrace(run);
  return run;
}

/** The error lines of a run (warnings and the summary left out). */
const errors = (run: RunResult) => run.stderr.split('\n').filter((line) => line.includes(': error '));

describe('inputs that cannot be converted: one line naming the file, status 1, the rest converted', () => {
  it.each([
    ['an empty file', () => put('bad/empty.txt', ''), 'bad/empty.txt: error EMPTY_INPUT the input is empty (kcna-parse explain EMPTY_INPUT)'],
    [
      'a PNG image',
      () => put('bad/photo.txt', fixture('binary-png')),
      'bad/photo.txt: error BINARY_INPUT binary file (PNG image), not a text dump (kcna-parse explain BINARY_INPUT)',
    ],
    [
      'random bytes, many of them NUL',
      () => put('bad/noise.txt', noise(4096)),
      'bad/noise.txt: error BINARY_INPUT binary file (1024 of its first 4096 bytes are NUL), not a text dump; UTF-16 text needs a byte order mark (kcna-parse explain BINARY_INPUT)',
    ],
    [
      'text that is not a dispatch',
      () => put('bad/404.txt', fixture('not-a-dispatch')),
      "bad/404.txt: error NOT_A_DISPATCH no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found (kcna-parse explain NOT_A_DISPATCH)",
    ],
    [
      'a dangling symbolic link',
      () => symlinkSync('no-such-target.txt', path.join(dir, 'bad-link.txt')),
      'bad-link.txt: error READ_ERROR cannot read: no such file or directory (ENOENT) (kcna-parse explain READ_ERROR)',
    ],
  ])('%s', async (_, make, expected) => {
    make();
    const bad = expected.slice(0, expected.indexOf(': error '));
    const run = await between(bad);
    expect(errors(run)).toEqual([expected]);
  });

  it('a dangling symbolic link and a directory named x.txt found while walking a folder', async () => {
    mkdirSync(path.join(dir, 'bad/x.txt'), { recursive: true });
    symlinkSync('gone.txt', path.join(dir, 'bad/link.txt'));
    const run = await between('bad');
    expect(errors(run).sort()).toEqual([
      'bad/link.txt: error READ_ERROR cannot read: no such file or directory (ENOENT) (kcna-parse explain READ_ERROR)',
      'bad/x.txt: error READ_ERROR is a directory, not a file (kcna-parse explain READ_ERROR)',
    ]);
    expect(run.stderr).toContain('converted 2 of 4 files, 2 failed');
  });

  it('a file over --max-bytes, refused from its size: a sparse 1 GiB file is never read', async () => {
    const file = put('bad/huge.txt', '');
    truncateSync(file, 2 ** 30); // a hole: no disk space, but stat says 1 GiB
    const run = await between('bad/huge.txt');
    // The size in the message is stat's; a refusal after reading would need 1 GiB of memory first,
    // and a refusal while streaming could only say "is over".
    expect(errors(run)).toEqual([
      `bad/huge.txt: error FILE_TOO_LARGE is ${2 ** 30} bytes, over the limit of ${16 * 2 ** 20} (raise the limit with --max-bytes; kcna-parse explain FILE_TOO_LARGE)`,
    ]);
  });

  it.skipIf(process.platform === 'win32')('a named pipe called x.txt is refused as not a regular file, not waited on', async () => {
    const fifo = path.join(dir, 'bad/pipe.txt');
    mkdirSync(path.dirname(fifo));
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [BIN, BEFORE, 'bad/pipe.txt', AFTER, '-f', 'ndjson'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    // A run that opens the pipe waits for a writer, and cannot even be stopped by a signal while it
    // does (the open blocks a worker thread). Give it ample time, then be that writer so it ends.
    const hung = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000))]);
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // no reader yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const status = await exited;
    expect(hung).toBe(false);
    expect(status).toBe(1);
    expect(stderr.split('\n').filter((line) => line.includes(': error '))).toEqual(['bad/pipe.txt: error READ_ERROR is not a regular file (kcna-parse explain READ_ERROR)']);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const { chmodSync } = await import('node:fs');
    chmodSync(put('bad/secret.txt', fixture('sample')), 0o000);
    const run = await between('bad/secret.txt');
    expect(errors(run)).toEqual(['bad/secret.txt: error READ_ERROR cannot read: permission denied (EACCES) (kcna-parse explain READ_ERROR)']);
  });
});

describe('damaged but readable inputs convert, with warnings', () => {
  const convert = async (relative: string): Promise<{ run: RunResult; document: Dispatch }> => {
    const run = await runInProcess([BEFORE, relative, AFTER, '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(0);
    expectNoStackTrace(run);
    const docs = documents(run);
    expect(docs.map((document) => document.source.path)).toEqual([BEFORE, relative, AFTER]);
    return { run, document: docs[1]! };
  };

  it('invalid UTF-8: replaced, and each place reported with its line', async () => {
    copyFixture(dir, 'invalid-utf8', 'odd/invalid.txt');
    const { run, document } = await convert('odd/invalid.txt');
    expect(document.warnings.map((w) => [w.code, w.line])).toEqual([['INVALID_UTF8', 2], ['INVALID_UTF8', 3]]);
    expect(run.stderr).toContain('odd/invalid.txt:2: warning INVALID_UTF8 invalid UTF-8 byte sequence at byte offset 600');
  });

  it('UTF-16 with a byte order mark', async () => {
    copyFixture(dir, 'utf16le-bom', 'odd/utf16.txt');
    const { document } = await convert('odd/utf16.txt');
    expect(document.source).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(document.warnings).toEqual([]);
  });

  it('mixed line endings', async () => {
    const lines = fixture('sample').toString('utf8').split('\n');
    const endings = ['\n', '\r\n', '\r'];
    put('odd/2021/03/mixed.txt', lines.map((line, i) => line + (i < lines.length - 1 ? endings[i % 3] : '')).join(''));
    const { document } = await convert('odd/2021/03/mixed.txt');
    const sample = documents(await runInProcess([BEFORE, '-f', 'ndjson'], { cwd: dir }))[0]!;
    expect(document.source.lineEndings).toBe('mixed');
    expect({ ...document, source: null }).toEqual({ ...sample, source: null });
  });

  it('a stray NUL: kept in the text, reported with its line', async () => {
    copyFixture(dir, 'stray-nul', 'odd/nul.txt');
    const { run, document } = await convert('odd/nul.txt');
    expect(document.lead.paragraphs[1]).toContain('Comrade\u0000Kim');
    expect(run.stderr).toContain('odd/nul.txt:2: warning NUL_CHARACTER NUL character at byte offset 561');
  });
});

describe('huge inputs finish', () => {
  it('a 10 MB single line', async () => {
    const body = 'The delegation visited the plant. '.repeat(300_000);
    put('big/line.txt', `Pyongyang, March 23 (KCNA) -- ${body}-0-`);
    const run = await runInProcess(['big/line.txt', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(0);
    const [document] = documents(run);
    expect(document!.source.lines).toBe(1);
    expect(document!.lead.paragraphs).toEqual([body.trim()]);
  });

  // Inputs of up to DEFAULT_MAX_LINES (100,000) non-blank lines are read; past it they are refused
  // before their lines are held (the last test here).
  it('99,999 datelines in a row', async () => {
    put('big/datelines.txt', 'Pyongyang, March 23 (KCNA) --\n'.repeat(99_999));
    const run = await runInProcess(['big/datelines.txt', '-f', 'ndjson', '-q'], { cwd: dir });
    expect(run.status).toBe(0);
    const [document] = documents(run);
    // The first is the dateline; each of the others is a paragraph of its own.
    expect(document!.lead.datelineLine).toBe(1);
    expect(document!.lead.paragraphs).toHaveLength(99_998);
  });

  it('99,999 datelines in a row after the end marker, each carried by a warning', async () => {
    put('big/trailing.txt', `Pyongyang, March 23 (KCNA) -- The delegation left. -0-\n${'Pyongyang, March 23 (KCNA) --\n'.repeat(99_999)}`);
    const run = await runInProcess(['big/trailing.txt', '-f', 'ndjson', '-q'], { cwd: dir });
    expectNoStackTrace(run);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [document] = documents(run);
    expect(document!.warnings).toHaveLength(99_999);
    expect(new Set(document!.warnings.map((w) => w.code))).toEqual(new Set(['TRAILING_TEXT']));
  });

  it('33k teaser entries', async () => {
    const entries = Array.from({ length: 33_000 }, (_, i) => {
      const text = `Pyongyang, March 18 (KCNA) -- Entry ${i} of the list`;
      return `${text}\nMarch 18, 2026\n${text}\n`;
    });
    put('big/teasers.txt', `Pyongyang, March 23 (KCNA) -- The delegation left. -0-\nMore From KCNA.kp (En)\n${entries.join('')}More Articles\n`);
    const run = await runInProcess(['big/teasers.txt', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(0);
    const [document] = documents(run);
    expect(document!.teasers).toHaveLength(33_000);
    expect(document!.teasers.at(-1)).toMatchObject({ text: 'Entry 32999 of the list', line: 3 + 3 * 32_999 });
  });

  it('200k datelines: refused as TOO_MANY_LINES, one error line, the next input converted', async () => {
    put('big/over.txt', 'Pyongyang, March 23 (KCNA) --\n'.repeat(200_000));
    put('big/zz-after.txt', 'Pyongyang, March 23 (KCNA) -- The delegation left. -0-\n');
    const run = await runInProcess(['big/over.txt', 'big/zz-after.txt', '-f', 'ndjson', '-q'], { cwd: dir });
    expectNoStackTrace(run);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^big\/over\.txt: error TOO_MANY_LINES has 200,000 non-blank lines, over the limit of 100,000/mu);
    expect(documents(run).map((document) => document.source.path)).toEqual(['big/zz-after.txt']);
  });
});
