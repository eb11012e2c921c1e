/**
 * Issue 20, "Defects found by an adversarial pass": the defects of the library (the package entry),
 * each with a regression test named after it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KcnaError, UsageError, checkRecord, parseDispatch, parseFiles, toNinjs, type FileResult, type ParseFilesOptions } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = readFileSync(new URL('../../fixtures/sample/input.txt', import.meta.url));
const SAMPLE_ID = '6dd0720fb7e1ed25ad83f64257d235d0';

/** What `run` throws, as { class, code, message }; fails when it throws nothing. */
function thrown(run: () => unknown): { kind: string; code: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KcnaError);
    const { name, code, message } = error as KcnaError;
    return { kind: name, code, message };
  }
  throw new Error('nothing was thrown');
}

/** What parseFiles throws before it yields, as thrown() gives it. */
async function thrownByParseFiles(patterns: unknown, options?: unknown): Promise<{ kind: string; code: string; message: string }> {
  try {
    for await (const _ of parseFiles(patterns as string[], options as ParseFilesOptions)) break;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const { name, code, message } = error as UsageError;
    return { kind: name, code, message };
  }
  throw new Error('nothing was thrown');
}

async function collect(patterns: string | string[], options: ParseFilesOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for await (const result of parseFiles(patterns, { cwd: ROOT, ...options })) results.push(result);
  return results;
}

describe('regression: issue 20, adversarial defects (2)', () => {
  it("Library: parseDispatch given an ArrayBuffer, DataView, null, undefined or a number throws a raw TypeError (bytes.subarray is not a function); so do {path: 42}, options null, parseFiles with {cwd: 42} or [42], checkRecord('bogus'), toNinjs({})", async () => {
    // Bytes in any of their forms are read, and read alike (the view's own bytes, not its buffer's).
    const padded = new Uint8Array(SAMPLE.length + 8);
    padded.set(SAMPLE, 4);
    const forms: unknown[] = [
      SAMPLE,
      new Uint8Array(SAMPLE),
      new Uint8Array(SAMPLE).buffer,
      new DataView(padded.buffer, 4, SAMPLE.length),
      new Uint8Array(padded.buffer, 4, SAMPLE.length),
      new Int8Array(padded.buffer, 4, SAMPLE.length),
    ];
    for (const form of forms) {
      const result = parseDispatch(form as Uint8Array);
      expect(result.ok && result.document.id).toBe(SAMPLE_ID);
      expect(result.ok && result.document.source.bytes).toBe(SAMPLE.length);
    }

    // Anything else is an INVALID_OPTION naming the argument and what it got, never a TypeError.
    const input = "Invalid argument input: must be the capture's bytes (a Uint8Array, Buffer, ArrayBuffer or DataView) or its text (a string), got";
    const error = (message: string) => ({ kind: 'KcnaError', code: 'INVALID_OPTION', message });
    expect(thrown(() => parseDispatch(null as never))).toEqual(error(`${input} null`));
    expect(thrown(() => parseDispatch(undefined as never))).toEqual(error(`${input} undefined`));
    expect(thrown(() => parseDispatch(42 as never))).toEqual(error(`${input} 42`));
    expect(thrown(() => parseDispatch({ length: 3 } as never))).toEqual(error(`${input} an object`));
    expect(thrown(() => parseDispatch([1, 2] as never))).toEqual(error(`${input} an array of 2`));
    expect(thrown(() => parseDispatch(SAMPLE, { path: 42 } as never))).toEqual(error('Invalid option path: must be a string or null, got 42'));
    expect(thrown(() => parseDispatch(SAMPLE, null as never))).toEqual(error('Invalid argument options: must be an object (or left out), got null'));
    expect(thrown(() => parseDispatch(SAMPLE, 'x.txt' as never))).toEqual(error("Invalid argument options: must be an object (or left out), got 'x.txt'"));
    // Still accepted: no options, and a null path.
    expect(parseDispatch(SAMPLE, undefined).ok).toBe(true);
    expect(parseDispatch(SAMPLE, { path: null }).ok).toBe(true);

    // parseFiles throws a UsageError (INVALID_OPTION) before it yields anything.
    const usage = (message: string) => ({ kind: 'UsageError', code: 'INVALID_OPTION', message });
    expect(await thrownByParseFiles(['fixtures/sample/input.txt'], { cwd: 42 })).toEqual(
      usage('Invalid option cwd: must be the path of a folder (a non-empty string), got 42'),
    );
    expect(await thrownByParseFiles([42])).toEqual(usage("Invalid argument patterns[0]: must be a path, folder, glob pattern or '-' (a string), got 42"));
    expect(await thrownByParseFiles(['a.txt', null])).toEqual(usage("Invalid argument patterns[1]: must be a path, folder, glob pattern or '-' (a string), got null"));
    expect(await thrownByParseFiles(null)).toEqual(usage("Invalid argument patterns: must be a path, folder, glob pattern or '-' (a string), or an array of them, got null"));
    expect(await thrownByParseFiles(42)).toEqual(usage("Invalid argument patterns: must be a path, folder, glob pattern or '-' (a string), or an array of them, got 42"));
    expect(await thrownByParseFiles(['a.txt'], null)).toEqual(usage('Invalid argument options: must be an object (or left out), got null'));
    expect(await thrownByParseFiles(['-'], { stdin: 'text' })).toEqual(usage("Invalid option stdin: must be a readable stream, got 'text'"));

    // checkRecord names the schemas it knows.
    expect(thrown(() => checkRecord('bogus' as never, {}))).toEqual(
      error("Invalid argument schema: must be 'dispatch', 'teaser-record', 'dispatch-row' or 'teaser-row', got 'bogus'"),
    );
    expect(thrown(() => checkRecord('constructor' as never, {})).code).toBe('INVALID_OPTION');
    expect(checkRecord('dispatch', {}).valid).toBe(false);

    // toNinjs checks its document, and says what is wrong with it.
    expect(thrown(() => toNinjs({} as never))).toEqual(
      error("Invalid argument document: must be a dispatch document, as parseDispatch gives (/ must have required property 'schemaVersion'), got an object"),
    );
    expect(thrown(() => toNinjs(null as never)).code).toBe('INVALID_OPTION');
    const parsed = parseDispatch(SAMPLE);
    expect(parsed.ok && toNinjs(parsed.document).uri).toBe(`urn:kcna-parse:dispatch:${SAMPLE_ID}`);
  });

  it("Library: parseFiles('/abs/file.txt') (a string, not an array) iterates its characters; the pattern / then walks every *.txt on the machine", async () => {
    const file = `${ROOT}fixtures/sample/input.txt`;
    // A string is one pattern: the file, once; never its characters (and never the pattern '/').
    const results = await collect(file);
    expect(results.map((result) => (result.ok ? [result.input.display, result.document.id] : [result.display, result.error.code]))).toEqual([[file, SAMPLE_ID]]);
    // The same as the array of one.
    expect((await collect([file])).map((result) => result.ok && result.document.id)).toEqual([SAMPLE_ID]);
    // A glob pattern as a string.
    expect((await collect('fixtures/{sample,crlf}/input.txt')).map((result) => result.ok && result.input.display)).toEqual([
      'fixtures/crlf/input.txt',
      'fixtures/sample/input.txt',
    ]);
  });
});
