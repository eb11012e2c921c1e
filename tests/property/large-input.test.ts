/**
 * Inputs far larger than any real dump still complete (the test timeout is the bound; speed itself
 * is measured by the benchmarks), and their results are as sound as small ones.
 */
import { describe, expect, it } from 'vitest';
import { parseAndCheck } from './sound.js';

const MB = 1 << 20;
const DATELINE = 'Pyongyang, March 23 (KCNA) -- ';

function lines(line: string, count: number, eol = '\n'): string {
  return (line + eol).repeat(count);
}

describe('large inputs complete and stay sound', () => {
  it.each([
    ['a 1 MB paragraph after a dateline', `${DATELINE}${'word, '.repeat(MB / 6)}end. -0-`, true],
    ['a 1 MB line of datelines', DATELINE.repeat(MB / DATELINE.length), true],
    ['a 1 MB line of end markers', '-0-'.repeat(MB / 3), true],
    ['a 1 MB line of capitalised words (a place that never ends)', 'Pyongyang '.repeat(MB / 10), false],
    ['a 1 MB line of whitespace around a word', `${' \u00a0\t'.repeat(MB / 6)}x${'\u3000'.repeat(MB / 2)}`, false],
    ['a 1 MB line of "(Juche" prefixes', '(Juche113.'.repeat(MB / 10), false],
    ['a 1 MB line of "More From"', 'More From '.repeat(MB / 10), false],
    ['20k datelines in a row', lines(`${DATELINE}text.`, 20_000), true],
    ['20k bare datelines in a row', lines('Pyongyang, March 23 (KCNA) --', 20_000, '\r\n'), true],
    ['20k teaser entries', `${DATELINE}Lead. -0-\nMore From KCNA.kp (En)\n${lines('Teaser text\nMarch 18, 2026\nTeaser text', 20_000)}More Articles\n`, true],
    ['20k date lines after a heading', `${DATELINE}Lead. -0-\nMore From KCNA.kp (En)\n${lines('March 18, 2026', 20_000)}`, true],
    ['20k headings', `${DATELINE}Lead. -0-\n${lines('More From KCNA.kp (En)', 20_000)}`, true],
    ['20k stamp lines', `${DATELINE}Lead. -0-\n${lines('www.kcna.kp (Juche110.3.23.)', 20_000)}`, true],
    ['200k lone CRs', '\r'.repeat(200_000), false],
  ] as const)('%s', (_, text, isDispatch) => {
    const { result, problems } = parseAndCheck(text);
    expect(problems).toEqual([]);
    expect(result.ok).toBe(isDispatch);
  });

  it('a 1 MB line of invalid UTF-8', () => {
    const bytes = new Uint8Array(MB).fill(0xff);
    const { result, problems } = parseAndCheck(bytes);
    expect(problems).toEqual([]);
    expect(result.ok).toBe(false);
    // One warning for the line, not a million.
    expect(result.diagnostics.filter((w) => w.code === 'INVALID_UTF8')).toEqual([expect.objectContaining({ line: 1, byteOffset: 0 })]);
  });
});
