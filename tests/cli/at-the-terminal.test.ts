/**
 * Issue 20, "At the terminal": what a researcher sees at the terminal. Each describe block is one
 * point of the issue: hints that fit the mistake, `explain` rendered for a terminal, warnings
 * summarised by default, progress with a total, the closing summary, skipped files said, the
 * year sources named once each. The command line runs in this process (the built program).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reporter, WARNING_EXAMPLES } from '../../src/cli/render.js';
import { expandInputs, type Entry } from '../../src/io/inputs.js';
import type { Warning } from '../../src/schema/types.js';
import { runInProcess } from '../helpers/in-process.js';
import { copyFixture, makeWorkspace, putFile } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const cli = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { cwd: dir, env });
const put = (relative: string, bytes: string | Buffer) => putFile(dir, relative, bytes);

/** A dump whose teaser list has `n` entries without a date: n TEASER_MISSING_DATE warnings (lines 3 to n + 2). */
const undatedTeasers = (n: number) =>
  `Pyongyang, March 23 (KCNA) -- Lead text here. -0-\nMore From KCNA.kp (En)\n${Array.from({ length: n }, (_, i) => `Teaser text number ${i + 1}\n`).join('')}More Articles\n`;

describe('1. hints that fit the mistake, in one wording for every command', () => {
  it.each([
    [['archive', '-f', 'xml'], "invalid value 'xml' for --format", '--format takes json, ndjson, csv, ninjs, sqlite or parquet'],
    [['archive', '--warnings=some'], "invalid value 'some' for --warnings", '--warnings takes summary, all or none'],
    [['archive', '--records', 'teaser'], "invalid value 'teaser' for --records", '--records takes dispatches or teasers'],
    [['archive', '--color', 'yes'], "invalid value 'yes' for --color", '--color takes auto, always or never'],
    [['report', 'archive', '-f', 'xml'], "invalid value 'xml' for --format", '--format takes html or json'],
    [['schema', '-f', 'ninjs'], "invalid value 'ninjs' for --format", '--format takes json, ndjson, csv, sqlite or parquet'],
    [['archive', '--year', '21'], "invalid value '21' for --year: not a four-digit year", '--year takes a four-digit year from 1000 to 9999, e.g. --year 2021'],
    [['archive', '--max-bytes', 'lots'], "invalid value 'lots' for --max-bytes: not a size", '--max-bytes takes a size in bytes, or with K, M or G'],
    [['archive', '--jobs', '0'], "invalid value '0' for --jobs", "--jobs takes 'auto' or a whole number of worker threads from 1 to 64"],
  ])('%j: the hint is about the option that was wrong, and lists what it takes', async (args, error, hint) => {
    const run = await cli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const [first, second, ...rest] = run.stderr.split('\n');
    expect(first).toBe(`kcna-parse: error: ${error}`);
    expect(second).toMatch(new RegExp(`^hint: ${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* \\(kcna-parse explain INVALID_OPTION\\)$`));
    expect(rest).toEqual(['']);
  });

  it("--formt=csv gets the same did-you-mean as '--formt csv'", async () => {
    const equals = await cli(['archive', '--formt=csv']);
    const spaced = await cli(['archive', '--formt', 'csv']);
    expect(equals.status).toBe(2);
    expect(equals.stderr).toContain("kcna-parse: error: unknown option '--formt=csv' (Did you mean --format=csv?)\n");
    expect(spaced.stderr).toContain("kcna-parse: error: unknown option '--formt' (Did you mean --format?)\n");
    const report = await cli(['report', 'archive', '--outptu=r.html']);
    expect(report.stderr).toContain("unknown option '--outptu=r.html' (Did you mean --output=r.html?)\n");
  });

  it.each([['report'], ['validate']])('a bare `kcna-parse %s` says what the main command says, and points to its own help', async (command) => {
    const bare = await cli([command]);
    const main = await cli([]);
    expect(bare.status).toBe(2);
    const message = "kcna-parse: error: no inputs given (name files, directories or glob patterns, or '-' for standard input)\n";
    expect(main.stderr).toBe(`${message}hint: Correct the command line as the message says; \`kcna-parse --help\` lists the options. (kcna-parse explain USAGE_ERROR)\n`);
    expect(bare.stderr).toBe(`${message}hint: Correct the command line as the message says; \`kcna-parse ${command} --help\` lists the options. (kcna-parse explain USAGE_ERROR)\n`);
  });

  it('an unknown option of a command points to that command’s help', async () => {
    const run = await cli(['report', 'archive', '--strict']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('`kcna-parse report --help` lists the options.');
  });
});

describe('2. explain, rendered for a terminal', () => {
  it('prints no Markdown: no **, no fences, no stray [1]; code blocks are indented', async () => {
    for (const code of ['PAGE_JUNK', 'EMPTY_INPUT', 'USAGE_ERROR', 'YEAR_CONFLICT']) {
      const run = await cli(['explain', code]);
      expect(run.status).toBe(0);
      expect(run.stdout, code).not.toContain('**');
      expect(run.stdout, code).not.toContain('```');
      expect(run.stdout, code).not.toMatch(/^\[\d+\]$/m);
      expect(run.stdout, code).not.toMatch(/\]\([^)]*\)/); // no Markdown link
    }
    const empty = await cli(['explain', 'EMPTY_INPUT']);
    expect(empty.stdout).toContain('\nMeaning. The input has no non-blank line');
    expect(empty.stdout).toContain("\n    $ printf '\\n   \\n\\n' > blank.txt\n    $ kcna-parse blank.txt\n");
    expect(empty.stdout).toContain('\n    (exit status 1)\n');
  });

  it('is bold where colour is on, and plain otherwise', async () => {
    const coloured = await cli(['explain', 'PAGE_JUNK', '--color', 'always']);
    expect(coloured.stdout).toContain('\u001b[1mMeaning.\u001b[22m');
    const plain = await cli(['explain', 'PAGE_JUNK']);
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('with no code lists every code with its meaning in a line, and exits 0', async () => {
    const run = await cli(['explain']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Errors \(an input or the run failed\):\n/);
    expect(run.stdout).toMatch(/^ {2}EMPTY_INPUT +The input has no non-blank line$/m);
    expect(run.stdout).toMatch(/^ {2}PAGE_JUNK +A line above an article's body that is neither its title nor part of it$/m);
    expect(run.stdout).toContain('\nWarnings (a document was written; something was noticed):\n');
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('  '))) expect(line.length, line).toBeLessThanOrEqual(2 + 22 + 2 + 96);
  });

  it('an unknown code suggests the nearest', async () => {
    const run = await cli(['explain', 'page-jnk']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown code 'page-jnk' (Did you mean PAGE_JUNK?)\n");
  });

  it('failed-input lines carry the same (kcna-parse explain CODE) pointer as usage errors', async () => {
    const run = await cli(['archive/broken', 'missing.txt', '--max-bytes', '1K', 'archive/2021/03/sample.txt']);
    expect(run.status).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => line.includes(': error '));
    expect(errors).toEqual([
      'archive/broken/empty.txt: error EMPTY_INPUT the input is empty (kcna-parse explain EMPTY_INPUT)',
      "archive/broken/not-a-dispatch.txt: error NOT_A_DISPATCH no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found (kcna-parse explain NOT_A_DISPATCH)",
      'missing.txt: error READ_ERROR cannot read: no such file or directory (ENOENT) (kcna-parse explain READ_ERROR)',
      'archive/2021/03/sample.txt: error FILE_TOO_LARGE is 8389 bytes, over the limit of 1024 (raise the limit with --max-bytes; kcna-parse explain FILE_TOO_LARGE)',
    ]);
  });
});

