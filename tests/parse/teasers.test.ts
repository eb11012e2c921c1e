/**
 * The teaser list: entries of text, date line and repeat, and every malformed shape, one line per
 * case with the entries and warning codes it must give.
 */
import { describe, expect, it } from 'vitest';
import { DATELINE, codesAt, lines, parseOk } from './support.js';

const LEAD = `${DATELINE}Body. -0-`;
const A = 'Pyongyang, March 18 (KCNA) -- The festival opened in the DPRK. The festival will be held, divided into';
const A_TEXT = 'The festival opened in the DPRK. The festival will be held, divided into';
const B = 'One day in September 2016, the respected General Secretary assigned officials tasks for building';
const C = 'Pyongyang, March 17 (KCNA) -- Youth league organizations at universities are preparing students to be';
const C_TEXT = 'Youth league organizations at universities are preparing students to be';

/** The dump's teaser list, after the heading on line 2 (so the list's first line is line 3). */
function list(...entries: string[]) {
  return parseOk(lines(LEAD, 'More From KCNA.kp (En)', ...entries));
}

/** Entries as [text, date, line, dateLine, repeatLine]. */
function entries(document: ReturnType<typeof list>) {
  return document.teasers.map((t) => [t.text, t.date, t.line, t.dateLineNumber, t.repeatLine]);
}

