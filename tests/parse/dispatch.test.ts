/** What is a dispatch at all: the failures, and the smallest inputs that still make a document. */
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { DATELINE, codesAt, lines, parseOk } from './support.js';

describe('not a dispatch', () => {
  // [case, input, code, message part]
  const failures: Array<[string, string | Uint8Array, string, string]> = [
    ['empty text', '', 'EMPTY_INPUT', 'empty'],
    ['empty bytes', new Uint8Array(), 'EMPTY_INPUT', 'empty'],
    ['blank lines only', '\n  \n\t\r\n\u00a0\n', 'EMPTY_INPUT', 'blank'],
    ['plain text', lines('404 Not Found', 'The requested URL was not found.'), 'NOT_A_DISPATCH', 'no dateline'],
    ['a teaser list with no article', lines('More From KCNA.kp (En)', 'T', 'March 18, 2026', 'T', 'More Articles'), 'NOT_A_DISPATCH', 'no article text'],
    ['text and an empty teaser heading', lines('Some text', 'More From KCNA.kp (En)', 'More Articles'), 'NOT_A_DISPATCH', 'no dateline'],
    ['page junk only', lines('March 16, 2026Mar 16, 2026'), 'NOT_A_DISPATCH', 'no article text'],
  ];
  it.each(failures)('%s', (_name, input, code, part) => {
    const result = parseDispatch(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toContain(part);
    expect(result.message).not.toContain('\n');
  });
});

describe('smallest dispatches', () => {
  it('a dateline and text, even without an end marker or teasers', () => {
    const document = parseOk(lines(`${DATELINE}Body.`));
    expect(codesAt(document)).toEqual([['MISSING_END_MARKER', 1]]);
  });

  it('text and an end marker, without a dateline', () => {
    const document = parseOk(lines('Body one.', 'Body two. -0-'));
    expect(document.lead).toMatchObject({ dateline: null, date: null, paragraphs: ['Body one.', 'Body two.'] });
    expect(codesAt(document)).toEqual([['NO_DATELINE', 1]]);
  });

  it('text and a teaser list with an entry, without a dateline or end marker', () => {
    const document = parseOk(lines('Body one.', 'More From KCNA.kp (En)', 'T', 'March 18, 2026', 'T', 'More Articles'));
    expect(document.lead.paragraphs).toEqual(['Body one.']);
    expect(document.teasers).toHaveLength(1);
    expect(codesAt(document)).toEqual([['NO_DATELINE', 1], ['MISSING_END_MARKER', 1]]);
  });
});

describe('paragraphs', () => {
  it('are the non-blank lines, trimmed, with their line numbers', () => {
    const document = parseOk(lines('', `  ${DATELINE}First.  `, '', '\tSecond.\u00a0', '   ', 'Third. -0-'));
    expect(document.lead.paragraphs).toEqual(['First.', 'Second.', 'Third.']);
    expect(document.lead.paragraphLines).toEqual([2, 4, 6]);
  });

  it('keep the text exactly as written inside the line', () => {
    const text = 'Kim Jong Un , general secretary of the Workers\u2019 Party, said \u201cit\u2019s  done\u201d -- twice.';
    expect(parseOk(lines(`${DATELINE}${text} -0-`)).lead.paragraphs).toEqual([text]);
  });

  it('include body lines that look like dates or quote a dateline mid-sentence', () => {
    const quoting = 'The paper quoted "Pyongyang, January 12 (KCNA) -- The congress opened" in full.';
    const document = parseOk(lines(`${DATELINE}First.`, 'January 12, 2021', quoting, 'Sept. 16, 2025', 'Last. -0-'));
    expect(document.lead.paragraphs).toEqual(['First.', 'January 12, 2021', quoting, 'Sept. 16, 2025', 'Last.']);
    expect(document.lead.dateline).toMatchObject({ month: 3, day: 23 });
    expect(document.teasers).toEqual([]);
    expect(document.warnings).toEqual([]);
  });
});
