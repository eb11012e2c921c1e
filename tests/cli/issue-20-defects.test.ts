/**
 * Issue 20, "Defects found by an adversarial pass": the minor defects of the command line, each
 * with a regression test named after it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/cli/render.js';
import { writeError } from '../../src/io/sink.js';
import { runInProcess } from '../helpers/in-process.js';
import { BIN, copyFixture, fixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const cli = (args: string[], env: Record<string, string> = {}, tty: { stderr?: boolean } = {}) => runInProcess(args, { cwd: dir, env, tty });
const USAGE = "hint: `kcna-parse --help` lists the commands; `kcna-parse help COMMAND` shows the help of one (kcna-parse explain USAGE_ERROR)\n";

describe('regression: issue 20, minor defects', () => {
  it('help nosuch and help convert print the main help to stderr and exit 0: say unknown command, suggest, exit 2', async () => {
    const nosuch = await cli(['help', 'nosuch']);
    expect(nosuch).toMatchObject({ status: 2, stdout: '', stderr: `kcna-parse: error: unknown command 'nosuch'\n${USAGE}` });
    const misspelt = await cli(['help', 'valdate']);
    expect(misspelt).toMatchObject({ status: 2, stdout: '', stderr: `kcna-parse: error: unknown command 'valdate' (Did you mean validate?)\n${USAGE}` });
    const convert = await cli(['help', 'convert']);
    expect(convert).toMatchObject({
      status: 2,
      stdout: '',
      stderr: `kcna-parse: error: unknown command 'convert' (converting is the main command, run without a command word)\n${USAGE}`,
    });
    // Help that exists is still printed, on standard output, with status 0.
    const main = await cli(['help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/^Usage: kcna-parse \[options\] \[command\] \[inputs\.\.\.\]\n/);
    expect(main.stderr).toBe('');
    const report = await cli(['help', 'report']);
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/^Usage: kcna-parse report /);
  });

  it('NO_COLOR=1 FORCE_COLOR=1 colours (the README says never under NO_COLOR); TERM=dumb on a terminal gets ANSI colour', async () => {
    const both = await cli(['archive'], { NO_COLOR: '1', FORCE_COLOR: '1' }, { stderr: true });
    expect(both.stderr).toContain(': warning STAMP_LINE ');
    expect(both.stderr).not.toContain('\u001b[');
    const dumb = await cli(['archive'], { NO_COLOR: '', TERM: 'dumb' }, { stderr: true });
    expect(dumb.stderr).toContain(': warning STAMP_LINE ');
    expect(dumb.stderr).not.toContain('\u001b[');
    // A dumb terminal gets no progress line either: it cannot erase one.
    expect(dumb.stderr).not.toContain('\r');
    // The command line still decides over the environment; a real terminal still gets colour.
    expect((await cli(['archive', '--color', 'always'], { NO_COLOR: '1' })).stderr).toContain('\u001b[31merror\u001b[39m');
    expect((await cli(['archive'], { NO_COLOR: '', TERM: 'xterm-256color' }, { stderr: true })).stderr).toContain('\u001b[33mwarning\u001b[39m');
    expect(colorEnabled('auto', { isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '3' })).toBe(false);
    expect(colorEnabled('auto', { isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('--max-bytes 99999999999999999G says must be at least 1 byte', async () => {
    const huge = await cli(['archive', '--max-bytes', '99999999999999999G']);
    expect(huge.status).toBe(2);
    expect(huge.stderr).toBe(
      "kcna-parse: error: invalid value '99999999999999999G' for --max-bytes: more than the largest size, 8388607G\n" +
        'hint: --max-bytes takes a size in bytes, or with K, M or G, from 1 to 8388607G, e.g. --max-bytes 64M (kcna-parse explain INVALID_OPTION)\n',
    );
    const zero = await cli(['archive', '--max-bytes', '0']);
    expect(zero.stderr).toContain("invalid value '0' for --max-bytes: must be at least 1 byte\n");
    // The largest size itself is taken.
    expect((await cli(['archive/2021', '--max-bytes', '8388607G'])).status).toBe(0);
  });

  it('--warnings summary on a single input prints nothing: neither the warnings nor their count', async () => {
    const teasers = Array.from({ length: 5 }, (_, i) => `Teaser text number ${i + 1}\n`).join('');
    writeFileSync(path.join(dir, 'one.txt'), `Pyongyang, March 23 (KCNA) -- Lead text here. -0-\nwww.kcna.kp (Juche110.3.23.)\nMore From KCNA.kp (En)\n${teasers}More Articles\n`);
    const run = await cli(['one.txt', '--warnings', 'summary']);
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((line) => line.replace(/ warning ([A-Z_]+) .*$/, ' $1'))).toEqual([
      'one.txt:2: STAMP_LINE',
      'one.txt:3: TEASER_HEADING_EMPTY',
      'one.txt:4: TEASER_MISSING_DATE',
      'one.txt:5: TEASER_MISSING_DATE',
      'one.txt:6: TEASER_MISSING_DATE',
      '2 more warnings not shown: TEASER_MISSING_DATE 2 (the first 3 of each code are above; --warnings all prints every one)',
    ]);
    // The default is the summary.
    expect((await cli(['one.txt'])).stderr).toBe(run.stderr);
  });

  it('The folder walk skips A.TXT and b.Txt without notice', async () => {
    copyFixture(dir, 'sample', 'caps/A.TXT');
    copyFixture(dir, 'crlf', 'caps/b.Txt');
    copyFixture(dir, 'stamp-line', 'caps/c.txt');
    const run = await cli(['caps', '-f', 'ndjson']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).source.path)).toEqual(['caps/A.TXT', 'caps/b.Txt', 'caps/c.txt']);
    expect(run.stderr).not.toContain('skipped');
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^converted 3 of 3 files, 0 failed: 3 dispatches/);
  });

  it("Raw system errors: ENXIO: no such device or address, open '/dev/tty' (ENXIO); -o /proc/self/comm reports no such directory", async () => {
    // As the message is made, for any system error Node wraps as "CODE: text, syscall 'path'".
    expect(writeError('/dev/tty', Object.assign(new Error("ENXIO: no such device or address, open '/dev/tty'"), { code: 'ENXIO' })).message).toBe(
      'cannot write /dev/tty: no such device or address: the process has no terminal (ENXIO)',
    );
    expect(writeError('/x/y', Object.assign(new Error("ESOMETHING: a new kind of failure, open '/x/y'"), { code: 'ESOMETHING' })).message).toBe(
      'cannot write /x/y: a new kind of failure (ESOMETHING)',
    );
    if (process.platform !== 'linux') return;
    // A kernel file cannot be replaced: its folder takes no new file, and it exists.
    const comm = await cli(['archive/2021/03/sample.txt', '-o', '/proc/self/comm']);
    expect(comm.status).toBe(1);
    expect(comm.stderr).toMatch(/^kcna-parse: error: cannot write \/proc\/\d+\/comm: its folder takes no new files \(a file of \/proc or \/sys\?\), so it cannot be replaced \(ENOENT\)\n$/);
    expect(comm.stderr).not.toContain('no such directory');
    // A process without a terminal (a new session, as under cron) writing to /dev/tty.
    const detached = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'archive/2021/03/sample.txt', '-o', '/dev/tty'], {
        cwd: dir,
        detached: true,
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(detached).toEqual({ status: 1, stderr: 'kcna-parse: error: cannot write /dev/tty: no such device or address: the process has no terminal (ENXIO)\n' });
  });

  it("1 input: 1 dispatches in the report's summary and title (the terminal summary line)", async () => {
    writeFileSync(path.join(dir, 'one.txt'), fixture('sample'));
    const one = await cli(['report', 'one.txt', '-o', 'r.json']);
    expect(one.status).toBe(0);
    expect(one.stderr).toBe('report of 1 input: 1 dispatch, 0 failed, 0 warnings; written to r.json\n');
    mkdirSync(path.join(dir, 'two'));
    writeFileSync(path.join(dir, 'two/a.txt'), fixture('sample'));
    writeFileSync(path.join(dir, 'two/b.txt'), fixture('stamp-line'));
    const two = await cli(['report', 'two', '-f', 'json']);
    expect(two.stderr).toBe('report of 2 inputs: 2 dispatches, 0 failed, 1 warning\n');
  });
});
