/** The real sample dump: the facts issue 2 lists under "Done when". */
import { describe, expect, it } from 'vitest';
import { parseDispatch, type ParseSuccess } from '../../src/parse/parse.js';
import { loadFixture } from '../helpers/fixtures.js';

const { input } = loadFixture('sample');

function parse(options: { year?: number } = {}): ParseSuccess['document'] {
  const result = parseDispatch(input, { path: 'fixtures/sample/input.txt', ...options });
  if (!result.ok) throw new Error(`sample did not parse: ${result.code} ${result.message}`);
  return result.document;
}

describe('the real sample', () => {
  const document = parse();

  it('has a Pyongyang, March 23 dateline and no year', () => {
    expect(document.lead.dateline).toMatchObject({ place: 'Pyongyang', month: 3, day: 23, year: null, yearSource: null, agency: 'KCNA' });
    expect(document.lead.date).toBeNull();
  });

  it('has 7 paragraphs closed by the end marker', () => {
    expect(document.lead.paragraphs).toHaveLength(7);
    expect(document.lead.endMarker).toBe(true);
    expect(document.lead.paragraphs[0]).toMatch(/^Kim Jong Un , general secretary/);
    expect(document.lead.paragraphs[6]).toMatch(/Chinese people\.$/);
  });

  it('has 20 teasers, the first without a dateline, the second with its own', () => {
    expect(document.teasers).toHaveLength(20);
    const [first, second] = document.teasers;
    expect(first).toMatchObject({ date: '2026-03-18', dateline: null });
    expect(first?.text).toMatch(/^One day in September 2016,/);
    expect(second?.date).toBe('2026-03-18');
    expect(second?.dateline).toMatchObject({ place: 'Pyongyang', month: 3, day: 18 });
    expect(second?.text).toMatch(/^The 2026 Spring National Sports Festival/);
  });

  it('takes no year from the teasers (they are from 2026, the lead is not)', () => {
    expect(document.teasers.every((teaser) => teaser.date.startsWith('2026-'))).toBe(true);
    expect(document.lead.dateline?.year).toBeNull();
  });

  it('raises no warnings', () => {
    expect(document.warnings).toEqual([]);
  });

  it('with year 2021, dates the lead 2021-03-23 from the option', () => {
    const dated = parse({ year: 2021 });
    expect(dated.lead.date).toBe('2021-03-23');
    expect(dated.lead.dateline).toMatchObject({ year: 2021, yearSource: 'option' });
    // The year is not part of the content id.
    expect(dated.id).toBe(document.id);
  });
});