describe('3. warnings summarised by default', () => {
  it('prints the first few of each code (path:line), then the count of the rest by code', async () => {
    for (let i = 1; i <= 4; i++) put(`batch/${i}.txt`, undatedTeasers(2));
    const run = await cli(['batch', '-f', 'ndjson']);
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes(': warning TEASER_MISSING_DATE '))).toHaveLength(WARNING_EXAMPLES);
    expect(lines.filter((line) => line.includes(': warning TEASER_HEADING_EMPTY '))).toHaveLength(WARNING_EXAMPLES);
    expect(lines.slice(0, 4).map((line) => line.slice(0, line.indexOf(' warning ')))).toEqual(['batch/1.txt:2:', 'batch/1.txt:3:', 'batch/1.txt:4:', 'batch/2.txt:2:']);
    expect(lines.at(-2)).toBe(
      `6 more warnings not shown: TEASER_MISSING_DATE 5, TEASER_HEADING_EMPTY 1 (the first ${WARNING_EXAMPLES} of each code are above; --warnings all prints every one)`,
    );
    expect(lines.at(-1)).toBe('converted 4 of 4 files, 0 failed: 4 dispatches to standard output in 0.12s; 12 warnings: TEASER_MISSING_DATE 8, TEASER_HEADING_EMPTY 4');
  });

  it('--warnings all keeps every line', async () => {
    for (let i = 1; i <= 4; i++) put(`batch/${i}.txt`, undatedTeasers(2));
    const run = await cli(['batch', '-f', 'ndjson', '--warnings', 'all']);
    expect(run.stderr.split('\n').filter((line) => line.includes(': warning '))).toHaveLength(12);
    expect(run.stderr).not.toContain('not shown');
  });

  it('a warning repeated word for word on the next line is printed once, with how many times it came', async () => {
    let text = '';
    const stderr = Object.assign(new Writable({ write: (chunk, _e, callback) => ((text += String(chunk)), callback()) }), { isTTY: false });
    const streams = { stdout: stderr, stderr, stdin: process.stdin, env: {}, cwd: dir };
    const same: Warning = { code: 'YEAR_CONFLICT', line: null, message: 'year sources disagree: the year option gives 2020, the file name gives 2021; keeping 2020' };
    for (const mode of ['all', 'summary'] as const) {
      text = '';
      const reporter = await Reporter.create(streams, { quiet: false, warnings: mode, color: 'never' });
      reporter.warnings('a.txt', [same, { ...same }, { ...same, line: 4 }]);
      expect(text, mode).toBe(`a.txt: warning YEAR_CONFLICT ${same.message} (2 times)\na.txt:4: warning YEAR_CONFLICT ${same.message}\n`);
    }
  });
});

