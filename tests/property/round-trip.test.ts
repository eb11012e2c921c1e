/**
 * Round trip: a generated dispatch, rendered to bytes with any layout (line endings, BOM,
 * encoding, padding, blank lines), parses back to the structure it was rendered from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datelineText, dispatchLines, dispatchSpec, isoOf, layout, render, type DatelineSpec, type DispatchSpec } from '../helpers/arbitraries.js';
import { params, parseAndCheck } from './sound.js';

function expectedDateline(d: DatelineSpec, year: number | null, source: 'option' | 'teaser-date') {
  return { text: datelineText(d), place: d.place, month: d.month, day: d.day, year, yearSource: year === null ? null : source, agency: 'KCNA' };
}

/** The --year, unless the dateline's day does not exist in it (29 February of a common year). */
function usableYear({ month, day }: DatelineSpec, year: number | undefined): number | null {
  if (year === undefined) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && day === 29 && !leap ? null : year;
}

/** The warnings a well-formed dispatch still calls for: an unusable --year, an empty or unclosed teaser list. */
function expectedWarnings(spec: DispatchSpec, year: number | undefined): string[] {
  const codes: string[] = [];
  if (year !== undefined && usableYear(spec.dateline, year) === null) codes.push('IMPOSSIBLE_DATE');
  if (spec.teasers && spec.teasers.entries.length === 0) codes.push('TEASER_HEADING_EMPTY');
  if (spec.teasers && !spec.teasers.closing) codes.push('TEASER_LIST_UNCLOSED');
  return codes;
}

// Leap and common years, so that 29 February datelines meet both.
const yearOption = fc.option(fc.oneof(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(1900, 2000, 2023, 2024)), { nil: undefined });

describe('round trip', () => {
  it('a rendered dispatch parses back to the same structure', () => {
    fc.assert(
      fc.property(dispatchSpec, layout, yearOption, (spec, l, year) => {
        const bytes = render(dispatchLines(spec), l);
        const { result, problems } = parseAndCheck(bytes, year === undefined ? {} : { year });
        expect(problems).toEqual([]);
        if (!result.ok) throw new Error(`not parsed: ${result.code} ${result.message}`);
        const { lead, teaserSection, teasers, warnings, source } = result.document;

        expect(source.encoding).toBe(l.encoding);
        expect(source.bom).toBe(l.encoding !== 'utf-8' || l.bom);
        expect(lead.title).toBe(spec.title);
        const leadYear = usableYear(spec.dateline, year);
        expect(lead.dateline).toEqual(expectedDateline(spec.dateline, leadYear, 'option'));
        expect(lead.date).toBe(leadYear === null ? null : isoOf({ ...spec.dateline, year: leadYear }));
        expect(lead.paragraphs).toEqual(spec.paragraphs);
        expect(lead.endMarker).toBe(true);
        expect(teaserSection?.heading ?? null).toBe(spec.teasers?.heading ?? null);
        expect(teaserSection?.closingLine != null).toBe(spec.teasers?.closing ?? false);
        expect(teasers).toEqual(
          (spec.teasers?.entries ?? []).map((entry) => {
            const agrees = entry.dateline !== null && entry.dateline.month === entry.date.month && entry.dateline.day === entry.date.day;
            return expect.objectContaining({
              text: entry.text,
              date: isoOf(entry.date),
              dateline: entry.dateline && expectedDateline(entry.dateline, agrees ? entry.date.year : null, 'teaser-date'),
              repeatLine: expect.any(Number),
            });
          }),
        );
        expect(warnings.map((w) => w.code)).toEqual(expectedWarnings(spec, year));
      }),
      params(200),
    );
  });
});