describe('teaser entries', () => {
  // [case, list lines, entries, warnings as [code, line]]
  const cases: Array<[string, string[], unknown[], Array<[string, number | null]>]> = [
    ['well-formed', [A, 'March 18, 2026', A, B, 'March 18, 2026', B, 'More Articles'],
      [[A_TEXT, '2026-03-18', 3, 4, 5], [B, '2026-03-18', 6, 7, 8]], []],
    ['repeat differing only in whitespace', [A, 'March 18, 2026', A.replace(' -- The ', '  --\tThe  '), 'More Articles'],
      [[A_TEXT, '2026-03-18', 3, 4, 5]], []],
    ['repeat missing, next entry follows', [A, 'March 18, 2026', B, 'March 18, 2026', B, 'More Articles'],
      [[A_TEXT, '2026-03-18', 3, 4, null], [B, '2026-03-18', 5, 6, 7]], [['TEASER_REPEAT_MISSING', 3]]],
    ['repeat missing on the last entry', [A, 'March 18, 2026', 'More Articles'],
      [[A_TEXT, '2026-03-18', 3, 4, null]], [['TEASER_REPEAT_MISSING', 3]]],
    ['repeat different', [A, 'March 18, 2026', 'Pyongyang, March 18 (KCNA) -- The festival opened.', B, 'March 18, 2026', B, 'More Articles'],
      [[A_TEXT, '2026-03-18', 3, 4, null], [B, '2026-03-18', 6, 7, 8]], [['TEASER_REPEAT_MISMATCH', 5]]],
    ['repeat different on the last entry', [A, 'March 18, 2026', 'Something else', 'More Articles'],
      [[A_TEXT, '2026-03-18', 3, 4, null]], [['TEASER_REPEAT_MISMATCH', 5]]],
    ['date missing: text and repeat are warnings, the next entry is read', [A, A, B, 'March 18, 2026', B, 'More Articles'],
      [[B, '2026-03-18', 5, 6, 7]], [['TEASER_MISSING_DATE', 3], ['TEASER_MISSING_DATE', 4]]],
    ['impossible date February 30', [A, 'February 30, 2026', A, B, 'March 18, 2026', B, 'More Articles'],
      [[B, '2026-03-18', 6, 7, 8]], [['TEASER_MISSING_DATE', 3], ['TEASER_INVALID_DATE', 4], ['TEASER_MISSING_DATE', 5]]],
    ['impossible date February 29 in a common year', [A, 'February 29, 2026', A, 'More Articles'],
      [], [['TEASER_HEADING_EMPTY', 2], ['TEASER_MISSING_DATE', 3], ['TEASER_INVALID_DATE', 4], ['TEASER_MISSING_DATE', 5]]],
    ['impossible date, then an entry whose repeat is missing', [A, 'March 32, 2026', B, 'March 18, 2026', 'More Articles'],
      [[B, '2026-03-18', 5, 6, null]], [['TEASER_MISSING_DATE', 3], ['TEASER_INVALID_DATE', 4], ['TEASER_REPEAT_MISSING', 5]]],
    ['stray date line', ['March 18, 2026', B, 'March 18, 2026', B, 'More Articles'],
      [[B, '2026-03-18', 4, 5, 6]], [['TEASER_STRAY_DATE', 3]]],
    ['blank lines anywhere in the list', ['', A, '  ', 'March 18, 2026', '', A, '\t', 'More Articles'],
      [[A_TEXT, '2026-03-18', 4, 6, 8]], []],
    ['abbreviated month in the date line', [B, 'Sept. 16, 2025', B, 'More Articles'],
      [[B, '2025-09-16', 3, 4, 5]], []],
    ['stamp line in the list', [B, 'March 18, 2026', B, 'www.kcna.kp (Juche115.3.18.)', 'More Articles'],
      [[B, '2026-03-18', 3, 4, 5]], [['STAMP_LINE', 6]]],
    ['text after the closing line', [B, 'March 18, 2026', B, 'More Articles', 'Copyright notice'],
      [[B, '2026-03-18', 3, 4, 5]], [['TRAILING_TEXT', 7]]],
    ['list not closed', [B, 'March 18, 2026', B],
      [[B, '2026-03-18', 3, 4, 5]], [['TEASER_LIST_UNCLOSED', 2]]],
    ['heading with no entries', ['More Articles'],
      [], [['TEASER_HEADING_EMPTY', 2]]],
    ['teaser text with its own dateline, em dash', [C.replace(' -- ', ' \u2014 '), 'March 17, 2026', C.replace(' -- ', ' \u2014 '), 'More Articles'],
      [[C_TEXT, '2026-03-17', 3, 4, 5]], []],
  ];

  it.each(cases)('%s', (_name, listLines, expected, warnings) => {
    const document = list(...listLines);
    expect(entries(document)).toEqual(expected);
    expect(codesAt(document)).toEqual(warnings);
    // The lead is untouched by anything in the list.
    expect(document.lead).toMatchObject({ paragraphs: ['Body.'], date: null, dateline: { year: null } });
  });

  it('carries the raw text of every line it could not place', () => {
    const document = list(A, 'February 30, 2026', `${A} `, 'Stray text', 'More Articles', 'Footer');
    expect(document.warnings.map((w) => [w.code, w.line, w.text])).toEqual([
      ['TEASER_HEADING_EMPTY', 2, undefined],
      ['TEASER_MISSING_DATE', 3, A],
      ['TEASER_INVALID_DATE', 4, 'February 30, 2026'],
      ['TEASER_MISSING_DATE', 5, `${A} `],
      ['TEASER_MISSING_DATE', 6, 'Stray text'],
      ['TRAILING_TEXT', 8, 'Footer'],
    ]);
  });

  it("moves a teaser's dateline out of its text, dated by the entry's date line when they agree", () => {
    const document = list(C, 'March 17, 2026', C, A, 'March 19, 2026', A, B, 'March 18, 2026', B, 'More Articles');
    const [withAgreeing, withOther, without] = document.teasers;
    expect(withAgreeing).toMatchObject({
      text: C_TEXT,
      dateline: { text: 'Pyongyang, March 17 (KCNA) --', place: 'Pyongyang', month: 3, day: 17, year: 2026, yearSource: 'teaser-date', agency: 'KCNA' },
    });
    expect(withOther).toMatchObject({ text: A_TEXT, date: '2026-03-19', dateline: { month: 3, day: 18, year: null, yearSource: null } });
    expect(without).toMatchObject({ text: B, dateline: null });
    for (const teaser of document.teasers) expect(teaser.text).not.toMatch(/\(KCNA\)/);
  });
});

describe('teaser heading', () => {
  const headings: Array<[string, string]> = [
    ['More From KCNA.kp (En)', 'KCNA.kp (En)'],
    ['More From KCNA.co.jp (En)', 'KCNA.co.jp (En)'],
    ['More From Voice of Korea (EN)', 'Voice of Korea (EN)'],
  ];
  it.each(headings)('%j names its source', (heading, source) => {
    const document = parseOk(lines(LEAD, `${heading}  `, B, 'March 18, 2026', B, 'More Articles'));
    expect(document.teaserSection).toEqual({ heading, source, line: 2, closingLine: 6 });
    expect(document.teasers).toHaveLength(1);
  });

  it('is absent when the dump has no list', () => {
    const document = parseOk(lines(LEAD));
    expect(document.teaserSection).toBeNull();
    expect(document.teasers).toEqual([]);
  });
});
