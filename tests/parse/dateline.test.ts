/** The lead's dateline: what counts as one, what it records, and what stays a paragraph. */
import { describe, expect, it } from 'vitest';
import { codes, lines, parseOk } from './support.js';

describe('dateline', () => {
  // [first line, dateline text, place, month, day, first paragraph]
  const recognised: Array<[string, string, string, number, number, string]> = [
    ['Pyongyang, March 23 (KCNA) -- Body.', 'Pyongyang, March 23 (KCNA) --', 'Pyongyang', 3, 23, 'Body.'],
    ['Pyongyang, March 23 (KCNA) \u2014 Body.', 'Pyongyang, March 23 (KCNA) \u2014', 'Pyongyang', 3, 23, 'Body.'],
    ['Pyongyang, March 23 (KCNA) \u2013 Body.', 'Pyongyang, March 23 (KCNA) \u2013', 'Pyongyang', 3, 23, 'Body.'],
    ['Pyongyang, March 23 (KCNA)\t--\tBody.', 'Pyongyang, March 23 (KCNA)\t--', 'Pyongyang', 3, 23, 'Body.'],
    ['Pyongyang,\u00a0March\u00a023\u00a0(KCNA)\u00a0\u2014\u00a0Body.', 'Pyongyang,\u00a0March\u00a023\u00a0(KCNA)\u00a0\u2014', 'Pyongyang', 3, 23, 'Body.'],
    ['Pyongyang, March 23 (KCNA)--Body.', 'Pyongyang, March 23 (KCNA)--', 'Pyongyang', 3, 23, 'Body.'],
    ['  Pyongyang, March 23 (KCNA) --   Body.  ', 'Pyongyang, March 23 (KCNA) --', 'Pyongyang', 3, 23, 'Body.'],
    ['Moscow, March 22 (KCNA) -- Body.', 'Moscow, March 22 (KCNA) --', 'Moscow', 3, 22, 'Body.'],
    ['South Hamgyong Province, March 23 (KCNA) -- Body.', 'South Hamgyong Province, March 23 (KCNA) --', 'South Hamgyong Province', 3, 23, 'Body.'],
    ['Pyongyang, Sept. 16 (KCNA) -- Body.', 'Pyongyang, Sept. 16 (KCNA) --', 'Pyongyang', 9, 16, 'Body.'],
    ['Pyongyang, Feb. 7 (KCNA) -- Body.', 'Pyongyang, Feb. 7 (KCNA) --', 'Pyongyang', 2, 7, 'Body.'],
    ['Pyongyang, Dec 1 (KCNA) -- Body.', 'Pyongyang, Dec 1 (KCNA) --', 'Pyongyang', 12, 1, 'Body.'],
    ['Pyongyang, February 29 (KCNA) -- Body.', 'Pyongyang, February 29 (KCNA) --', 'Pyongyang', 2, 29, 'Body.'],
  ];
  it.each(recognised)('%j', (line, text, place, month, day, paragraph) => {
    const document = parseOk(lines(line, 'More. -0-'));
    expect(document.lead.dateline).toEqual({ text, place, month, day, year: null, yearSource: null, agency: 'KCNA' });
    expect(document.lead.datelineLine).toBe(1);
    expect(document.lead.paragraphs).toEqual([paragraph, 'More.']);
    expect(codes(document)).toEqual([]);
  });

  it('reads the agency in parentheses', () => {
    expect(parseOk(lines('Pyongyang, March 23 (KCNA-Juche) -- Body. -0-')).lead.dateline?.agency).toBe('KCNA-Juche');
  });

  it('may stand alone on its line: the first paragraph is then the next line', () => {
    const document = parseOk(lines('Pyongyang, March 23 (KCNA) --', 'Body one.', 'Body two. -0-'));
    expect(document.lead.datelineLine).toBe(1);
    expect(document.lead.paragraphs).toEqual(['Body one.', 'Body two.']);
    expect(document.lead.paragraphLines).toEqual([2, 3]);
  });

  // Lines that look a little like datelines but are not: kept whole as a paragraph, NO_DATELINE.
  const rejected: Array<[string, string]> = [
    ['impossible day', 'Pyongyang, February 30 (KCNA) -- Body.'],
    ['no separator', 'Pyongyang, March 23 (KCNA) Body.'],
    ['place not capitalised', 'pyongyang, March 23 (KCNA) -- Body.'],
    ['not a month', 'Pyongyang, Marchy 23 (KCNA) -- Body.'],
    ['mid-sentence', 'As reported, Pyongyang, March 23 (KCNA) -- the congress opened.'],
  ];
  it.each(rejected)('%s is not a dateline', (_name, line) => {
    const document = parseOk(lines(line, 'More. -0-'));
    expect(document.lead.dateline).toBeNull();
    expect(document.lead.datelineLine).toBeNull();
    expect(document.lead.paragraphs).toEqual([line, 'More.']);
    expect(codes(document)).toEqual(['NO_DATELINE']);
    expect(document.warnings[0]?.line).toBe(1);
  });

  it('is taken from the first line that has one; later dateline-like lines stay paragraphs', () => {
    const quoted = 'Pyongyang, January 12 (KCNA) -- quoted from an earlier report.';
    const document = parseOk(lines('Pyongyang, March 23 (KCNA) -- Body.', 'January 12, 2021', quoted, 'End. -0-'));
    expect(document.lead.dateline).toMatchObject({ month: 3, day: 23 });
    expect(document.lead.paragraphs).toEqual(['Body.', 'January 12, 2021', quoted, 'End.']);
    expect(document.teasers).toEqual([]);
    expect(codes(document)).toEqual([]);
  });
});
