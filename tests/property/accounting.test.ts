/**
 * The line-accounting check itself: it passes on a correct document, and it catches each way a
 * document could lose, duplicate or misplace a line. Without these, a check that always passes
 * would make every property above vacuous.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDispatch, type ParseFailure } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { accountFailure, accountLines, inputLines } from '../helpers/accounting.js';

const SAMPLE = readFileSync('fixtures/sample/input.txt');

/** A dump that uses every place: junk, title, dateline, paragraphs, glued stamp, teasers, closing. */
const RICH = [
  'March 16, 2026Mar 16, 2026',
  'Kim Jong Un Sends Message',
  '',
  'Pyongyang, March 23 (KCNA) -- First paragraph.',
  '  Second paragraph.  ',
  'Last paragraph. -0- www.kcna.kp (Juche110.3.23.)',
  'More From KCNA.kp (En)',
  'Pyongyang, March 18 (KCNA) -- A teaser',
  'March 18, 2026',
  'Pyongyang, March 18 (KCNA) -- A teaser',
  'Text without a date',
  'More Articles',
].join('\r\n');

function parsed(input: string | Uint8Array): Dispatch {
  const result = parseDispatch(input);
  if (!result.ok) throw new Error(result.message);
  return structuredClone(result.document);
}

describe('accountLines', () => {
  it('finds nothing wrong with the sample and a dump that uses every place', () => {
    expect(accountLines(SAMPLE, parsed(SAMPLE))).toEqual([]);
    const rich = parsed(RICH);
    expect(rich.lead.title).toBe('Kim Jong Un Sends Message');
    expect(rich.warnings.map((w) => w.code)).toEqual(['PAGE_JUNK', 'STAMP_LINE', 'TEASER_MISSING_DATE']);
    expect(accountLines(RICH, rich)).toEqual([]);
  });

  it('numbers lines as the parser does: BOM dropped, CRLF, CR and LF each one break', () => {
    expect(inputLines('\ufeffa\r\nb\rc\n\nd').map((l) => l.raw)).toEqual(['a', 'b', 'c', '', 'd']);
    expect(inputLines(Uint8Array.from([0xff, 0xfe, 0x61, 0, 0x0d, 0, 0x62, 0])).map((l) => l.raw)).toEqual(['a', 'b']);
  });

  const tamperings: [string, (d: Dispatch) => void, RegExp][] = [
    ['a paragraph dropped', (d) => (d.lead.paragraphs.splice(1, 1), d.lead.paragraphLines.splice(1, 1)), /line 5 .*: is in no place/],
    ['the last paragraph dropped from its end marker line', (d) => (d.lead.paragraphs.pop(), d.lead.paragraphLines.pop()), /line 6 .*"Last paragraph\." became paragraph ""/],
    ['a paragraph line counted twice', (d) => (d.lead.paragraphLines[1] = 4), /not strictly ascending|became paragraph/],
    ['a paragraph edited', (d) => (d.lead.paragraphs[0] = 'First paragraph'), /line 4 .*became paragraph/],
    ['a paragraph cut short', (d) => (d.lead.paragraphs[1] = 'Second'), /line 5 .*became paragraph/],
    ['the dateline dropped', (d) => ((d.lead.dateline = null), (d.lead.datelineLine = null)), /line 4 .*became paragraph/],
    ['the title dropped', (d) => ((d.lead.title = null), (d.lead.titleLine = null)), /line 2 .*is in no place/],
    ['the title altered', (d) => (d.lead.title = 'Kim Jong Un'), /line 2 .*title is/],
    ['a junk line in a warning and the title', (d) => (d.lead.titleLine = 1), /line 1 .*is in 2 places: title, warnings\[0\] PAGE_JUNK/],
    ['a warning text trimmed', (d) => (d.warnings[0]!.text = 'March 16, 2026'), /carries "March 16, 2026", not the raw line/],
    ['a warning pointing at a blank line', (d) => (d.warnings[0]!.line = 3), /PAGE_JUNK points at blank line 3/],
    ['a warning pointing past the end', (d) => (d.warnings[2]!.line = 99), /points at line 99, but the input has 12 lines/],
    ['the glued stamp lost', (d) => d.warnings.splice(1, 1), /line 6 .*holds no end marker where expected/],
    ['the end marker line moved', (d) => (d.lead.endMarkerLine = 5), /line 5 .*holds no end marker/],
    ['a teaser text edited', (d) => (d.teasers[0]!.text = 'A teaser!'), /teasers\[0\]\.text "A teaser!" is not part of the line/],
    ['a teaser dateline kept in its text', (d) => (d.teasers[0]!.dateline = null), /teasers\[0\]\.text "A teaser" is not the line without its dateline/],
    ['a teaser date changed', (d) => (d.teasers[0]!.date = '2026-03-19'), /teasers\[0\]\.date 2026-03-19 is not the date/],
    ['a teaser repeat lost', (d) => (d.teasers[0]!.repeatLine = null), /line 10 .*is in no place/],
    ['a teaser dropped', (d) => d.teasers.pop(), /line 8 .*is in no place/],
    ['the closing line lost', (d) => (d.teaserSection!.closingLine = null), /line 12 .*is in no place/],
    ['the heading misplaced', (d) => (d.teaserSection!.line = 8), /line 7 .*is in no place/],
    ['source.lines wrong', (d) => (d.source.lines = 11), /source\.lines is 11/],
  ];

  it.each(tamperings)('catches %s', (_, tamper, expected) => {
    const document = parsed(RICH);
    tamper(document);
    const violations = accountLines(RICH, document);
    expect(violations.join('\n')).toMatch(expected);
  });
});

