/** wordCount: runs of letters and digits, joined by inner apostrophes or hyphens. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORD, scanParagraph, wordsOf } from '../../src/parse/scan.js';

/** The loop's count over several paragraphs, as the parser sums it for a story. */
const countWords = (paragraphs: readonly string[]): number => paragraphs.reduce((sum, text) => sum + wordsOf(scanParagraph(text)), 0);
import { DATELINE, lines, parseOk } from './support.js';

describe('word count', () => {
  // [text, words]
  const cases: Array<[string, number]> = [
    ['', 0],
    ['Kim Jong Un , general secretary', 5],
    ["the Workers' Party", 3],
    ['the People\u2019s Republic', 3],
    ['DPRK-China Treaty', 2],
    ['in-depth study', 2],
    ['the 8th Congress in 2021', 5],
    ['a - b \u2014 c -- d', 4],
    ['(WPK)', 1],
    ['... ; !', 0],
    ["'quoted'", 1],
    ['U.S.', 2], // letters split by full stops are separate runs
    ['\u5e73\u58e4 \u0421\u043e\u0446\u0438\u0430\u043b\u0438\u0437\u043c', 2],
  ];
  it.each(cases)('%j has %i', (text, words) => {
    expect(countWords([text])).toBe(words);
  });

  it('sums over paragraphs, without the dateline and the end marker', () => {
    const document = parseOk(lines(`${DATELINE}Two words.`, 'Three more words. -0-'));
    expect(document.lead.wordCount).toBe(5);
  });
});

describe('the counting loop', () => {
  const alphabet = fc.constantFrom('a', 'Z', '7', ' ', "'", '\u2019', '-', '.', ',', '\u00e9', '\u0416', '\u5e73', '\u{20000}', '\u{1d7d8}', '\u{1f600}', '\t', '\u00a0', '\ud800');
  it('counts exactly what the WORD regular expression matches', () => {
    fc.assert(
      fc.property(fc.array(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), { maxLength: 4 }), (paragraphs) => {
        const expected = paragraphs.reduce((sum, text) => sum + (text.match(WORD)?.length ?? 0), 0);
        expect(countWords(paragraphs)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
