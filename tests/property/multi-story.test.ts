/**
 * Pages holding several dispatches (listings of full dispatches, each closed by '-0-'): a rendered
 * page of N generated dispatches parses back to N documents, in file order, and every non-blank
 * line is accounted for exactly once across them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { accountLines } from '../helpers/accounting.js';
import { dispatchLines, dispatchSpec, layout, render } from '../helpers/arbitraries.js';
import { params, parseAndCheck } from './sound.js';

const story = dispatchSpec.map((spec) => ({ ...spec, teasers: null }));

describe('multi-story pages', () => {
  it('N dispatches one after another parse back to N documents, every line accounted for once', () => {
    fc.assert(
      fc.property(fc.array(story, { minLength: 2, maxLength: 5 }), layout, (specs, l) => {
        const bytes = render(specs.flatMap(dispatchLines), l);
        const { result, problems } = parseAndCheck(bytes);
        expect(problems).toEqual([]);
        if (!result.ok) throw new Error(`not parsed: ${result.code} ${result.message}`);
        expect(result.documents).toHaveLength(specs.length);
        result.documents.forEach((document, i) => {
          expect(document.source.story).toMatchObject({ index: i + 1, count: specs.length });
          expect(document.lead.dateline).toMatchObject({ month: specs[i]!.dateline.month, day: specs[i]!.dateline.day });
          expect(document.lead.paragraphs).toHaveLength(specs[i]!.paragraphs.length);
          expect(document.lead.endMarker).toBe(true);
        });
        expect(result.document).toBe(result.documents[0]);
      }),
      params(150),
    );
  });
});

describe('the accounting check across documents', () => {
  const PAGE = [
    'February 03, 2026Feb 03, 2026',
    'First Story Title',
    'Pyongyang, March 23 (KCNA) -- First story text.',
    'More of the first story. -0-',
    'Second Story Title',
    'Pyongyang, March 22 (KCNA) -- Second story text. -0-',
    'Third Story Title',
    'Pyongyang, March 21 (KCNA) -- Third story text.',
    'More of the third story. -0-',
  ].join('\n');

  function parsed(): Dispatch[] {
    const result = parseDispatch(PAGE);
    if (!result.ok) throw new Error(result.message);
    return structuredClone(result.documents);
  }

  it('finds nothing wrong with a page of three dispatches', () => {
    const documents = parsed();
    expect(documents.map((d) => d.lead.title)).toEqual(['First Story Title', 'Second Story Title', 'Third Story Title']);
    expect(documents[0]!.warnings.map((w) => w.code)).toEqual(['PAGE_JUNK']);
    expect(accountLines(PAGE, documents)).toEqual([]);
  });

  const tamperings: [string, (d: Dispatch[]) => Dispatch[], RegExp][] = [
    ['a document dropped', (d) => [d[0]!, d[2]!], /line 5 .*is in no place|says 3 of 3, but it is 2 of 2/],
    ['a document repeated', (d) => [d[0]!, d[1]!, d[1]!, d[2]!], /line 5 .*is in 2 places/],
    ['the documents out of order', (d) => [d[1]!, d[0]!, d[2]!], /says 2 of 3, but it is 1 of 3/],
    ['a teaser list on a later document', (d) => ((d[1]!.teaserSection = { heading: 'More From X', source: 'X', line: 1, closingLine: null }), d), /a teaser list on a dispatch that is not the first/],
    ['a page field differing between documents', (d) => ((d[2]!.page.layout = 'plain'), d), /documents\[2\] page differs/],
    ['a story span overlapping the one before', (d) => ((d[1]!.source.story.firstLine = 3), d), /inside the previous story/],
    ['a paragraph outside its story', (d) => ((d[0]!.source.story.lastLine = 3), d), /outside the story's lines 2\.\.3/],
  ];

  it.each(tamperings)('catches %s', (_, tamper, expected) => {
    const violations = accountLines(PAGE, tamper(parsed()));
    expect(violations.join('\n')).toMatch(expected);
  });
});
