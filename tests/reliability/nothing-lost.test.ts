/**
 * Nothing lost, nothing overwritten: one regression test per defect that was found, named after it.
 * Most run the command line in-process; those about real processes (signals, /dev/stdout, pipes)
 * run the built binary.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KcnaError, UsageError, parseDispatch, parseFiles, type FileResult } from '../../src/index.js';
import { expandInputs } from '../../src/io/inputs.js';
import { renderResult } from '../../src/pipeline/render.js';
import { BIN, ROOT, fixture, makeWorkspace, putFile, runCli } from '../cli/helpers.js';
import { runInProcess } from '../helpers/in-process.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const at = (relative: string) => path.join(dir, relative);
const put = (relative: string, bytes: Buffer | string) => void putFile(dir, relative, bytes);
const SAMPLE = () => fixture('sample');
/** Every file below a folder, recursively, with hidden ones (temporary files) included. */
const listAll = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
const temporaries = (folder: string) => listAll(folder).filter((name) => name.endsWith('.tmp'));
const isRoot = process.getuid?.() === 0;

describe('2. outputs can destroy inputs', () => {
  it('b.txt -o b.txt is a usage error and leaves the input as it was', async () => {
    put('b.txt', SAMPLE());
    const run = await runInProcess(['b.txt', '-o', 'b.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kcna-parse: error: -o\/--output .*b\.txt is also an input of this run; writing it would destroy the input$/m);
    expect(readFileSync(at('b.txt'))).toEqual(SAMPLE());
  });

  it('--report naming an input is a usage error and leaves the input as it was', async () => {
    put('b.txt', SAMPLE());
    const run = await runInProcess(['b.txt', '--report', 'b.txt', '-o', 'out.json'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--report');
    expect(readFileSync(at('b.txt'))).toEqual(SAMPLE());
    expect(existsSync(at('out.json'))).toBe(false);
  });

  it('-o X --report X is a usage error, and nothing is written', async () => {
    const run = await runInProcess(['archive', '-o', 'x.json', '--report', 'x.json'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--report and -o/--output name the same file');
    expect(existsSync(at('x.json'))).toBe(false);
  });

  it('an -o file that a folder given as input would walk (*.txt) is refused', async () => {
    put('archive/2021/out.txt', 'previous\n');
    const run = await runInProcess(['archive', '-o', 'archive/2021/out.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(readFileSync(at('archive/2021/out.txt'), 'utf8')).toBe('previous\n');
  });

  it('an input reached through a symbolic link is still recognised as the -o file', async () => {
    put('b.txt', SAMPLE());
    symlinkSync('b.txt', at('alias.txt'));
    const run = await runInProcess(['b.txt', '-o', 'alias.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(readFileSync(at('b.txt'))).toEqual(SAMPLE());
  });
});

describe('3. -o replaces what it should write through', () => {
  it('-o - is standard output', async () => {
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', '-'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).source.path).toBe('archive/2021/03/sample.txt');
    expect(existsSync(at('-'))).toBe(false);
  });

  it('-o /dev/stdout writes to standard output, as root too', async () => {
    const run = await runCli(['archive/2021/03/sample.txt', '-o', '/dev/stdout', '-f', 'ndjson'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).source.path).toBe('archive/2021/03/sample.txt');
  });

  it('-o /dev/null stays the null device', async () => {
    const before = statSync('/dev/null');
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', '/dev/null'], { cwd: dir });
    expect(run.status).toBe(0);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
  });

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('-o a named pipe writes into the pipe, which stays a pipe', async () => {
    const fifo = at('pipe.ndjson');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const run = await runInProcess(['archive/2021', '-o', fifo, '-f', 'ndjson'], { cwd: dir });
    await closed;
    expect(run.status).toBe(0);
    expect(received.trim().split('\n')).toHaveLength(2);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('-o a symbolic link replaces its target atomically and keeps the link', async () => {
    put('data/real.json', 'previous\n');
    symlinkSync('data/real.json', at('link.json'));
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', 'link.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(lstatSync(at('link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at('link.json'))).toBe('data/real.json');
    expect(JSON.parse(readFileSync(at('data/real.json'), 'utf8')).source.path).toBe('archive/2021/03/sample.txt');
    expect(temporaries(dir)).toEqual([]);
  });

  it('-o a dangling symbolic link creates its target', async () => {
    mkdirSync(at('data'));
    symlinkSync('data/new.json', at('link.json'));
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', 'link.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(lstatSync(at('link.json')).isSymbolicLink()).toBe(true);
    expect(existsSync(at('data/new.json'))).toBe(true);
  });

  it('a replaced file keeps its mode, and its owner', async () => {
    put('out.json', 'previous\n');
    chmodSync(at('out.json'), 0o640);
    if (isRoot) chownSync(at('out.json'), 1234, 5678);
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', 'out.json'], { cwd: dir });
    expect(run.status).toBe(0);
    const info = statSync(at('out.json'));
    expect(info.mode & 0o777).toBe(0o640);
    if (isRoot) expect([info.uid, info.gid]).toEqual([1234, 5678]);
    expect(readFileSync(at('out.json'), 'utf8')).not.toBe('previous\n');
  });
});

describe('4. --out-dir loses outputs', () => {
  it('x/d.txt y/d.txt: the second is an OUTPUT_CONFLICT, the first output stays', async () => {
    put('x/d.txt', SAMPLE());
    put('y/d.txt', fixture('crlf'));
    const run = await runInProcess(['x/d.txt', 'y/d.txt', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^y\/d\.txt: error OUTPUT_CONFLICT its output .*out\/d\.json was already written for x\/d\.txt in this run/m);
    expect(JSON.parse(readFileSync(at('out/d.json'), 'utf8')).source.path).toBe('x/d.txt');
    expect(run.stderr).toContain('converted 1 of 2 files, 1 failed');
  });

  it('two folders sharing a relative path: the second is an OUTPUT_CONFLICT', async () => {
    put('a/2021/d.txt', SAMPLE());
    put('b/2021/d.txt', fixture('crlf'));
    const run = await runInProcess(['a', 'b', '--out-dir', 'out', '--report', 'report.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^b\/2021\/d\.txt: error OUTPUT_CONFLICT/m);
    const report = JSON.parse(readFileSync(at('report.json'), 'utf8'));
    expect(report.files.map((file: { status: string }) => file.status)).toEqual(['converted', 'failed']);
  });

  it("'-' and stdin.txt: the second is an OUTPUT_CONFLICT", async () => {
    put('stdin.txt', fixture('crlf'));
    const run = await runInProcess(['-', 'stdin.txt', '--out-dir', 'out'], { cwd: dir, stdin: SAMPLE() });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^stdin\.txt: error OUTPUT_CONFLICT/m);
    expect(JSON.parse(readFileSync(at('out/stdin.json'), 'utf8')).source.path).toBeNull();
  });

  it("a brace glob '{a,b}/x.txt' keeps both branches, below their common folder", async () => {
    put('a/x.txt', SAMPLE());
    put('b/x.txt', fixture('crlf'));
    const run = await runInProcess(['{a,b}/x.txt', '--out-dir', 'out'], { cwd: dir });
    expect(run.stderr).toContain('converted 2 of 2 files');
    expect(run.status).toBe(0);
    expect(listAll(at('out'))).toEqual(['a/x.json', 'b/x.json']);
  });

  it('a symbolic link inside the out-dir cannot lead an output out of it', async () => {
    put('in/sub/x.txt', SAMPLE());
    mkdirSync(at('elsewhere'));
    mkdirSync(at('out'));
    symlinkSync(at('elsewhere'), at('out/sub'));
    const run = await runInProcess(['in', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^in\/sub\/x\.txt: error OUTPUT_CONFLICT .*outside the output folder/m);
    expect(readdirSync(at('elsewhere'))).toEqual([]);
  });

  it('an unwritable output (a subfolder that is a file, a directory in the way, a name too long) fails that input only, and the report is written', async () => {
    put('in/03/a.txt', SAMPLE());
    put('in/b.txt', SAMPLE());
    put('in/c.txt', fixture('crlf'));
    put(`in/${'n'.repeat(250)}.txt`, fixture('crlf'));
    put('out/03', 'a file where a folder is needed\n');
    mkdirSync(at('out/b.json'), { recursive: true });
    const run = await runInProcess(['in', '--out-dir', 'out', '--report', 'report.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^in\/03\/a\.txt: error WRITE_ERROR .*\(ENOTDIR\) \(kcna-parse explain WRITE_ERROR\)$/m);
    expect(run.stderr).toMatch(/^in\/b\.txt: error WRITE_ERROR .*\(EISDIR\) \(kcna-parse explain WRITE_ERROR\)$/m);
    expect(run.stderr).toMatch(/^in\/n+\.txt: error WRITE_ERROR .*\(ENAMETOOLONG\) \(kcna-parse explain WRITE_ERROR\)$/m);
    expect(existsSync(at('out/c.json'))).toBe(true);
    const report = JSON.parse(readFileSync(at('report.json'), 'utf8'));
    expect(report.summary).toEqual({ files: 4, converted: 1, failed: 3, duplicates: 0, warnings: 0 });
    expect(temporaries(dir)).toEqual([]);
  });

  it('--out-dir /proc/x returns at once with a WRITE_ERROR', async () => {
    const run = await runInProcess(['archive', '--out-dir', '/proc/kcna-parse-test/x'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^kcna-parse: error: cannot write \/proc\/kcna-parse-test: .*\(ENOENT\)$/m);
  });
});

describe('5. one input aborts the batch', () => {
  it('records past the engine string limit are a RENDER_LIMIT for that input, not the end of the run', () => {
    const parsed = (async () => {
      for await (const result of parseFiles(['archive/2021/03/sample.txt'], { cwd: dir })) return result;
      throw new Error('no result');
    })();
    return parsed.then((result: FileResult) => {
      const rendered = renderResult(
        result,
        () => {
          throw new RangeError('Invalid string length');
        },
        false,
      );
      expect(rendered).toMatchObject({ ok: false, display: 'archive/2021/03/sample.txt', error: { code: 'RENDER_LIMIT' } });
    });
  });

  it('records sure to pass the string limit are refused as RENDER_LIMIT before any text is built', async () => {
    const { ndjsonRenderer, jsonRenderer } = await import('../../src/emit/json.js');
    const parsed = (await parseFiles(['archive/2021/03/sample.txt'], { cwd: dir }).next()).value as FileResult;
    if (!parsed.ok) throw new Error('the sample must convert');
    // 200,000 warnings sharing one 3,000-character message: 600 million characters of JSON.
    const message = 'm'.repeat(3000);
    const warnings = Array.from({ length: 200_000 }, (_, i) => ({ code: 'TRAILING_TEXT' as const, line: i + 1, message, text: 'ab' }));
    const huge = { ...parsed.document, warnings };
    // Refused from the count, not after building half a gigabyte of text (which takes seconds).
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (const render of [ndjsonRenderer((d) => [d]), jsonRenderer((d) => [d], false)]) {
        expect(() => render(huge)).toThrow(expect.objectContaining({ code: 'RENDER_LIMIT' }));
      }
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('a quoted glob over 130,000 files does not overflow the stack', { timeout: 120_000 }, async () => {
    const many = at('many');
    mkdirSync(many);
    for (let i = 0; i < 130_000; i++) writeFileSync(path.join(many, `${i}.txt`), '');
    const { entries } = await expandInputs(['many/*.txt'], dir);
    let count = 0;
    for await (const entry of entries) if ('input' in entry) count++;
    expect(count).toBe(130_000);
  });

  it('--report streams its rows to the file as the run goes, instead of building one string', async () => {
    const { ReportFile } = await import('../../src/cli/convert/report-file.js');
    const report = await ReportFile.open({ kind: 'file', file: at('r.json'), exists: false }, process.stdout);
    const row = { path: 'x.txt', status: 'converted' as const, id: null, ids: [], warnings: [], error: null };
    // About 300 KiB of rows: more than one write batch, so some must already be on disk.
    for (let i = 0; i < 2000; i++) await report.add({ ...row, path: `${'x'.repeat(100)}${i}.txt` });
    const [temporary] = temporaries(dir);
    expect(temporary).toBeDefined();
    expect(statSync(at(temporary!)).size).toBeGreaterThan(64 * 1024);
    await report.finish({ files: 2000, converted: 2000, failed: 0, duplicates: 0, warnings: 0 }, 0);
    expect(JSON.parse(readFileSync(at('r.json'), 'utf8')).files).toHaveLength(2000);
  });
});

describe('7. signals', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
  ] as const)('%s leaves no temporary -o file, and the previous file as it was', async (signal, status) => {
    for (let i = 0; i < 400; i++) put(`big/${String(i).padStart(4, '0')}.txt`, SAMPLE());
    put('out.json', 'previous\n');
    const child = spawn(process.execPath, [BIN, 'big', '-o', 'out.json'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, stdio: 'ignore' });
    // Wait for the temporary file: the run is under way.
    for (let i = 0; i < 200 && temporaries(dir).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill(signal);
    const code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(code).toBe(status);
    expect(temporaries(dir)).toEqual([]);
    expect(readFileSync(at('out.json'), 'utf8')).toBe('previous\n');
  });

  it('SIGINT stops the run while a long input is being parsed, not after', async () => {
    // About 12 MB of paragraphs: parsing takes seconds; the signal must be acted on at once.
    const paragraph = 'The Korean people are making a great leap forward in the building of a thriving nation. ';
    put('long.txt', `Pyongyang, March 23 (KCNA) -- ${paragraph.repeat(4)}\n${`${paragraph.repeat(10)}\n`.repeat(14_000)}-0-\n`);
    const child = spawn(process.execPath, [BIN, 'long.txt', '--max-bytes', '64M', '-o', 'out.json'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, stdio: 'ignore' });
    for (let i = 0; i < 500 && temporaries(dir).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    const waited = Date.now() - sent;
    expect(code).toBe(130);
    expect(temporaries(dir)).toEqual([]);
    expect(existsSync(at('out.json'))).toBe(false);
    // The parse alone takes several seconds; an answer within one shows it did not wait for it.
    expect(waited).toBeLessThan(1000);
  });

  it('temporary files left by a killed run are removed by a later run; a live run’s are not', async () => {
    put('.out.json.999999-deadbeef.tmp', 'left by a run killed with SIGKILL\n');
    put(`.out.json.${process.pid}-cafebabe.tmp`, 'belongs to a live process\n');
    const run = await runInProcess(['archive/2021/03/sample.txt', '-o', 'out.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(existsSync(at('.out.json.999999-deadbeef.tmp'))).toBe(false);
    expect(existsSync(at(`.out.json.${process.pid}-cafebabe.tmp`))).toBe(true);
  });
});

describe('9. terminal injection', () => {
  it('a file name with a line break or an escape sequence is printed escaped', async () => {
    put('evil\nfake.txt: error INTERNAL_ERROR planted.txt', '');
    put('\u001b[2Jclear.txt', '');
    const run = await runInProcess(['evil\nfake.txt: error INTERNAL_ERROR planted.txt', '\u001b[2Jclear.txt'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toContain('evil\\nfake.txt: error INTERNAL_ERROR planted.txt: error EMPTY_INPUT');
    expect(run.stderr).toContain('\\x1b[2Jclear.txt: error EMPTY_INPUT');
    // One line per failed input and the summary: nothing planted.
    expect(run.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('an escape sequence quoted from an input line in a warning is printed escaped', async () => {
    put('w.txt', `${SAMPLE().toString('utf8')}\u001b]0;owned\u0007 trailing\n`);
    const run = await runInProcess(['w.txt', '-f', 'ndjson'], { cwd: dir });
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\u0007');
  });
});

describe('10. library', () => {
  const collect = async (patterns: string[], options: object) => {
    const results: FileResult[] = [];
    for await (const result of parseFiles(patterns, { cwd: dir, ...options })) results.push(result);
    return results;
  };

  it('parseFiles(paths, {year: 21}) throws INVALID_OPTION up front instead of failing every file', async () => {
    const thrown = await collect(['archive'], { year: 21 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toMatchObject({ code: 'INVALID_OPTION', kind: 'usage' });
    expect((thrown as Error).message).toBe('Invalid option year: must be a whole number from 1000 to 9999, got 21');
  });

  it.each([-1, 0, 1.5, Number.NaN])('a maxBytes of %s is refused as INVALID_OPTION', async (maxBytes) => {
    const thrown = await collect(['archive'], { maxBytes }).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('library messages name no command-line flag', async () => {
    const [tooLarge] = await collect(['archive/2021/03/sample.txt'], { maxBytes: 10 });
    const messages = [tooLarge!.ok ? '' : tooLarge!.error.message];
    for (const options of [{ year: 21 }, { maxBytes: -1 }]) messages.push(((await collect(['archive'], options).catch((error: KcnaError) => error)) as KcnaError).message);
    // Warnings about the year option too (YEAR_CONFLICT, IMPOSSIBLE_DATE).
    for (const [name, year] of [
      ['year-conflict', 2020],
      ['impossible-year', 2021],
    ] as const) {
      const parsed = parseDispatch(readFileSync(path.join(ROOT, 'fixtures', name, 'input.txt')), { year, path: `archive/${name}.txt` });
      if (!parsed.ok) throw new Error(`${name} must parse`);
      for (const warning of parsed.diagnostics) messages.push(warning.message);
      expect(parsed.diagnostics.some((warning) => /year option/.test(warning.message)), name).toBe(true);
    }
    for (const message of messages) expect(message).not.toMatch(/--[a-z]/);
  });
});

describe('11. smaller defects', () => {
  it('-o with zero records in a batch replaces the previous content with the empty output', async () => {
    put('out.csv', 'previous\n');
    const run = await runInProcess(['archive/broken', '-o', 'out.csv'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(readFileSync(at('out.csv'), 'utf8').split('\r\n')[0]).toMatch(/^path,/);
  });

  it("an empty argument '' is a usage error, not a walk of the working folder", async () => {
    const run = await runInProcess([''], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('an empty argument is not a file, folder or pattern');
    expect(run.stdout).toBe('');
  });

  it('files of /proc are read to their end, not as empty', async () => {
    const run = await runInProcess(['/proc/self/status'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error NOT_A_DISPATCH');
  });

  it('--report into a missing folder fails before any input is read', async () => {
    const run = await runInProcess(['archive', '-f', 'ndjson', '--report', 'missing/report.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`kcna-parse: error: cannot write ${at('missing/report.json')}: no such directory (ENOENT)\n`);
  });
});

describe('6. a worker failure under --jobs', () => {
  // What the pool is run with in these tests: NDJSON of 'many/NNN.txt', each the sample.
  const spec = { format: 'ndjson' as const, records: 'dispatches' as const, single: false, bom: false, excelSafe: false };
  const setup = { spec, year: undefined, defaultYear: undefined, maxBytes: 1 << 20, keepDocuments: false };
  const options = { year: undefined, defaultYear: undefined, maxBytes: 1 << 20, stdin: () => process.stdin, keepDocuments: false, select: null, onSkip: null };
  const names = (count: number) => Array.from({ length: count }, (_, i) => `many/${String(i).padStart(3, '0')}.txt`);
  const putMany = (count: number) => {
    for (const name of names(count)) put(name, SAMPLE());
  };

  it('fails only the inputs the worker held, as INTERNAL_ERROR; the rest are rendered and nothing is left unhandled', async () => {
    const { renderInPool } = await import('../../dist/pool/pool.js');
    const { createRenderer } = await import('../../dist/emit/index.js');
    // A worker that dies on its first batch.
    const script = at('dying-worker.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom'); });\n");
    putMany(400);
    const { expandInputs: expand } = await import('../../dist/io/inputs.js');
    const { entries } = await expand(['many'], dir);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const results = [];
      for await (const result of renderInPool(entries, setup, 2, await createRenderer(spec), options, new URL(`file://${script}`))) results.push(result);
      expect(results).toHaveLength(400);
      const failed = results.filter((result) => !result.ok);
      // Each worker held a few batches when it died (at most 8 of 32 files in flight); what came
      // after was rendered in this thread.
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.length).toBeLessThan(400);
      for (const result of failed) expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('worker thread') } });
      expect(results.map((result) => result.display)).toEqual(names(400));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('in the default mode, renders the first inputs in this thread and only the rest on workers, which fail alone', async () => {
    const { renderAuto } = await import('../../dist/pool/pool.js');
    const { createRenderer } = await import('../../dist/emit/index.js');
    // A worker that loads (leaves a mark, says it is ready), then dies on its first task.
    const script = at('dying-worker.mjs');
    const loaded = at('worker-loaded');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';\nimport { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom'); });\nwriteFileSync(${JSON.stringify(loaded)}, '');\nparentPort.postMessage({ ready: true });\n`,
    );
    putMany(200);
    const { expandInputs: expand } = await import('../../dist/io/inputs.js');
    /**
     * The inputs, the one after the threshold held back until a worker has loaded: this thread goes
     * on converting while the workers load, and on a busy machine it could otherwise finish the
     * whole batch first.
     */
    async function* waitingForWorkers(entries: AsyncIterable<unknown>, afterInputs: number) {
      let n = 0;
      for await (const entry of entries) {
        if (n++ === afterInputs) {
          while (!existsSync(loaded)) await new Promise((resolve) => setTimeout(resolve, 10));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        yield entry;
      }
    }
    const run = async (afterInputs: number) => {
      rmSync(loaded, { force: true });
      const { entries } = await expand(['many'], dir);
      const held = afterInputs < 200 ? waitingForWorkers(entries, afterInputs) : entries;
      const results = [];
      for await (const result of renderAuto(held as typeof entries, setup, { workers: () => 2, afterInputs }, await createRenderer(spec), options, new URL(`file://${script}`))) results.push(result);
      return results;
    };
    const mixed = await run(50);
    expect(mixed.map((result) => result.display)).toEqual(names(200));
    // The first 50 never reached a worker, nor did the 51st, converted here while the workers
    // loaded (held back until one had); the first batches handed over died with the workers (at
    // most 4 of 32 inputs for each), and the rest was converted here.
    const firstFailure = mixed.findIndex((result) => !result.ok);
    expect(firstFailure).toBe(51);
    expect(mixed[51]).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('worker thread') } });
    expect(mixed.slice(51).filter((result) => !result.ok).length).toBeLessThanOrEqual(2 * 4 * 32);
    // A batch no longer than the threshold starts no worker at all.
    expect((await run(200)).every((result) => result.ok)).toBe(true);
  });

  it('in the default mode, goes on converting in this thread while the workers load, and without them if they never do', async () => {
    const { renderAuto } = await import('../../dist/pool/pool.js');
    const { createRenderer } = await import('../../dist/emit/index.js');
    // A worker that never finishes loading.
    const script = at('stuck-worker.mjs');
    writeFileSync(script, "setInterval(() => undefined, 1000);\n");
    putMany(300);
    const { expandInputs: expand } = await import('../../dist/io/inputs.js');
    const { entries } = await expand(['many'], dir);
    const results = [];
    for await (const result of renderAuto(entries, setup, { workers: () => 2, afterInputs: 10 }, await createRenderer(spec), options, new URL(`file://${script}`))) results.push(result);
    expect(results.map((result) => result.display)).toEqual(names(300));
    expect(results.every((result) => result.ok)).toBe(true);
  });
});

describe('a usage error writes nothing', () => {
  it('--out-dir is not made when the command line is refused after it (a report naming an input)', async () => {
    put('a.txt', SAMPLE());
    const run = await runInProcess(['a.txt', '--out-dir', 'newdir', '--report', 'a.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(existsSync(at('newdir'))).toBe(false);
  });
});

describe('outputs and dedupe under symbolic links, failures and other outputs', () => {
  const T = () => fixture('sample');
  const W = () => fixture('stamp-line');

  it('--dedupe keeps a later copy of a story whose first output could not be written', async () => {
    put('in/x/d.txt', T());
    put('in/y/d.txt', W());
    put('in/z.txt', W());
    const run = await runInProcess(['in/x/d.txt', 'in/y/d.txt', 'in/z.txt', '--out-dir', 'out', '--dedupe'], { cwd: dir });
    expect(run.stderr).toMatch(/^in\/y\/d\.txt: error OUTPUT_CONFLICT/m);
    expect(run.stderr).not.toContain('DUPLICATE_ID');
    expect(listAll(at('out'))).toEqual(['d.json', 'z.json']);
  });

  it('--report inside --out-dir is a usage error, not a file written over an output', async () => {
    put('in/a.txt', T());
    mkdirSync(at('out'));
    const run = await runInProcess(['in', '--out-dir', 'out', '--report', 'out/a.json'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('lies inside --out-dir');
    expect(readdirSync(at('out'))).toEqual([]);
  });

  it('two outputs that are one file through a symbolic link inside --out-dir: the second is an OUTPUT_CONFLICT', async () => {
    put('in/a/x.txt', T());
    put('in/b/x.txt', W());
    mkdirSync(at('out/b'), { recursive: true });
    symlinkSync('b', at('out/a'));
    const run = await runInProcess(['in', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^in\/b\/x\.txt: error OUTPUT_CONFLICT .* already written for in\/a\/x\.txt/m);
    expect(JSON.parse(readFileSync(at('out/b/x.json'), 'utf8')).source.path).toBe('in/a/x.txt');
  });

  it('nothing is made outside --out-dir before an output through a symbolic link is refused', async () => {
    put('in/sub/deeper/a.txt', T());
    mkdirSync(at('out'));
    mkdirSync(at('outside'));
    symlinkSync('../outside', at('out/sub'));
    const run = await runInProcess(['in', '--out-dir', 'out'], { cwd: dir });
    expect(run.stderr).toMatch(/error OUTPUT_CONFLICT/);
    expect(readdirSync(at('outside'))).toEqual([]);
  });

  it.each([
    [['-o', 'in/b.txt']],
    [['-o', 'elsewhere/b.txt']],
    [['-o', 'out.json', '--report', 'in/b.txt']],
  ])('-o or --report naming a walked input reached through a symbolic link is refused: %j', async (options) => {
    put('in/a.txt', T());
    put('elsewhere/b.txt', W());
    symlinkSync('../elsewhere/b.txt', at('in/b.txt'));
    const run = await runInProcess(['in', ...options], { cwd: dir });
    expect(run.status).toBe(2);
    expect(readFileSync(at('elsewhere/b.txt'))).toEqual(W());
    expect(temporaries(dir)).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/shm'))('a regular file under /dev (/dev/shm) is replaced, not appended to', async () => {
    const file = `/dev/shm/kcna-parse-test-${process.pid}.json`;
    try {
      for (let i = 0; i < 2; i++) expect((await runInProcess(['archive/2021/03/sample.txt', '-o', file], { cwd: dir })).status).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8')).source.path).toBe('archive/2021/03/sample.txt');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it.each([['--records', 'teasers'], ['-f', 'csv', '--records', 'teasers']])('a single failed input with %s keeps the previous -o file', async (...options) => {
    put('previous.out', '{"old":1}\n');
    const run = await runInProcess(['archive/broken/empty.txt', '-o', 'previous.out', ...options], { cwd: dir });
    expect(run.status).toBe(1);
    expect(readFileSync(at('previous.out'), 'utf8')).toBe('{"old":1}\n');
  });

  it('temporary files of a killed --out-dir run are swept by the next run into the same folder', async () => {
    put('in/a.txt', T());
    put('out/.a.json.999999-deadbeef.tmp', 'left by a killed run\n');
    const run = await runInProcess(['in', '--out-dir', 'out'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(listAll(at('out'))).toEqual(['a.json']);
  });

  it('a closed pipe while the report goes to standard output ends quietly with 141', async () => {
    const child = spawn(process.execPath, [BIN, 'archive', '-o', 'out.json', '--report', '-'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(code).toBe(141);
    expect(stderr).not.toContain('EPIPE');
  });
});