describe('4. progress everywhere it takes time', () => {
  /** Every call of Date.now a second later than the one before: the progress line is drawn on each input. */
  const clockTicking = () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
  };

  it('a folder walk shows done/total and the time left: the folders are counted ahead', async () => {
    for (let i = 1; i <= 3; i++) copyFixture(dir, 'sample', `walk/${i}/d.txt`);
    put('walk/notes.pdf', 'x');
    clockTicking();
    const run = await runInProcess(['walk', '-o', 'out.ndjson'], { cwd: dir, tty: { stderr: true } });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/\r\u001b\[2Kconverting: 1\/3 files, [\d.]+\/s, \d+s left/);
    expect(run.stderr).toMatch(/\r\u001b\[2Kconverting: 3\/3 files/);
  });

  it('report shows its progress too', async () => {
    clockTicking();
    const run = await runInProcess(['report', 'archive', '-o', 'r.json'], { cwd: dir, tty: { stderr: true } });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/\r\u001b\[2Kreading: 5\/5 files/);
    // Erased before the summary line.
    expect(run.stderr).toMatch(/\r\u001b\[2Kreport of 5 inputs/);
  });

  it('the count ahead equals what the walk yields: hidden names, folders named like captures and other files as the walk treats them', async () => {
    put('tree/a.txt', 'x');
    put('tree/B.TXT', 'x');
    put('tree/page.HTML', 'x');
    put('tree/.hidden.txt', 'x');
    put('tree/.git/x.txt', 'x');
    put('tree/scan.pdf', 'x');
    mkdirSync(path.join(dir, 'tree/odd.txt/inner'), { recursive: true });
    put('tree/odd.txt/inner/c.htm', 'x');
    put('tree/deep/er/d.kcmsf', 'x');
    const expanded = await expandInputs(['tree', 'archive/2021/03/sample.txt'], dir);
    const counter = expanded.countAhead()!;
    expect(counter.total).toBeNull();
    while (counter.total === null) counter.advance(50);
    const walked: Entry[] = [];
    for await (const entry of expanded.entries) walked.push(entry);
    expect(counter.total).toBe(walked.length);
    expect(walked).toHaveLength(7);
    // Without a folder, the total is known up front: nothing to count.
    expect((await expandInputs(['archive/2021/03/sample.txt'], dir)).countAhead()).toBeNull();
  });
});

describe('5. the final summary: records as well as files, the time taken, where the output went', () => {
  it('counts the dispatches of pages holding several, apart from the files', async () => {
    copyFixture(dir, 'layout-kcna-co-jp-daily-1999', 'daily/14.txt');
    copyFixture(dir, 'sample', 'daily/sample.txt');
    const run = await cli(['daily', '-o', 'out.csv']);
    expect(run.status).toBe(0);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^converted 2 of 2 files, 0 failed: 4 dispatches to out\.csv in 0\.12s; /);
    // The CSV has as many rows as the summary says.
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(1 + 4);
  });

  it('counts teasers with --records teasers, and the files written with --out-dir', async () => {
    const teasers = await cli(['archive/2021', '-f', 'ndjson', '--records', 'teasers']);
    const rows = teasers.stdout.trim().split('\n').length;
    expect(teasers.stderr.trim().split('\n').at(-1)).toBe(`converted 2 of 2 files, 0 failed: ${rows} teasers to standard output in 0.12s; 0 warnings`);
    const folder = await cli(['archive/2021', '--out-dir', 'out']);
    expect(folder.stderr.trim().split('\n').at(-1)).toBe('converted 2 of 2 files, 0 failed: 2 dispatches to 2 files under out in 0.12s; 0 warnings');
  });

  it('gives the time the run took', async () => {
    const run = await cli(['archive/2021'], { KCNA_PARSE_TEST_ELAPSED: '75' });
    expect(run.stderr).toContain(' in 1m15s; ');
    const measured = await runInProcess(['archive/2021'], { cwd: dir, env: { KCNA_PARSE_TEST_ELAPSED: 'measured' } });
    expect(measured.stderr).toMatch(/ in \d+(?:\.\d+)?s; /);
  });
});

