/**
 * The one-pass scanners and hand-written readers are held to the plain definitions they replace:
 * the line splitter to a regular-expression split, the paragraph scan to the WORD expression and to
 * normaliseForId, the date-line reader to its regular expression, the one-shot hash to a Hash object.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseForId } from '../../src/parse/content-id.js';
import { MONTH_SOURCE, isCalendarDate, monthNumber } from '../../src/parse/dates.js';
import { matchDateOnlyLine } from '../../src/parse/patterns.js';
import { sha256Hex } from '../../src/parse/hash.js';
import { splitLines } from '../../src/parse/lines.js';
import { WORD, isPlain, scanParagraph, wordsOf } from '../../src/parse/scan.js';

/** The definition: split on CRLF, CR or LF; no line after a final break. */
function splitByExpression(text: string): { raws: string[]; endings: string } {
  const raws = text.split(/\r\n|\r|\n/);
  if (raws.at(-1) === '') raws.pop();
  const breaks = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  const endings = breaks.size === 0 ? 'none' : breaks.size > 1 ? 'mixed' : breaks.has('\n') ? 'lf' : breaks.has('\r\n') ? 'crlf' : 'cr';
  return { raws, endings };
}

describe('splitLines', () => {
  const text = fc.array(fc.constantFrom('a', 'b c', ' ', '\t', '\r', '\n', '\r\n', '\n\r', '\u00a0', '\u2028', 'é'), { maxLength: 30 }).map((parts) => parts.join(''));

  it('splits exactly as the regular expression /\\r\\n|\\r|\\n/ does, and names the endings', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { lines, lineEndings } = splitLines(input);
        const expected = splitByExpression(input);
        expect(lines.map((line) => line.raw)).toEqual(expected.raws);
        expect(lines.map((line) => line.n)).toEqual(expected.raws.map((_, i) => i + 1));
        expect(lines.map((line) => line.text)).toEqual(expected.raws.map((raw) => raw.trim()));
        expect(lineEndings).toBe(expected.endings);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['', [], 'none'],
    ['a', ['a'], 'none'],
    ['a\r\nb\r\n', ['a', 'b'], 'crlf'],
    ['a\rb\r', ['a', 'b'], 'cr'],
    ['a\n\rb', ['a', '', 'b'], 'mixed'],
    ['\r\r\n\n', ['', '', ''], 'mixed'],
  ])('%j', (input, raws, endings) => {
    const { lines, lineEndings } = splitLines(input);
    expect(lines.map((line) => line.raw)).toEqual(raws);
    expect(lineEndings).toBe(endings);
  });
});

describe('scanParagraph', () => {
  const alphabet = fc.constantFrom('a', 'Z', '7', ' ', ' ', ' ', "'", '\u2019', '-', '-', '.', ',', '\u00e9', '\u0416', '\u5e73', '\u{20000}', '\u{1d7d8}', '\u{1f600}', '\t', '\n', '\u00a0', '\u2014', '\u201c', '\ud800', '\udc00', '\uff48');
  const paragraph = fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(''));

  it('counts what WORD matches, and calls text plain only when normaliseForId leaves it as it is', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const scan = scanParagraph(text);
        expect(wordsOf(scan)).toBe(text.match(WORD)?.length ?? 0);
        if (isPlain(scan)) expect(normaliseForId(text)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['The plain text of a paragraph.', true],
    ['', true],
    ['two  spaces', false],
    [' leading', false],
    ['trailing ', false],
    ['a\ttab', false],
    ['a -- b', false],
    ['a - b', true],
    ['it\u2019s', false],
  ])('%j is plain: %s', (text, plain) => {
    expect(isPlain(scanParagraph(text))).toBe(plain);
  });
});

describe('matchDateOnlyLine', () => {
  const WS = '[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]';
  const DATE_LINE = new RegExp(`^(${MONTH_SOURCE})${WS}+(\\d{1,2}),${WS}*(\\d{4})$`, 'u');
  /** The definition, as the reader was written before. */
  const byExpression = (text: string) => {
    if (text.length > 40) return undefined;
    const m = DATE_LINE.exec(text);
    if (!m) return undefined;
    const month = monthNumber(m[1]!)!;
    const [day, year] = [Number(m[2]), Number(m[3])];
    return { year, month, day, valid: isCalendarDate(year, month, day) };
  };
  const piece = fc.constantFrom('March', 'Sept', 'Sept.', 'Sep', 'Sep.', 'May', 'May.', 'march', 'MARCH', 'Marc', 'Marchx', 'Mayo', 'Dec', 'December', ' ', '  ', '\t', '\u00a0', '\u2009', '\u3000', '\u2028', '1', '18', '0', '123', ',', ', ', '2026', '0999', '20261', '.', 'x', '\u00e9', 'March 18, 2026');
  const line = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

  it('reads exactly what the regular expression reads', () => {
    fc.assert(
      fc.property(line, (text) => {
        expect(matchDateOnlyLine(text)).toEqual(byExpression(text));
      }),
      { numRuns: 20000 },
    );
  });

  it.each([
    ['March 18, 2026', { year: 2026, month: 3, day: 18, valid: true }],
    ['Sept. 16, 2025', { year: 2025, month: 9, day: 16, valid: true }],
    ['Feb\u00a029,2023', { year: 2023, month: 2, day: 29, valid: false }],
    ['March 018, 2026', undefined],
    ['March 18 2026', undefined],
    ['Marchy 18, 2026', undefined],
    ['March 18, 20261', undefined],
  ])('%j', (text, expected) => {
    expect(matchDateOnlyLine(text)).toEqual(expected);
    expect(byExpression(text)).toEqual(expected);
  });
});

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 bytes, as createHash gives it, for text (lone surrogates included) and bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 64 }), fc.uint8Array({ maxLength: 64 })), (data) => {
        expect(sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['a\ud800b', '\udc00', 'x\ud83d', '\ud83d\ude00']) expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
