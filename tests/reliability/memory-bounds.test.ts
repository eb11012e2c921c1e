/**
 * Inputs within the size limit that used to take gigabytes: regression tests named after the
 * defects of the adversarial pass. Memory itself is measured in the bench (bench/memory-bounds.mjs,
 * BENCHMARKS.md); here, the behaviour that bounds it: blank lines cost nothing, and an input with
 * more non-blank lines, or more dispatches, than a capture can hold is refused with a clear error
 * before they are held, in the library and on the command line, and the batch goes on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINES, MAX_DISPATCHES, parseDispatch } from '../../src/parse/parse.js';
import { runCli } from '../cli/helpers.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'kcna-parse-memory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEAD = 'Pyongyang, March 23 (KCNA) -- Lead.\n-0-\n';
const MiB = 1024 * 1024;
/** `size` bytes of 'ab\n' lines. */
const abLines = (size: number) => 'ab\n'.repeat(Math.floor(size / 3));

describe('Memory far past 1 GB on inputs of 16 MB or less', () => {
  it('blank-16: sixteen million blank lines after the header are read as the one dispatch they hold', () => {
    const result = parseDispatch(`Pyongyang, March 23 (KCNA) -- Lead. -0-\n${'\n'.repeat(16 * MiB - 64)}`);
    if (!result.ok) throw new Error(result.message);
    expect(result.documents).toHaveLength(1);
    expect(result.document.source.lines).toBe(16 * MiB - 63);
    expect(result.document.lead.paragraphs).toEqual(['Lead.']);
  });

  it.each([
    ['trail-4', `${HEAD}${abLines(4 * MiB)}`],
    ['trail-16', `${HEAD}${abLines(16 * MiB - 64)}`],
    ['para-16', `Pyongyang, March 23 (KCNA) -- Lead.\n${abLines(16 * MiB - 64)}-0-\n`],
  ])('%s: more non-blank lines than a capture holds is refused with TOO_MANY_LINES, naming the count', (_name, input) => {
    const result = parseDispatch(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('TOO_MANY_LINES');
    expect(result.message).toMatch(/^has [\d,]+ non-blank lines, over the limit of 100,000 one capture may hold/u);
  });

  it('a page of 100k stories is refused with TOO_MANY_DISPATCHES before any document is made', () => {
    const story = 'Pyongyang, September 14 (KCNA) -- Text. -0-\n';
    const result = parseDispatch(story.repeat(MAX_DISPATCHES + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.code, result.message]).toEqual(['TOO_MANY_DISPATCHES', `holds 10,001 dispatches, over the limit of 10,000 one capture may hold (a kcna.co.jp day holds a few dozen): split it`]);
  });

  it('an input at the limits is read whole', () => {
    const lines = `${HEAD}${'ab\n'.repeat(DEFAULT_MAX_LINES - 2)}`;
    const result = parseDispatch(lines);
    if (!result.ok) throw new Error(result.message);
    expect(result.document.warnings.filter((warning) => warning.code === 'TRAILING_TEXT')).toHaveLength(DEFAULT_MAX_LINES - 2);
    const stories = parseDispatch('Pyongyang, September 14 (KCNA) -- Text. -0-\n'.repeat(MAX_DISPATCHES));
    if (!stories.ok) throw new Error(stories.message);
    expect(stories.documents).toHaveLength(MAX_DISPATCHES);
  });

  it('a web page counts its text blocks against the same limit, without keeping those past it', () => {
    const page = `<!DOCTYPE html><html><body><p>Pyongyang, March 23 (KCNA) -- Lead. -0-</p>${'<br>ab'.repeat(DEFAULT_MAX_LINES + 5)}</body></html>`;
    const result = parseDispatch(page);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.code, result.message]).toEqual(['TOO_MANY_LINES', expect.stringMatching(/^has 100,006 text blocks, over the limit of 100,000/u)]);
  });

  it('the limit is an option of the library, checked up front', () => {
    expect(parseDispatch(`${HEAD}ab\nab\n`, { maxLines: 3 }).ok).toBe(false);
    expect(parseDispatch(`${HEAD}ab\nab\n`, { maxLines: 4 }).ok).toBe(true);
    expect(() => parseDispatch('x', { maxLines: 0 })).toThrow(/Invalid option maxLines/u);
  });
});

describe('--max-bytes 64M (the value docs/errors.md suggests) crashes V8 out of memory', () => {
  it('a 64 MB input of short lines gets a clean error, and the inputs after it are converted', async () => {
    writeFileSync(path.join(scratch, 'a-big.txt'), `${HEAD}${abLines(64 * MiB - 64)}`);
    writeFileSync(path.join(scratch, 'b-small.txt'), 'Pyongyang, March 23 (KCNA) -- Small. -0-\n');
    const run = await runCli(['a-big.txt', 'b-small.txt', '--max-bytes', '64M', '-f', 'ndjson'], { cwd: scratch });
    expect(run.status).toBe(1);
    expect(run.signal).toBeNull();
    expect(run.stderr).toMatch(/^a-big\.txt: error TOO_MANY_LINES has [\d,]+ non-blank lines, over the limit of 100,000/mu);
    expect(run.stderr).not.toMatch(/heap|FATAL|at \w+ \(/u);
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { source: { path: string } }).source.path)).toEqual(['b-small.txt']);
  });
});