describe('6. skipped files are said', () => {
  it('a folder holding only files the walk does not take: said by extension, and status 1', async () => {
    put('scans/page1.pdf', '%PDF-1.4\n');
    put('scans/page2.PDF', '%PDF-1.4\n');
    put('scans/README', 'notes');
    put('scans/.DS_Store', 'x');
    const run = await cli(['scans']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('[]\n');
    expect(run.stderr).toBe(
      'kcna-parse: error: nothing converted: the folders given hold 3 files (.pdf 2, no extension 1) but no text capture, web page or web archive ' +
        '(a folder walk takes *.txt, *.html, *.htm, *.xhtml, *.kcmsf, *.warc, *.warc.gz, *.wacz; name other files, or give a glob pattern, to read them)\n' +
        'converted 0 of 0 files, 0 failed: 0 dispatches to standard output in 0.12s; 0 warnings\n',
    );
    // The refusal is an error: it is printed with --quiet too.
    const quiet = await cli(['scans', '--quiet']);
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).toMatch(/^kcna-parse: error: nothing converted: /);
  });

  it('files skipped beside converted ones are counted, and the run succeeds', async () => {
    copyFixture(dir, 'sample', 'mixed/a.txt');
    put('mixed/b.jpg', 'x');
    put('mixed/sub/c.jpg', 'x');
    put('mixed/sub/d.doc', 'x');
    const run = await cli(['mixed', '-f', 'ndjson']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('skipped 3 files (.jpg 2, .doc 1) that are neither text captures, web pages nor web archives\n');
  });

  it('an empty folder is no mistake: [] and status 0, nothing said of skipped files', async () => {
    mkdirSync(path.join(dir, 'empty'));
    put('empty/.hidden', 'x');
    const run = await cli(['empty']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('[]\n');
    expect(run.stderr).not.toContain('skipped');
  });
});

describe('7. years: which part of the path gave which year, once each', () => {
  const lead = 'Pyongyang, March 2 (KCNA) -- Text here. -0-\n';

  it('--year 2020 on a file whose name and folders both give 2021: one warning naming both', async () => {
    put('archive/2021/03/2021-03-02-x.txt', lead);
    const run = await cli(['archive/2021/03/2021-03-02-x.txt', '--year', '2020', '--warnings', 'all']);
    expect(run.stderr).toBe(
      'archive/2021/03/2021-03-02-x.txt: warning YEAR_CONFLICT year sources disagree: the year option gives 2020, the file name and the folders give 2021; keeping 2020\n',
    );
    expect(JSON.parse(run.stdout).warnings).toHaveLength(1);
  });

  it('yr/2019/03/2021-03-02-….txt names the file name and the folders, each with its year', async () => {
    put('yr/2019/03/2021-03-02-story.txt', lead);
    const run = await cli(['yr/2019/03/2021-03-02-story.txt']);
    expect(run.stderr).toBe('yr/2019/03/2021-03-02-story.txt: warning YEAR_CONFLICT year sources disagree: the file name gives 2021, the folders give 2019; keeping 2021\n');
    expect(JSON.parse(run.stdout).lead.date).toBe('2021-03-02');
  });

  it('a date in a folder name is said to be a folder name', async () => {
    put('2019-03-02/2021-03-02.txt', lead);
    const run = await cli(['2019-03-02/2021-03-02.txt']);
    expect(run.stderr).toContain('year sources disagree: a folder name gives 2019, the file name gives 2021; keeping 2019\n');
  });
});
