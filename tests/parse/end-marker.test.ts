/** The wire end marker '-0-' and what may follow it. */
import { describe, expect, it } from 'vitest';
import { DATELINE, codes, lines, parseOk } from './support.js';

describe('end marker', () => {
  // [last line as written, last paragraph as kept]
  const closing: Array<[string, string]> = [
    ['the Chinese people. -0-', 'the Chinese people.'],
    ['the Chinese people.-0-', 'the Chinese people.'],
    ['the Chinese people. -0-  \t', 'the Chinese people.'],
    ['the Chinese people.\u00a0-0-', 'the Chinese people.'],
  ];
  it.each(closing)('%j closes the article', (last, paragraph) => {
    const document = parseOk(lines(`${DATELINE}Body.`, last));
    expect(document.lead.endMarker).toBe(true);
    expect(document.lead.endMarkerLine).toBe(2);
    expect(document.lead.paragraphs).toEqual(['Body.', paragraph]);
    expect(codes(document)).toEqual([]);
  });

  it('may stand alone on the line after the last paragraph', () => {
    const document = parseOk(lines(`${DATELINE}Body.`, '-0-'));
    expect(document.lead).toMatchObject({ endMarker: true, endMarkerLine: 2, paragraphs: ['Body.'], paragraphLines: [1] });
  });

  it('is only an end marker at the end of a line', () => {
    const document = parseOk(lines(`${DATELINE}The score was 1-0-2 at half time.`, 'End. -0-'));
    expect(document.lead.paragraphs[0]).toBe('The score was 1-0-2 at half time.');
    expect(document.lead.endMarkerLine).toBe(2);
  });

  it('when missing, warns at the last paragraph and keeps every paragraph', () => {
    const document = parseOk(lines(`${DATELINE}Body.`, 'Last words.'));
    expect(document.lead).toMatchObject({ endMarker: false, endMarkerLine: null, paragraphs: ['Body.', 'Last words.'] });
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'MISSING_END_MARKER', line: 2 })]);
  });

  it('may be followed by a stamp line, carried by a STAMP_LINE warning', () => {
    const document = parseOk(lines(`${DATELINE}Body. -0-`, 'www.kcna.kp (Juche110.3.23.)'));
    expect(document.lead.paragraphs).toEqual(['Body.']);
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'STAMP_LINE', line: 2, text: 'www.kcna.kp (Juche110.3.23.)' })]);
  });

  it('may carry the stamp on its own line', () => {
    const document = parseOk(lines(`${DATELINE}Body. -0- www.kcna.kp (Juche110.3.23.)`));
    expect(document.lead).toMatchObject({ endMarker: true, endMarkerLine: 1, paragraphs: ['Body.'] });
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'STAMP_LINE', line: 1, text: 'www.kcna.kp (Juche110.3.23.)' })]);
  });

  it('ends the article: later text before the teaser list is TRAILING_TEXT carrying the line', () => {
    const document = parseOk(lines(`${DATELINE}Body. -0-`, 'Share this article', 'More From KCNA.kp (En)', 'T', 'March 18, 2026', 'T', 'More Articles'));
    expect(document.lead.paragraphs).toEqual(['Body.']);
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'TRAILING_TEXT', line: 2, text: 'Share this article' })]);
    expect(document.teasers).toHaveLength(1);
  });
});
