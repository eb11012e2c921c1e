/** The lead's year: only from the option, a Juche stamp or the path, never from the teasers. */
import { describe, expect, it } from 'vitest';
import { KcnaError } from '../../src/errors.js';
import { parseDispatch } from '../../src/parse/parse.js';
import { DATELINE, codesAt, lines, parseOk } from './support.js';

const LEAD = `${DATELINE}Body. -0-`;
const TEASERS = ['More From KCNA.kp (En)', 'Pyongyang, March 23 (KCNA) -- T', 'March 23, 2026', 'Pyongyang, March 23 (KCNA) -- T', 'More Articles'];

describe('year', () => {
  // [case, dump lines, options, year, yearSource, warnings as [code, line]]
  const cases: Array<[string, string[], { year?: number; path?: string; defaultYear?: number }, number | null, string | null, Array<[string, number | null]>]> = [
    ['no source', [LEAD, ...TEASERS], {}, null, null, []],
    ['option', [LEAD], { year: 2021 }, 2021, 'option', []],
    ['Juche stamp agreeing with the dateline (Juche 110 = 2021)', [LEAD, 'www.kcna.kp (Juche110.3.23.)'], {}, 2021, 'juche-stamp', [['STAMP_LINE', 2]]],
    ['bare Juche stamp', [LEAD, '(Juche110.3.23)'], {}, 2021, 'juche-stamp', [['STAMP_LINE', 2]]],
    ['Juche stamp on another day', [LEAD, 'www.kcna.kp (Juche110.3.24.)'], {}, null, null, [['STAMP_LINE', 2], ['STAMP_DATE_MISMATCH', 2]]],
    ['path YYYY-MM-DD', [LEAD], { path: 'archive/2021-03-23/x.txt' }, 2021, 'path', []],
    ['path YYYYMMDD', [LEAD], { path: 'kcna/20210323-lead.txt' }, 2021, 'path', []],
    ['path date on another day', [LEAD], { path: 'archive/2021-03-24/x.txt' }, null, null, []],
    ['path digits that are not a date', [LEAD], { path: 'archive/120210323/x.txt' }, null, null, []],
    ['option wins over the stamp', [LEAD, 'www.kcna.kp (Juche109.3.23.)'], { year: 2021 }, 2021, 'option', [['STAMP_LINE', 2], ['YEAR_CONFLICT', 2]]],
    ['stamp wins over the path', [LEAD, 'www.kcna.kp (Juche110.3.23.)'], { path: '2020-03-23.txt' }, 2021, 'juche-stamp', [['YEAR_CONFLICT', null], ['STAMP_LINE', 2]]],
    ['agreeing sources', [LEAD, 'www.kcna.kp (Juche110.3.23.)'], { year: 2021, path: '2021-03-23.txt' }, 2021, 'option', [['STAMP_LINE', 2]]],
    ['teaser dates alone give nothing', [LEAD, ...TEASERS], { path: 'capture.txt' }, null, null, []],
    // --default-year dates only what nothing else dates: it never outvotes a source, nor conflicts with one.
    ['default year when nothing else dates the dispatch', [LEAD, ...TEASERS], { defaultYear: 2019 }, 2019, 'default-year', []],
    ['the stamp wins over the default year, with no conflict', [LEAD, 'www.kcna.kp (Juche110.3.23.)'], { defaultYear: 2019 }, 2021, 'juche-stamp', [['STAMP_LINE', 2]]],
    ['the path wins over the default year', [LEAD], { path: 'archive/2021-03-23/x.txt', defaultYear: 2019 }, 2021, 'path', []],
  ];

  it.each(cases)('%s', (_name, dump, options, year, yearSource, warnings) => {
    const document = parseOk(lines(...dump), options);
    expect(document.lead.dateline).toMatchObject({ year, yearSource });
    expect(document.lead.date).toBe(year === null ? null : `${year}-03-23`);
    expect(codesAt(document)).toEqual(warnings);
  });

  it('uses a year only when the date exists in it (February 29)', () => {
    const leap = `Pyongyang, February 29 (KCNA) -- Body. -0-`;
    expect(parseOk(lines(leap, 'www.kcna.kp (Juche113.2.29.)')).lead.date).toBe('2024-02-29');
    const common = parseOk(lines(leap), { year: 2021 });
    expect(common.lead).toMatchObject({ date: null, dateline: { year: null, yearSource: null } });
    expect(codesAt(common)).toEqual([['IMPOSSIBLE_DATE', null]]);
    // The next source is then used.
    const fallback = parseOk(lines(leap), { year: 2021, path: 'x/2024-02-29.txt' });
    expect(fallback.lead).toMatchObject({ date: '2024-02-29', dateline: { year: 2024, yearSource: 'path' } });
  });

  it('gives no default year to a day it does not have (February 29), and says so', () => {
    const document = parseOk(lines('Pyongyang, February 29 (KCNA) -- Body. -0-'), { defaultYear: 2023 });
    expect(document.lead.dateline).toMatchObject({ year: null, yearSource: null });
    expect(document.warnings.map((w) => [w.code, w.message])).toEqual([['IMPOSSIBLE_DATE', expect.stringContaining('the default year option')]]);
    expect(parseOk(lines('Pyongyang, February 29 (KCNA) -- Body. -0-'), { defaultYear: 2024 }).lead.date).toBe('2024-02-29');
  });

  it('is not set without a dateline, whatever the sources', () => {
    const document = parseOk(lines('Body. -0-', 'www.kcna.kp (Juche110.3.23.)'), { year: 2021, path: '2021-03-23.txt' });
    expect(document.lead).toMatchObject({ dateline: null, date: null });
  });

  it.each([[999], [10000], [2021.5], [Number.NaN]])('rejects option year %s', (year) => {
    expect(() => parseDispatch(lines(LEAD), { year })).toThrow(KcnaError);
    try {
      parseDispatch(lines(LEAD), { year });
    } catch (error) {
      expect((error as KcnaError).code).toBe('INVALID_OPTION');
    }
  });
});
