/**
 * Exit statuses, diagnostics on standard error, --strict, --quiet, --report and --dedupe, through
 * `run()` in this process; a reader closing the pipe needs a real process and a real pipe.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { BIN, copyFixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

describe('exit status', () => {
  it('is 0 when every input converts, warnings allowed', async () => {
    const run = await runInProcess(['archive/2024/02/stamp.txt'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('archive/2024/02/stamp.txt:4: warning STAMP_LINE KCNA stamp line, dated 2024-02-29; kept here\n');
  });

  it('is 1 when an input fails, and the others are still emitted', async () => {
    const run = await runInProcess(['archive', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    expect(run.stderr).toContain('archive/broken/empty.txt: error EMPTY_INPUT the input is empty (kcna-parse explain EMPTY_INPUT)\n');
    expect(run.stderr).toContain(
      "archive/broken/not-a-dispatch.txt: error NOT_A_DISPATCH no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found (kcna-parse explain NOT_A_DISPATCH)\n",
    );
    expect(run.stderr.endsWith('converted 3 of 5 files, 2 failed: 3 dispatches to standard output in 0.12s; 1 warning: STAMP_LINE 1\n')).toBe(true);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('is 1 for a literal path that does not exist, as with cat', async () => {
    const run = await runInProcess(['archive/2021/03/sample.txt', 'missing.txt', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('missing.txt: error READ_ERROR cannot read: no such file or directory (ENOENT) (kcna-parse explain READ_ERROR)\n');
  });

  it('is 2 for a glob pattern that matches nothing, naming the pattern', async () => {
    const run = await runInProcess(['archive/1999/**/*.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("no files match the pattern 'archive/1999/**/*.txt'");
  });

  it.each([
    [['archive', '--format', 'xml']],
    [['archive', '--no-such-option']],
    [['archive', '--year', '21']],
    [['archive', '--bom']],
    [['archive', '-o', 'a.json', '--out-dir', 'out']],
    [['archive', '--max-bytes', 'lots']],
    [[]],
  ])('is 2 for a usage error: %j', async (args) => {
    const run = await runInProcess(args, { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/error/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('is 1 with --strict when a warning occurred, and the documents are still written', async () => {
    const run = await runInProcess(['archive/2024/02/stamp.txt', '--strict', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('is 0 with --strict when no warning occurred', async () => {
    const run = await runInProcess(['archive/2021', '--strict'], { cwd: dir });
    expect(run.status).toBe(0);
  });
});

describe('diagnostics', () => {
  it('--quiet keeps errors and drops warnings and the summary', async () => {
    const run = await runInProcess(['archive', '--quiet', '-f', 'ndjson'], { cwd: dir });
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      'archive/broken/empty.txt: error EMPTY_INPUT the input is empty (kcna-parse explain EMPTY_INPUT)',
      "archive/broken/not-a-dispatch.txt: error NOT_A_DISPATCH no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found (kcna-parse explain NOT_A_DISPATCH)",
    ]);
  });

  it('has no colour codes when standard error is not a terminal', async () => {
    const run = await runInProcess(['archive'], { cwd: dir, env: {} });
    expect(run.stderr).not.toContain('\u001b[');
  });

  it('has colour codes when standard error is a terminal, and none there under NO_COLOR', async () => {
    const coloured = await runInProcess(['archive'], { cwd: dir, env: { NO_COLOR: '' }, tty: { stderr: true } });
    expect(coloured.stderr).toContain('\u001b[');
    const plain = await runInProcess(['archive'], { cwd: dir, env: { NO_COLOR: '1' }, tty: { stderr: true } });
    expect(plain.stderr).not.toContain('\u001b[');
  });

  it('colours diagnostics with FORCE_COLOR or --color always, and never with --color never', async () => {
    const forced = await runInProcess(['archive'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.stderr).toContain('\u001b[33mwarning\u001b[39m');
    const always = await runInProcess(['archive', '--color', 'always'], { cwd: dir });
    expect(always.stderr).toContain('\u001b[31merror\u001b[39m');
    const never = await runInProcess(['archive', '--color', 'never'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(never.stderr).not.toContain('\u001b[');
  });

  it('--report writes a JSON report of every input for CI', async () => {
    const run = await runInProcess(['archive', '-f', 'ndjson', '--report', 'report.json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ tool: 'kcna-parse', schemaVersion: '2.0.0', exitCode: 1, summary: { files: 5, converted: 3, failed: 2, duplicates: 0, warnings: 1 } });
    expect(report.files.map((f: { path: string; status: string }) => `${f.status} ${f.path}`)).toEqual([
      'converted archive/2021/03/crlf.txt',
      'converted archive/2021/03/sample.txt',
      'converted archive/2024/02/stamp.txt',
      'failed archive/broken/empty.txt',
      'failed archive/broken/not-a-dispatch.txt',
    ]);
    expect(report.files[2].warnings.map((w: { code: string }) => w.code)).toEqual(['STAMP_LINE']);
    expect(report.files[3].error).toEqual({ code: 'EMPTY_INPUT', message: 'the input is empty' });
  });
});

describe('--dedupe', () => {
  it('drops a later document whose id was already written, with a warning', async () => {
    copyFixture(dir, 'mirror-a', 'mirrors/a.txt');
    copyFixture(dir, 'mirror-b', 'mirrors/b.txt');
    const run = await runInProcess(['mirrors', '-f', 'ndjson', '--dedupe'], { cwd: dir });
    expect(run.status).toBe(0);
    const paths = run.stdout.trim().split('\n').map((line) => JSON.parse(line).source.path);
    expect(paths).toEqual(['mirrors/a.txt']);
    expect(run.stderr).toContain('mirrors/b.txt: warning DUPLICATE_ID same content id 54f8aab1c00020bb3ee0093c3150c085 as mirrors/a.txt; document dropped by --dedupe\n');
    expect(run.stderr).toContain('converted 1 of 2 files, 0 failed, 1 duplicate dropped: 1 dispatch to standard output in 0.12s; 1 warning: DUPLICATE_ID 1\n');
  });

  it('keeps both without --dedupe', async () => {
    copyFixture(dir, 'mirror-a', 'mirrors/a.txt');
    copyFixture(dir, 'mirror-b', 'mirrors/b.txt');
    const run = await runInProcess(['mirrors', '-f', 'ndjson'], { cwd: dir });
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('closed pipe', () => {
  it('ends quietly with status 141 when the reader goes away', async () => {
    // Enough output to outlast the pipe's buffer after the reader has gone.
    for (let i = 0; i < 60; i++) copyFixture(dir, 'sample', `many/${String(i).padStart(2, '0')}.txt`);
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" many -f ndjson 2>err.txt | head -c 100 >/dev/null; echo "status=$?"`], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    });
    expect(result.stdout.trim()).toBe('status=141');
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
  });
});

describe('large inputs', () => {
  it('refuses a file over --max-bytes without reading it, and converts the rest', async () => {
    writeFileSync(path.join(dir, 'archive/2021/big.txt'), 'x'.repeat(2048));
    const run = await runInProcess(['archive/2021', '--max-bytes', '1K', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('archive/2021/big.txt: error FILE_TOO_LARGE is 2048 bytes, over the limit of 1024 (raise the limit with --max-bytes; kcna-parse explain FILE_TOO_LARGE)\n');
  });
});
