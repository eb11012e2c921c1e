/**
 * The command line follows its users' conventions: help for each command, "did you mean", one
 * usage-error format ending with what to do, `explain`, warnings by code, a useful progress line
 * that never garbles the output, --color with NO_COLOR and FORCE_COLOR, sizes as 16M.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Reporter, colorEnabled, formatDuration } from '../../src/cli/render.js';
import { runInProcess } from '../helpers/in-process.js';
import { copyFixture, makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = makeWorkspace()));
afterAll(() => cleanup());

const cli = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { cwd: dir, env });
const USAGE_HINT = 'hint: Correct the command line as the message says; `kcna-parse --help` lists the options. (kcna-parse explain USAGE_ERROR)\n';

describe('help', () => {
  it.each(['validate', 'schema', 'explain', 'report'])('`help %s` prints that command’s help, with examples and exit statuses', async (command) => {
    const run = await cli(['help', command]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: kcna-parse ${command}`);
    expect(run.stdout).toContain('Examples:\n');
    expect(run.stdout).toContain('Exit status:\n');
    expect(run.stderr).toBe('');
  });

  it('the main help names every format, shows sizes as 16M, examples and exit statuses', async () => {
    const run = await cli(['--help']);
    expect(run.stdout).toContain('JSON, NDJSON, CSV or ninjs');
    expect(run.stdout).toMatch(/--max-bytes <size>[\s\S]*\(default: 16M\)/);
    expect(run.stdout).not.toContain('16777216');
    expect(run.stdout).toContain('Examples:\n');
    expect(run.stdout).toContain('Exit status:\n');
    expect(run.stdout).toContain('help [command]');
  });
});

describe('usage errors: one format, with what to do', () => {
  it('a misspelt command gets "did you mean", not an attempt to read a file of that name', async () => {
    const run = await cli(['valdate', 'x.ndjson']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`kcna-parse: error: unknown command 'valdate' (Did you mean validate?)\n${USAGE_HINT}`);
  });

  it('a file that happens to be named like a command is read as an input', async () => {
    copyFixture(dir, 'sample', 'schem');
    const run = await cli(['schem', '-f', 'ndjson']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).source.path).toBe('schem');
  });

  it('a misspelt option is reported in the same format as our own usage errors', async () => {
    const commander = await cli(['--yaer', '2021', 'archive']);
    const ours = await cli(['archive', '-o', 'a.json', '--out-dir', 'b']);
    for (const run of [commander, ours]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^kcna-parse: error: [^\n]+\nhint: [^\n]+ \(kcna-parse explain [A-Z_]+\)\n$/);
    }
    expect(commander.stderr).toContain("unknown option '--yaer' (Did you mean --year?)");
  });

  it('an invalid option value is INVALID_OPTION, with its own hint', async () => {
    const run = await cli(['archive', '--year', '21']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "kcna-parse: error: invalid value '21' for --year: not a four-digit year\nhint: --year takes a four-digit year from 1000 to 9999, e.g. --year 2021 (kcna-parse explain INVALID_OPTION)\n",
    );
  });
});

describe('explain', () => {
  it('prints the docs’ entry for a warning code, in any case', async () => {
    const run = await cli(['explain', 'page_junk']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^PAGE_JUNK \(docs\/warnings\.md\)\n\nMeaning\. /);
    expect(run.stdout).toContain('\nWhat to do. ');
  });

  it('prints the docs’ entry for an error code', async () => {
    const run = await cli(['explain', 'FILE_TOO_LARGE']);
    expect(run.stdout).toContain('FILE_TOO_LARGE (docs/errors.md)');
    expect(run.stdout).toContain('--max-bytes 64M');
  });

  it('an unknown code is a usage error pointing to the list of codes', async () => {
    const run = await cli(['explain', 'NOPE']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("kcna-parse: error: unknown code 'NOPE'\nhint: `kcna-parse explain` with no code lists every code, with its meaning (kcna-parse explain USAGE_ERROR)\n");
  });
});

describe('warnings', () => {
  it('the summary counts warnings by code', async () => {
    copyFixture(dir, 'title-and-page-junk', 'more/junk.txt');
    const run = await cli(['archive/2024', 'more', '-f', 'ndjson']);
    expect(run.stderr.trim().split('\n').at(-1)).toBe('converted 2 of 2 files, 0 failed: 2 dispatches to standard output in 0.12s; 2 warnings: PAGE_JUNK 1, STAMP_LINE 1');
  });

  it('--warnings none prints no warning lines, only the counts; errors are always printed', async () => {
    const none = await cli(['archive', '-f', 'ndjson', '--warnings', 'none']);
    expect(none.stderr).not.toContain(': warning ');
    expect(none.stderr).toContain('1 warning: STAMP_LINE 1');
    expect(none.stderr).toContain('error EMPTY_INPUT');
  });
});

describe('colour', () => {
  it.each([
    ['auto', { isTTY: true }, {}, true],
    ['auto', { isTTY: false }, {}, false],
    ['auto', { isTTY: true }, { NO_COLOR: '1' }, false],
    ['auto', { isTTY: true }, { NO_COLOR: '' }, true],
    ['auto', { isTTY: false }, { FORCE_COLOR: '1' }, true],
    ['auto', { isTTY: true }, { FORCE_COLOR: '0' }, false],
    ['auto', { isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    ['auto', { isTTY: true }, { TERM: 'dumb' }, false],
    ['auto', { isTTY: false }, { TERM: 'dumb', FORCE_COLOR: '1' }, true],
    ['always', { isTTY: false }, { NO_COLOR: '1' }, true],
    ['never', { isTTY: true }, { FORCE_COLOR: '1' }, false],
  ] as const)('--color %s on %o with %o: %s', (mode, stream, env, expected) => {
    expect(colorEnabled(mode, stream, env)).toBe(expected);
  });
});

describe('the progress line', () => {
  afterEach(() => vi.useRealTimers());

  const terminal = () => {
    let text = '';
    const stream = Object.assign(
      new Writable({
        write(chunk, _encoding, callback) {
          text += String(chunk);
          callback();
        },
      }),
      { isTTY: true },
    );
    return { stream, text: () => text };
  };

  async function draw(options: { stdoutTTY: boolean; stdoutCarriesOutput: boolean }, total?: number): Promise<string> {
    vi.useFakeTimers({ now: 0 });
    const stderr = terminal();
    const stdout = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { isTTY: options.stdoutTTY });
    const reporter = await Reporter.create(
      { stdout, stderr: stderr.stream, stdin: process.stdin, env: {}, cwd: dir },
      { quiet: false, color: 'never', stdoutCarriesOutput: options.stdoutCarriesOutput },
    );
    vi.setSystemTime(20_000);
    reporter.progress(400, total);
    return stderr.text();
  }

  it('shows done/total, the rate and the time left', async () => {
    expect(await draw({ stdoutTTY: false, stdoutCarriesOutput: true }, 1000)).toBe('\r\u001b[2Kconverting: 400/1000 files, 20/s, 30s left');
  });

  it('shows done and the rate when the total is not known (folders are walked as the run goes)', async () => {
    expect(await draw({ stdoutTTY: false, stdoutCarriesOutput: true })).toBe('\r\u001b[2Kconverting: 400 files, 20/s');
  });

  it('is not drawn when standard output writes the records to the same terminal', async () => {
    expect(await draw({ stdoutTTY: true, stdoutCarriesOutput: true }, 1000)).toBe('');
  });

  it('is drawn on a terminal when the records go to a file', async () => {
    expect(await draw({ stdoutTTY: true, stdoutCarriesOutput: false }, 1000)).toContain('converting: 400/1000 files');
  });

  it.each([
    [9, '9s'],
    [75, '1m15s'],
    [3700, '1h01m'],
  ])('formats %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
