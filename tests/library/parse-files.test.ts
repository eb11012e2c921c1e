/**
 * parseFiles through the package entry: one result per input, in input order, and one bad input
 * never stops the others.
 */
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KcnaError, UsageError, parseFiles, validateDocument, type FileResult, type ParseFilesOptions } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function collect(patterns: string[], options: ParseFilesOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for await (const result of parseFiles(patterns, { cwd: ROOT, ...options })) results.push(result);
  return results;
}

/** What a caller typically logs per input: its name and either the id or the error code. */
const summary = (result: FileResult) => (result.ok ? [result.input.display, result.document.id] : [result.display, result.error.code]);

describe('parseFiles', () => {
  it('yields the inputs in the order given, a missing file in the middle included', async () => {
    const results = await collect(['fixtures/sample/input.txt', 'fixtures/no-such-case/input.txt', 'fixtures/mirror-b/input.txt', 'fixtures/mirror-a/input.txt']);
    expect(results.map(summary)).toEqual([
      ['fixtures/sample/input.txt', '6dd0720fb7e1ed25ad83f64257d235d0'],
      ['fixtures/no-such-case/input.txt', 'READ_ERROR'],
      ['fixtures/mirror-b/input.txt', '54f8aab1c00020bb3ee0093c3150c085'],
      ['fixtures/mirror-a/input.txt', '54f8aab1c00020bb3ee0093c3150c085'],
    ]);
    const missing = results[1]!;
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error).toBeInstanceOf(KcnaError);
      expect(missing.error.message).toContain('ENOENT');
      expect(missing.error.path).toBe('fixtures/no-such-case/input.txt');
    }
    for (const result of results) if (result.ok) expect(validateDocument(result.document)).toBe(true);
  });

  it('records the path as given and passes the year on to every input', async () => {
    const [result] = await collect(['fixtures/sample/input.txt'], { year: 2021 });
    expect(result?.ok).toBe(true);
    if (result?.ok) {
      expect(result.document.source.path).toBe('fixtures/sample/input.txt');
      expect(result.document.lead.date).toBe('2021-03-23');
      expect(result.warnings).toBe(result.document.warnings);
    }
  });

  it('expands a glob in code-unit order and reports inputs that are not dispatches', async () => {
    const results = await collect(['fixtures/{not-a-dispatch,empty,crlf,cr-only}/input.txt']);
    expect(results.map(summary)).toEqual([
      ['fixtures/cr-only/input.txt', expect.stringMatching(/^[0-9a-f]{32}$/)],
      ['fixtures/crlf/input.txt', 'bd30828c0585a15b407043d48ce6aeb6'],
      ['fixtures/empty/input.txt', 'EMPTY_INPUT'],
      ['fixtures/not-a-dispatch/input.txt', 'NOT_A_DISPATCH'],
    ]);
  });

  it('refuses an oversized input from its size and goes on', async () => {
    const results = await collect(['fixtures/sample/input.txt', 'fixtures/crlf/input.txt'], { maxBytes: 8388 });
    expect(results.map(summary)).toEqual([
      ['fixtures/sample/input.txt', 'FILE_TOO_LARGE'],
      ['fixtures/crlf/input.txt', 'bd30828c0585a15b407043d48ce6aeb6'],
    ]);
  });

  it("reads '-' from the stream given as stdin", async () => {
    const [result] = await collect(['-'], { stdin: Readable.from([Buffer.from('Pyongyang, March 23 (KCNA) -- Text. -0-\n')]) });
    expect(result?.ok && result.document.source.path).toBeNull();
    expect(result?.ok && result.document.lead.paragraphs).toEqual(['Text.']);
  });

  it('throws a UsageError, before yielding anything, when a pattern matches nothing', async () => {
    await expect(collect(['fixtures/sample/input.txt', 'fixtures/*/nothing-*.txt'])).rejects.toBeInstanceOf(UsageError);
  });
});
