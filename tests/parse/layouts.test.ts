/** Page layouts, rule by rule: what each recogniser reads and what becomes a warning (docs/layouts/). */
import { describe, expect, it } from 'vitest';
import { parseDispatch, type ParseOptions } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { codesAt, lines, parseOk } from './support.js';

function parseAll(input: string, options: ParseOptions = {}): Dispatch[] {
  const result = parseDispatch(input, options);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.documents;
}

const DATE_LINE = 'Date: 13/12/2019 | Source: KCNA.kp (En) | Read original version at source';

describe('kcnawatch pages', () => {
  it('never take the Date: line for the title; the title is the line above it', () => {
    const document = parseOk(lines('KCNA KCNA.kp (En)', 'Title of the Story', DATE_LINE, '', 'Pyongyang, December 13 (KCNA) -- Text. -0-'));
    expect(document.lead).toMatchObject({ title: 'Title of the Story', titleLine: 2 });
    expect(document.page).toEqual({ layout: 'kcnawatch-2024', mirror: 'KCNA.kp (En)', capturedOn: null, date: '2019-12-13', dateLineNumber: 3, url: null });
    expect(codesAt(document)).toEqual([['PAGE_JUNK', 1], ['PAGE_JUNK', 3]]);
  });

  it('read the Date: line day first, and take the year from it within three days', () => {
    const document = parseOk(lines('Title', 'Date: 09/12/1999 | Source: KCNA.co.jp (En) | Read original version at source', 'Pyongyang, December 8 (KCNA) -- Text. -0-'));
    expect(document.page.date).toBe('1999-12-09');
    expect(document.lead.dateline).toMatchObject({ year: 1999, yearSource: 'page-date' });
  });

  it('take the year across a New Year: December 31 on a page of January 1 is the year before', () => {
    const document = parseOk(lines('Title', 'Date: 01/01/2024 | Source: KCNA.kp (En) | Read original version at source', 'Pyongyang, December 31 (KCNA) -- Text. -0-'));
    expect(document.lead.date).toBe('2023-12-31');
  });

  it('never take the year from the capture date', () => {
    const document = parseOk(lines('February 03, 2026Feb 03, 2026', 'Title', 'Pyongyang, March 23 (KCNA) -- Text. -0-'));
    expect(document.page.capturedOn).toBe('2026-02-03');
    expect(document.lead.dateline).toMatchObject({ year: null, yearSource: null });
  });

  it('rank the page date below a Juche stamp, and report a disagreement', () => {
    const document = parseOk(lines('Title', DATE_LINE.replace('13/12/2019', '23/03/2020'), 'Pyongyang, March 23 (KCNA) -- Text. -0-', 'www.kcna.kp (Juche110.3.23.)'));
    expect(document.lead.dateline).toMatchObject({ year: 2021, yearSource: 'juche-stamp' });
    expect(document.warnings.map((w) => w.code)).toContain('YEAR_CONFLICT');
  });

  it('keep the title of a five-line sidebar entry', () => {
    const document = parseOk(
      lines('Pyongyang, March 23 (KCNA) -- Text. -0-', 'More From KCNA.kp (En)', 'A Title', 'A Title', 'Snippet of the story', 'March 01, 2026', 'Snippet of the story', 'More Articles'),
    );
    expect(document.teasers).toEqual([
      { title: 'A Title', text: 'Snippet of the story', date: '2026-03-01', dateline: null, line: 5, dateLineNumber: 6, repeatLine: 7, titleLine: 3, titleRepeatLine: 4 },
    ]);
  });

  it('2019 template: Share Button is page junk, the newsletter footer a PAGE_FOOTER', () => {
    const document = parseOk(lines('Title', 'Date: 15/03/2019 | Source: (En) | Read original version at source', 'Share Button', 'Pyongyang, March 15 (KCNA) -- Text. -0-', 'Get North Korea headlines delivered to your inbox daily'));
    expect(document.page).toMatchObject({ layout: 'kcnawatch-2019', mirror: null });
    expect(codesAt(document)).toEqual([['PAGE_JUNK', 2], ['PAGE_JUNK', 3], ['PAGE_FOOTER', 5]]);
  });
});

describe('kcna.kp pages', () => {
  it('take a Gregorian stamp as the page date and a publish-stamp year', () => {
    const document = parseOk(lines('Title', 'Pyongyang, December 14 (KCNA) -- Text. -0-', 'www.kcna.kp (2025.12.14.)'));
    expect(document.page).toMatchObject({ layout: 'kcna-kp', date: '2025-12-14', dateLineNumber: 3 });
    expect(document.lead.dateline).toMatchObject({ year: 2025, yearSource: 'publish-stamp' });
  });

  it('rank a publish stamp below the page date', () => {
    const document = parseOk(lines('Title', DATE_LINE.replace('13/12/2019', '14/12/2024'), 'Pyongyang, December 14 (KCNA) -- Text. -0-', 'www.kcna.kp (2025.12.14.)'));
    expect(document.lead.dateline).toMatchObject({ year: 2024, yearSource: 'page-date' });
    expect(document.warnings.map((w) => w.code)).toContain('YEAR_CONFLICT');
  });
});

