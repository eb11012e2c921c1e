/**
 * Determinism and the content id: the same bytes always give the same document, and the id
 * ignores what mirrors and captures change (title, line endings, BOM, encoding, dash and quote
 * style, dateline separator) while following the story itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { dispatchLines, dispatchSpec, layout, nastyBytes, PLAIN, render, restyle, soupBytes, soupText, style, datelineSpec, type DispatchSpec } from '../helpers/arbitraries.js';
import { params } from './sound.js';

function idOf(spec: DispatchSpec, l = PLAIN): string {
  const result = parseDispatch(render(dispatchLines(spec), l));
  if (!result.ok) throw new Error(`not parsed: ${result.code} ${result.message}`);
  return result.document.id;
}

describe('determinism', () => {
  it('parsing the same bytes twice gives deep-equal results', () => {
    fc.assert(
      fc.property(fc.oneof(nastyBytes, soupBytes), (bytes) => {
        expect(parseDispatch(bytes, { path: 'a/2021-03-23.txt' })).toEqual(parseDispatch(Uint8Array.from(bytes), { path: 'a/2021-03-23.txt' }));
      }),
      params(200),
    );
  });

  it('text and its UTF-8 bytes give the same document', () => {
    // Lone surrogates have no UTF-8 form, so only well-formed text qualifies.
    fc.assert(
      fc.property(soupText.filter((text) => !/\p{Cs}/u.test(text)), (text) => {
        expect(parseDispatch(text)).toEqual(parseDispatch(Buffer.from(text, 'utf8')));
      }),
      params(200),
    );
  });
});

describe('content id', () => {
  it('does not depend on the title, layout, encoding, dash or quote style', () => {
    fc.assert(
      fc.property(dispatchSpec, fc.option(fc.string({ minLength: 1, maxLength: 30 }).map((s) => `Title ${s.replace(/\s/gu, '')}`), { nil: null }), layout, style, (spec, title, l, s) => {
        const variant = restyle({ ...spec, title }, s);
        expect(idOf(variant, l)).toBe(idOf(spec));
      }),
      params(150),
    );
  });

  it('does not depend on the dateline separator or the spacing around it', () => {
    fc.assert(
      fc.property(dispatchSpec, datelineSpec, (spec, other) => {
        const { before, separator, after } = other;
        expect(idOf({ ...spec, dateline: { ...spec.dateline, before, separator, after } })).toBe(idOf(spec));
      }),
      params(100),
    );
  });

  it('changes with the place, the date and the paragraphs', () => {
    fc.assert(
      fc.property(dispatchSpec, datelineSpec, fc.nat(), (spec, other, at) => {
        const i = at % spec.paragraphs.length;
        const edited = spec.paragraphs.map((p, j) => (j === i ? `${p} again` : p));
        expect(idOf({ ...spec, paragraphs: edited })).not.toBe(idOf(spec));
        const moved = { ...spec.dateline, place: other.place, month: other.month, day: other.day, monthText: other.monthText };
        const same = moved.place === spec.dateline.place && moved.month === spec.dateline.month && moved.day === spec.dateline.day;
        if (!same) expect(idOf({ ...spec, dateline: moved })).not.toBe(idOf(spec));
      }),
      params(100),
    );
  });
});
