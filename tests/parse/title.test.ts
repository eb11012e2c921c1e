/** The title line and the page furniture above it. */
import { describe, expect, it } from 'vitest';
import { DATELINE, codesAt, lines, parseOk } from './support.js';

const TITLE = 'Kim Jong Un Sends Verbal Message to Xi Jinping';

describe('title', () => {
  it('is the line above the dateline, trimmed', () => {
    const document = parseOk(lines(`  ${TITLE} \t`, `${DATELINE}Body. -0-`));
    expect(document.lead).toMatchObject({ title: TITLE, titleLine: 1, datelineLine: 2, paragraphLines: [2] });
    expect(document.warnings).toEqual([]);
  });

  it('is null when the dateline opens the dump', () => {
    expect(parseOk(lines(`${DATELINE}Body. -0-`)).lead).toMatchObject({ title: null, titleLine: null });
  });

  it('leaves the page junk above it to PAGE_JUNK warnings carrying the raw lines', () => {
    const document = parseOk(lines('March 16, 2026Mar 16, 2026', 'Home | News ', TITLE, `${DATELINE}Body. -0-`));
    expect(document.lead).toMatchObject({ title: TITLE, titleLine: 3 });
    expect(document.warnings).toEqual([
      expect.objectContaining({ code: 'PAGE_JUNK', line: 1, text: 'March 16, 2026Mar 16, 2026' }),
      expect.objectContaining({ code: 'PAGE_JUNK', line: 2, text: 'Home | News ' }),
    ]);
  });

  it('is never a date line: a date right above the dateline is page junk', () => {
    const document = parseOk(lines('March 16, 2026Mar 16, 2026', `${DATELINE}Body. -0-`));
    expect(document.lead.title).toBeNull();
    expect(codesAt(document)).toEqual([['PAGE_JUNK', 1]]);
  });

  it('is never a stamp: a stamp above the article is a STAMP_LINE and can date it', () => {
    const document = parseOk(lines('www.kcna.kp (Juche110.3.23.)', `${DATELINE}Body. -0-`));
    expect(document.lead.title).toBeNull();
    expect(codesAt(document)).toEqual([['STAMP_LINE', 1]]);
    expect(document.lead.date).toBe('2021-03-23');
  });

  describe('without a dateline', () => {
    it('is the first line when it reads like a headline (short, no closing punctuation)', () => {
      const document = parseOk(lines(TITLE, 'Body one.', 'Body two. -0-'));
      expect(document.lead).toMatchObject({ title: TITLE, titleLine: 1, paragraphs: ['Body one.', 'Body two.'], paragraphLines: [2, 3] });
      expect(codesAt(document)).toEqual([['NO_DATELINE', 2]]);
    });

    it('is null when the first line is a sentence', () => {
      const document = parseOk(lines('The message was sent on Tuesday.', 'Body two. -0-'));
      expect(document.lead).toMatchObject({ title: null, paragraphs: ['The message was sent on Tuesday.', 'Body two.'] });
    });

    it('is null when the first line is the only text', () => {
      expect(parseOk(lines(`${TITLE} -0-`)).lead).toMatchObject({ title: null, paragraphs: [TITLE] });
    });

    it('comes after the page furniture at the top', () => {
      const document = parseOk(lines('March 16, 2026Mar 16, 2026', TITLE, 'Body. -0-'));
      expect(document.lead).toMatchObject({ title: TITLE, titleLine: 2, paragraphs: ['Body.'] });
      expect(codesAt(document)).toEqual([['PAGE_JUNK', 1], ['NO_DATELINE', 3]]);
    });
  });
});