describe('datelines of kcna.co.jp daily pages', () => {
  it.each([
    ['a single hyphen', 'Pyongyang, June 18 (KCNA) - Text.', 'Pyongyang, June 18 (KCNA) -'],
    ['no comma', 'Pyongyang June 18 (KCNA) -- Text.', 'Pyongyang June 18 (KCNA) --'],
    ['no space after the comma', 'Pyongyang,July 9 (KCNA) -- Text.', 'Pyongyang,July 9 (KCNA) --'],
  ])('%s', (_name, line, text) => {
    expect(parseOk(lines(line, 'More. -0-')).lead.dateline).toMatchObject({ text, place: 'Pyongyang' });
  });

  it('an anchor id and title glued before the dateline', () => {
    const document = parseOk(lines("e091401 - Kim Jong Il's Work Published     Pyongyang, September 14 (KCNA) -- Text.", 'More.'));
    expect(document.lead).toMatchObject({ anchor: 'e091401', title: "Kim Jong Il's Work Published", titleLine: 1, datelineLine: 1, paragraphs: ['Text.', 'More.'] });
  });

  it('several stories without end markers: a title after a blank line starts the next', () => {
    const documents = parseAll(lines('First Title', '', 'Pyongyang, June 18 (KCNA) -- One.', '', 'Second Title', '', '   Pyongyang, June 17 (KCNA) -- Two.', '    Two more.'));
    expect(documents.map((d) => [d.lead.title, d.lead.paragraphs])).toEqual([
      ['First Title', ['One.']],
      ['Second Title', ['Two.', 'Two more.']],
    ]);
    expect(documents[0]!.page.layout).toBe('kcna-co-jp-daily');
    expect(documents.flatMap((d) => d.warnings)).toEqual([]);
  });
});

describe('year from the archive folders', () => {
  const text = lines('Pyongyang, March 23 (KCNA) -- Text. -0-');
  it.each([
    ['archive/2021/03/page.txt', 2021],
    ['archive/2021/03/23/page.txt', 2021],
    ['archive/2021/03/24/page.txt', null],
    ['archive/2021/04/page.txt', null],
  ])('%s gives %s', (path, year) => {
    expect(parseOk(text, { path }).lead.dateline?.year).toBe(year);
  });
});

describe('KNS pages', () => {
  it("read the calendar, 'Juch' misspelt too, as the page date", () => {
    const document = parseOk(lines('calendar>>March 5. 2012 Juch 101', 'Title', 'Pyongyang, March 4 (KCNA) -- Text.'));
    expect(document.page).toMatchObject({ layout: 'kcna-co-jp-kns', date: '2012-03-05' });
    expect(document.lead).toMatchObject({ title: 'Title', date: '2012-03-04' });
    expect(codesAt(document)).toEqual([['PAGE_JUNK', 1]]);
  });

  it("drop a table cell's closing pipe from the body", () => {
    const document = parseOk(lines('calendar>> March 18. 2014 Juche 103 |', 'Title', '|', 'Pyongyang, March 18 (KCNA) -- Whole body. |', '|'));
    expect(document.lead.paragraphs).toEqual(['Whole body.']);
    expect(codesAt(document)).toEqual([['PAGE_JUNK', 1], ['PAGE_JUNK', 3], ['PAGE_FOOTER', 5]]);
  });
});

describe('digests', () => {
  it('join hard-wrapped lines into one paragraph; an indented line starts the next', () => {
    const document = parseOk(lines("TODAY'S NEWS (December.02.2001 Juche 90)", '', 'Title', '     Pyongyang, December 1 (KCNA) -- First line', 'goes on here.', '    Second paragraph', 'ends here.'));
    expect(document.lead).toMatchObject({ paragraphs: ['First line goes on here.', 'Second paragraph ends here.'], paragraphLines: [4, 6], paragraphEndLines: [5, 7] });
    expect(document.lead.dateline).toMatchObject({ year: 2001, yearSource: 'page-date' });
  });
});

describe('listings', () => {
  it('an excerpt cut with […] is truncated, and ends its story', () => {
    const documents = parseAll(lines('First', '', 'Pyongyang, June 1 (KCNA) \u2014 Text cut [\u2026]', '', 'Second', '', 'No dateline here, cut too [\u2026]'));
    expect(documents.map((d) => [d.lead.title, d.lead.truncated])).toEqual([
      ['First', true],
      ['Second', true],
    ]);
    expect(documents[0]!.page.layout).toBe('listing');
    expect(documents[1]!.warnings.map((w) => w.code)).toEqual(['NO_DATELINE']);
  });
});

