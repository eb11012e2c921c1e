/**
 * Random text and bytes: the parser never throws, and whatever it returns is sound (a schema-valid
 * document that accounts for every line, or a clean failure).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nastyBytes, nastyString, parseOptions, soupBytes, soupText, splicedText } from '../helpers/arbitraries.js';
import { params, parseAndCheck } from './sound.js';

describe('parseDispatch on hostile input', () => {
  it.each([
    ['arbitrary strings', nastyString],
    ['arbitrary byte arrays', nastyBytes],
    ['dump-like text', soupText],
    ['dump-like bytes in UTF-8 and UTF-16', soupBytes],
    ['dump-like text with hostile characters spliced in', splicedText],
  ] as const)('%s: never throws and returns a sound result', (_, input: fc.Arbitrary<string | Uint8Array>) => {
    fc.assert(
      fc.property(input, parseOptions, (value, options) => {
        expect(parseAndCheck(value, options).problems).toEqual([]);
      }),
      params(300),
    );
  });

  it('dump-like text parses to a document often enough to exercise the line accounting', () => {
    const samples = fc.sample(soupText, { numRuns: 300, seed: 42 });
    const documents = samples.filter((text) => parseAndCheck(text).result.ok).length;
    expect(documents).toBeGreaterThan(100);
  });
});