describe('accountFailure', () => {
  function failed(input: string): ParseFailure {
    const result = parseDispatch(input);
    if (result.ok) throw new Error('parsed');
    return result;
  }

  it('accepts the codes the input warrants', () => {
    expect(accountFailure(' \r\n\t', failed(' \r\n\t'))).toEqual([]);
    expect(accountFailure('hello', failed('hello'))).toEqual([]);
  });

  it('accepts BINARY_INPUT only for input that looks binary', () => {
    const refusal: ParseFailure = { ok: false, code: 'BINARY_INPUT', message: 'binary input', diagnostics: [] };
    expect(accountFailure('\0\0\0hello', refusal)).toEqual([]);
    expect(accountFailure(Buffer.from('%PDF-1.7\n'), refusal)).toEqual([]);
    expect(accountFailure('hello', refusal)).toEqual(['code BINARY_INPUT for input with non-blank lines']);
  });

  it('catches a code the input does not warrant, and an empty message', () => {
    expect(accountFailure('hello', { ...failed('hello'), code: 'EMPTY_INPUT' })).toEqual(['code EMPTY_INPUT for input with non-blank lines']);
    expect(accountFailure('', { ...failed(''), message: ' ' })).toEqual(['empty failure message']);
  });
});

describe('the invalid UTF-8 check', () => {
  const bytes = Uint8Array.from([...Buffer.from('Pyongyang, March 23 (KCNA) -- A\r\n'), 0xff, ...Buffer.from('B -0-\n')]);

  it('accepts one warning on the line holding the bad byte', () => {
    expect(accountLines(bytes, parsed(bytes))).toEqual([]);
  });

  it('catches a warning on the wrong line, a missing one and a wrong offset', () => {
    const moved = parsed(bytes);
    moved.warnings[0]!.line = 1;
    expect(accountLines(bytes, moved).join('\n')).toMatch(/line 1 .*is valid UTF-8 but has an INVALID_UTF8 warning[^]*line 2 .*holds invalid UTF-8 but has 0/);
    const offset = parsed(bytes);
    offset.warnings[0]!.byteOffset = 0;
    expect(accountLines(bytes, offset).join('\n')).toMatch(/byteOffset 0 is outside the line's bytes 33\.\.38/);
  });
});

describe('the NUL check', () => {
  const text = 'Pyongyang, March 23 (KCNA) -- A\0B -0-\nMore From KCNA.kp (En)';

  it('accepts a NUL_CHARACTER warning on the line holding the NUL', () => {
    expect(accountLines(text, parsed(text))).toEqual([]);
  });

  it('catches a missing or misplaced warning', () => {
    const missing = parsed(text);
    missing.warnings = missing.warnings.filter((w) => w.code !== 'NUL_CHARACTER');
    expect(accountLines(text, missing)).toEqual([expect.stringMatching(/line 1 .*holds a NUL but has no NUL_CHARACTER warning/)]);
    const moved = parsed(text);
    moved.warnings.find((w) => w.code === 'NUL_CHARACTER')!.line = 2;
    expect(accountLines(text, moved).join('\n')).toMatch(/line 2 .*has a NUL_CHARACTER warning but holds no NUL/);
  });
});