describe('Korean datelines', () => {
  it('glued onto the first sentence', () => {
    const document = parseOk(lines('제목', ' (평양 5월 20일발 조선중앙통신)본문이다. -0-'));
    expect(document.lead.dateline).toEqual({ text: '(평양 5월 20일발 조선중앙통신)', place: '평양', month: 5, day: 20, year: null, yearSource: null, agency: '조선중앙통신' });
    expect(document.lead).toMatchObject({ paragraphs: ['본문이다.'], language: 'ko' });
  });

  it('standing as its own paragraph', () => {
    const document = parseOk(lines('제목', '(평양 5월 20일발 조선중앙통신)', '본문이다. -0-'));
    expect(document.lead).toMatchObject({ title: '제목', datelineLine: 2, paragraphLines: [3], language: 'ko' });
  });
});

describe('republications', () => {
  it('skip the attribution line, join a title broken over two lines, and leave footers to PAGE_FOOTER', () => {
    const document = parseOk(
      lines('Kim Jong Un Sends Congratulations to', 'President of Laos', 'Korean Central News Agency of DPRK via Korea News Service (KNS)', 'Pyongyang, December 2 (KCNA) -- Text. -0-', 'To write your feedbacks'),
    );
    expect(document.lead).toMatchObject({ title: 'Kim Jong Un Sends Congratulations to President of Laos', titleLine: 1, titleEndLine: 2 });
    expect(document.page.layout).toBe('republication');
    expect(codesAt(document)).toEqual([['PAGE_JUNK', 3], ['PAGE_FOOTER', 5]]);
  });
});

describe('the documents of a page', () => {
  const PAGE = lines(
    "TODAY'S NEWS (December.02.2001 Juche 90)",
    '',
    'First Title',
    '     Pyongyang, December 1 (KCNA) -- One.',
    '',
    'Second Title',
    '     Pyongyang, December 2 (KCNA) -- Two.',
    'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.',
  );

  it('are in file order; document is the first; diagnostics are all warnings in line order', () => {
    const result = parseDispatch(PAGE);
    if (!result.ok) throw new Error(result.message);
    expect(result.documents.map((d) => d.source.story)).toEqual([
      { index: 1, count: 2, firstLine: 3, lastLine: 4 },
      { index: 2, count: 2, firstLine: 6, lastLine: 7 },
    ]);
    expect(result.document).toBe(result.documents[0]);
    expect(result.diagnostics.map((w) => [w.code, w.line])).toEqual([
      ['PAGE_JUNK', 1],
      ['PAGE_FOOTER', 8],
    ]);
  });

  it('give page-level lines to the first dispatch, and a decoding warning to the story holding its line', () => {
    const bytes = Buffer.concat([Buffer.from(PAGE.split('Two.')[0]!), Buffer.from([0xff]), Buffer.from(`Two.${PAGE.split('Two.')[1]!}`)]);
    const result = parseDispatch(new Uint8Array(bytes));
    if (!result.ok) throw new Error(result.message);
    expect(result.documents.map((d) => d.warnings.map((w) => [w.code, w.line]))).toEqual([
      [
        ['PAGE_JUNK', 1],
        ['PAGE_FOOTER', 8],
      ],
      [['INVALID_UTF8', 7]],
    ]);
    expect(result.diagnostics.map((w) => w.line)).toEqual([1, 7, 8]);
    expect(result.documents.every((d) => d.page.date === '2001-12-02')).toBe(true);
    expect(result.documents[1]).toMatchObject({ teaserSection: null, teasers: [] });
  });
});

describe('hard wrapping and five-line entries, near misses', () => {
  it('a blank line ends a wrapped paragraph even when the next line is at column 0', () => {
    const document = parseOk(lines("TODAY'S NEWS (December.02.2001 Juche 90)", 'Title', '     Pyongyang, December 1 (KCNA) -- One', 'line.', '', 'Next paragraph.'));
    expect(document.lead.paragraphs).toEqual(['One line.', 'Next paragraph.']);
  });

  it('a sentence printed twice (an entry that lost its date line) is not a five-line title', () => {
    const sentence = 'Following are major news items and articles in Rodong Sinmun, a leading newspaper of the DPRK, on';
    const document = parseOk(lines('Pyongyang, March 23 (KCNA) -- Text. -0-', 'More From KCNA.kp (En)', sentence, sentence, 'Another teaser text here', 'March 01, 2026', 'Another teaser text here', 'More Articles'));
    expect(document.teasers).toEqual([expect.objectContaining({ title: null, line: 5 })]);
    expect(codesAt(document)).toEqual([['TEASER_MISSING_DATE', 3], ['TEASER_MISSING_DATE', 4]]);
  });
});
