/**
 * One input's trouble stays with that input: a file that vanishes between the expansion of the
 * arguments and its read, and a bug that throws while one input is parsed, are each reported with
 * the file's name, and the inputs after them are still converted.
 */
import { rmSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runConvert } from '../../src/cli/convert.js';
import { convertBytes, convertEntries, type FileResult } from '../../src/pipeline/convert.js';
import { expandInputs } from '../../src/io/inputs.js';
import { DEFAULT_MAX_BYTES } from '../../src/io/read.js';
import * as parser from '../../src/parse/parse.js';
import { copyFixture, fixture, makeWorkspace } from '../cli/helpers.js';

// The real parser, except that it can be told to throw for one input (a stand-in for a bug).
vi.mock('../../src/parse/parse.js', async (importOriginal) => {
  const actual = await importOriginal<typeof parser>();
  return { ...actual, parseDispatch: vi.fn(actual.parseDispatch) };
});
const parseDispatch = vi.mocked(parser.parseDispatch);

/** Makes parsing throw for the input recorded with `path`, and only for it. */
async function bugFor(path: string): Promise<void> {
  const actual = await vi.importActual<typeof parser>('../../src/parse/parse.js');
  parseDispatch.mockImplementation((input, options) => {
    if (options?.path === path) throw new TypeError("Cannot read properties of undefined (reading 'text')");
    return actual.parseDispatch(input, options);
  });
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(async () => {
  cleanup();
  parseDispatch.mockImplementation((await vi.importActual<typeof parser>('../../src/parse/parse.js')).parseDispatch);
});

const summary = (result: FileResult) => [result.ok ? result.input.display : result.display, result.ok ? 'ok' : result.error.code];

async function convertAll(patterns: string[]): Promise<FileResult[]> {
  const { entries } = await expandInputs(patterns, dir);
  const results: FileResult[] = [];
  for await (const result of convertEntries(entries)) results.push(result);
  return results;
}

describe('a file removed between the expansion of the arguments and its read', () => {
  it('is a READ_ERROR naming it, and the others convert', async () => {
    copyFixture(dir, 'sample', 'archive/2021/03/zz-last.txt');
    const { entries } = await expandInputs(['archive/2021'], dir);
    const results: FileResult[] = [];
    for await (const result of convertEntries(entries)) {
      // Folders are walked as the run goes: by the first result, folder 03 has been listed, so
      // sample.txt is removed after it was found and before it is read.
      if (results.length === 0) rmSync(`${dir}/archive/2021/03/sample.txt`);
      results.push(result);
    }
    expect(results.map(summary)).toEqual([
      ['archive/2021/03/crlf.txt', 'ok'],
      ['archive/2021/03/sample.txt', 'READ_ERROR'],
      ['archive/2021/03/zz-last.txt', 'ok'],
    ]);
    const gone = results[1];
    expect(!gone!.ok && [gone!.error.path, gone!.error.message]).toEqual(['archive/2021/03/sample.txt', 'cannot read: no such file or directory (ENOENT)']);
  });
});

describe('an internal error (a bug) on one input', () => {
  it('becomes an INTERNAL_ERROR result naming the file, with a hint to report it; later inputs convert', async () => {
    await bugFor('archive/2021/03/crlf.txt');
    const results = await convertAll(['archive/2021/03/crlf.txt', 'archive/2021/03/sample.txt', 'archive/2024/02/stamp.txt']);
    expect(results.map(summary)).toEqual([
      ['archive/2021/03/crlf.txt', 'INTERNAL_ERROR'],
      ['archive/2021/03/sample.txt', 'ok'],
      ['archive/2024/02/stamp.txt', 'ok'],
    ]);
    const [failed] = results;
    if (failed!.ok) return;
    expect(failed!.error.path).toBe('archive/2021/03/crlf.txt');
    expect(failed!.error.message).toBe(
      "internal error: Cannot read properties of undefined (reading 'text'); please report this with the input file",
    );
    expect(failed!.error.cause).toBeInstanceOf(TypeError);
  });

  it('is caught by convertBytes itself, which never throws', async () => {
    await bugFor('x.txt');
    const result = convertBytes({ kind: 'file', display: 'x.txt', absolute: `${dir}/x.txt`, base: dir }, fixture('sample'), undefined);
    expect(result).toMatchObject({ ok: false, display: 'x.txt', error: { code: 'INTERNAL_ERROR', path: 'x.txt' } });
  });

  it('is one error line on standard error, status 1, and the other documents are written', async () => {
    await bugFor('archive/2021/03/crlf.txt');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks = { out: '', err: '' };
    stdout.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
    const status = await runConvert(
      ['archive/2021/03/crlf.txt', 'archive/2021/03/sample.txt'],
      { format: 'ndjson', records: 'dispatches', maxBytes: DEFAULT_MAX_BYTES },
      { stdout, stderr, stdin: Readable.from([]), env: { NO_COLOR: '1', KCNA_PARSE_TEST_ELAPSED: '0.12' }, cwd: dir },
    );
    expect(status).toBe(1);
    expect(chunks.err.split('\n').filter(Boolean)).toEqual([
      "archive/2021/03/crlf.txt: error INTERNAL_ERROR internal error: Cannot read properties of undefined (reading 'text'); please report this with the input file (kcna-parse explain INTERNAL_ERROR)",
      'converted 1 of 2 files, 1 failed: 1 dispatch to standard output in 0.12s; 0 warnings',
    ]);
    expect(chunks.out.trim().split('\n').map((line) => JSON.parse(line).source.path)).toEqual(['archive/2021/03/sample.txt']);
  });
});
