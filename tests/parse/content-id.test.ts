/**
 * The content id: the same story from two captures or mirrors shares it; a change to the story
 * changes it. The recipe is public (docs/content-id.md), so one test rebuilds it by hand.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseForId } from '../../src/parse/content-id.js';
import { loadFixture } from '../helpers/fixtures.js';
import { DATELINE, lines, parseOk } from './support.js';

const idOf = (text: string) => parseOk(text).id;
const BASE = lines('Title', `${DATELINE}The message said \u2014 as before \u2014 that it\u2019s \u201cstrong\u201d.`, 'It wished him good health. -0-');

describe('content id', () => {
  it('is the same for the two mirror fixtures, which differ in title, dashes, quotes, spacing, line endings and teasers', () => {
    const a = loadFixture('mirror-a');
    const b = loadFixture('mirror-b');
    const docA = parseOk(a.input, a.options);
    const docB = parseOk(b.input, b.options);
    expect(docA.lead.title).not.toBe(docB.lead.title);
    expect(docA.lead.paragraphs).not.toEqual(docB.lead.paragraphs);
    expect(docA.source.lineEndings).not.toBe(docB.source.lineEndings);
    expect(docA.teasers).not.toEqual(docB.teasers);
    expect(docA.id).toBe(docB.id);
  });

  it('changes when a paragraph of a mirror changes', () => {
    const a = loadFixture('mirror-a');
    const text = new TextDecoder().decode(a.input);
    const edited = text.replace('good health', 'good fortune');
    expect(edited).not.toBe(text);
    expect(parseOk(edited).id).not.toBe(parseOk(a.input).id);
  });

  // Variants of BASE that are the same story: [case, variant]
  const same: Array<[string, string]> = [
    ['another title', BASE.replace('Title', 'Another Title')],
    ['no title', BASE.replace('Title\n', '')],
    ["'--' for the em dashes", BASE.replaceAll(' \u2014 ', ' -- ')],
    ['en dashes', BASE.replaceAll('\u2014', '\u2013')],
    ['straight quotes', BASE.replace('\u2019', "'").replace('\u201c', '"').replace('\u201d', '"')],
    ['whitespace runs and tabs', BASE.replace('The message said', 'The  message\tsaid')],
    ['NFKC (full-width letters)', BASE.replace('health', '\uff48\uff45\uff41\uff4c\uff54\uff48')],
    ['CRLF line endings', BASE.replaceAll('\n', '\r\n')],
    ['an em dash after the dateline', BASE.replace('(KCNA) --', '(KCNA) \u2014')],
    ['end marker missing', BASE.replace(' -0-', '')],
    ['blank lines and trailing spaces', BASE.replace('\nIt wished', '  \n\nIt wished')],
    ['a teaser list', `${BASE}More From KCNA.kp (En)\nT\nMarch 18, 2026\nT\nMore Articles\n`],
  ];
  it.each(same)('is unchanged by %s', (_name, variant) => {
    expect(variant).not.toBe(BASE);
    expect(idOf(variant)).toBe(idOf(BASE));
  });

  it('is unchanged by the year, whatever its source', () => {
    expect(parseOk(BASE, { year: 2021 }).id).toBe(idOf(BASE));
  });

  // Variants of BASE that are another story: [case, variant]
  const different: Array<[string, string]> = [
    ['a changed word', BASE.replace('good health', 'good fortune')],
    ['another place', BASE.replace('Pyongyang', 'Kaesong')],
    ['another month', BASE.replace('March 23', 'April 23')],
    ['another day', BASE.replace('March 23', 'March 24')],
    ['paragraphs joined', BASE.replace('\u201d.\nIt wished', '\u201d. It wished')],
    ['a paragraph added', BASE.replace('\nIt wished', '\nA new paragraph.\nIt wished')],
    ['no dateline', BASE.replace(DATELINE, '')],
  ];
  it.each(different)('changes with %s', (_name, variant) => {
    expect(variant).not.toBe(BASE);
    expect(idOf(variant)).not.toBe(idOf(BASE));
  });

  it('follows the documented recipe', () => {
    const key = ['kcna-parse/id/1', 'Pyongyang', '3', '23', 'Body one.', 'Body two.'].join('\u001f');
    const expected = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
    expect(idOf(lines(`${DATELINE}Body  one.`, 'Body two. -0-'))).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('normaliseForId on plain ASCII', () => {
  // The ASCII shortcut must give what the full recipe gives.
  const full = (text: string) =>
    text
      .normalize('NFKC')
      .replace(/--|[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
      .replace(/\s+/g, ' ')
      .trim();
  it('matches the full recipe', () => {
    const ascii = fc.array(fc.constantFrom('a', 'B', '1', ' ', '  ', '\t', '-', '--', '---', "'", '"', '.', '\v', '\f', '\r'), { maxLength: 40 });
    fc.assert(
      fc.property(ascii, (parts) => {
        const text = parts.join('');
        expect(normaliseForId(text)).toBe(full(text));
      }),
      { numRuns: 2000 },
    );
  });
});
