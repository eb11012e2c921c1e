/**
 * The report's aggregator, rule by rule: what each count means, how examples are chosen and capped,
 * and that the coming schema fields are read when present and reported as absent otherwise.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, NONE, ReportAggregator } from '../../src/report/aggregate.js';
import { MAX_NAMES, Tally } from '../../src/report/tally.js';
import { document, failure, idOf, success, warning } from './helpers.js';
import type { FileResult } from '../../src/pipeline/convert.js';

function summarise(results: FileResult[]) {
  const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
  for (const result of results) aggregator.add(result);
  return aggregator.summary();
}

describe('inputs and failures', () => {
  it('counts inputs, converted and failed; groups failures by code, most first, first paths in input order', () => {
    const results: FileResult[] = [success('a.txt'), failure('b.txt', 'EMPTY_INPUT'), failure('c.txt', 'NOT_A_DISPATCH'), failure('d.txt', 'NOT_A_DISPATCH'), success('e.txt')];
    const report = summarise(results);
    expect(report.inputs).toEqual({ total: 5, converted: 2, failed: 3 });
    expect(report.failures.total).toBe(3);
    expect(report.failures.codes).toEqual([
      { code: 'NOT_A_DISPATCH', count: 2, examples: [{ path: 'c.txt', message: 'NOT_A_DISPATCH happened' }, { path: 'd.txt', message: 'NOT_A_DISPATCH happened' }] },
      { code: 'EMPTY_INPUT', count: 1, examples: [{ path: 'b.txt', message: 'EMPTY_INPUT happened' }] },
    ]);
  });

  it(`keeps the first ${LIMITS.examplesPerCode} paths of an error code and counts the rest`, () => {
    const results = Array.from({ length: 25 }, (_, i) => failure(`f${i}.txt`, 'READ_ERROR'));
    const [code] = summarise(results).failures.codes;
    expect(code!.count).toBe(25);
    expect(code!.examples.map((e) => e.path)).toEqual(Array.from({ length: LIMITS.examplesPerCode }, (_, i) => `f${i}.txt`));
  });
});

describe('warnings', () => {
  it('counts warnings by code, the files each occurs in, and keeps the first path:line examples', () => {
    const report = summarise([
      success('a.txt', document(), [warning('PAGE_JUNK', 1), warning('PAGE_JUNK', 2), warning('MISSING_END_MARKER', 9)]),
      failure('broken.txt', 'NOT_A_DISPATCH'),
      success('b.txt', document(), [warning('PAGE_JUNK', 3), warning('YEAR_CONFLICT', null)]),
    ]);
    expect(report.warnings.total).toBe(5);
    expect(report.warnings.codes.map(({ code, count, files }) => ({ code, count, files }))).toEqual([
      { code: 'PAGE_JUNK', count: 3, files: 2 },
      { code: 'MISSING_END_MARKER', count: 1, files: 1 },
      { code: 'YEAR_CONFLICT', count: 1, files: 1 },
    ]);
    expect(report.warnings.codes[0]!.examples.map((e) => `${e.path}:${e.line}`)).toEqual(['a.txt:1', 'a.txt:2', 'b.txt:3']);
    expect(report.warnings.codes[2]!.examples[0]).toEqual({ path: 'b.txt', line: null, message: 'YEAR_CONFLICT here' });
  });

  it('does not count the warnings of inputs that failed (the failure stands for them)', () => {
    const failed = { ...failure('x.txt', 'NOT_A_DISPATCH'), warnings: [warning('PAGE_JUNK', 1)] };
    expect(summarise([failed]).warnings).toEqual({ total: 0, codes: [] });
  });
});

describe('coverage', () => {
  it('counts dispatches per day over the span, with empty days, every month and year of the span, and the longest gaps', () => {
    const dates = ['2020-12-30', '2020-12-30', '2021-01-02', '2021-03-01', '2022-01-01'];
    const report = summarise(dates.map((date, i) => success(`${i}.txt`, document({ date }))));
    const { coverage } = report;
    expect(coverage.first).toBe('2020-12-30');
    expect(coverage.last).toBe('2022-01-01');
    expect(coverage.spanDays).toBe(368);
    expect(coverage.daysWithDispatches).toBe(4);
    expect(coverage.emptyDays).toBe(364);
    expect(coverage.days).toEqual([
      { date: '2020-12-30', count: 2 },
      { date: '2021-01-02', count: 1 },
      { date: '2021-03-01', count: 1 },
      { date: '2022-01-01', count: 1 },
    ]);
    expect(coverage.months.length).toBe(14);
    expect(coverage.months[0]).toEqual({ month: '2020-12', count: 2 });
    expect(coverage.months[1]).toEqual({ month: '2021-01', count: 1 });
    expect(coverage.months[2]).toEqual({ month: '2021-02', count: 0 });
    expect(coverage.months.at(-1)).toEqual({ month: '2022-01', count: 1 });
    expect(coverage.years).toEqual([
      { year: 2020, count: 2 },
      { year: 2021, count: 2 },
      { year: 2022, count: 1 },
    ]);
    expect(coverage.longestGaps).toEqual([
      { from: '2021-03-02', to: '2021-12-31', days: 305 },
      { from: '2021-01-03', to: '2021-02-28', days: 57 },
      { from: '2020-12-31', to: '2021-01-01', days: 2 },
    ]);
    expect(report.dispatches).toMatchObject({ total: 5, dated: 5, undated: 0 });
  });

  it('leaves undated dispatches out of the calendar and has no span without a dated one', () => {
    const report = summarise([success('a.txt', document({ date: null })), success('b.txt', document({ noDateline: true }))]);
    expect(report.dispatches).toMatchObject({ total: 2, dated: 0, undated: 2 });
    expect(report.coverage).toEqual({
      first: null,
      last: null,
      spanDays: 0,
      daysWithDispatches: 0,
      emptyDays: 0,
      spanMonths: 0,
      monthsWithDispatches: 0,
      sparse: false,
      gapDays: 0,
      days: [],
      months: [],
      years: [],
      omittedYears: [],
      longestGaps: [],
    });
  });

  it(`lists at most ${LIMITS.gaps} gaps, longest first and equal ones in date order`, () => {
    const dates = Array.from({ length: 15 }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i * 3)).toISOString().slice(0, 10));
    const { longestGaps } = summarise(dates.map((date, i) => success(`${i}.txt`, document({ date })))).coverage;
    expect(longestGaps).toHaveLength(LIMITS.gaps);
    expect(longestGaps.every((gap) => gap.days === 2)).toBe(true);
    expect(longestGaps[0]!.from).toBe('2021-01-02');
  });
});

describe('years, places and agencies', () => {
  it('counts dispatches with a year by source, those with a dateline but no year, and those without a dateline', () => {
    const report = summarise([
      success('a.txt', document({ yearSource: 'path' })),
      success('b.txt', document({ yearSource: 'juche-stamp' })),
      success('c.txt', document({ yearSource: 'path' })),
      success('d.txt', document({ date: null })),
      success('e.txt', document({ noDateline: true })),
    ]);
    expect(report.years).toEqual({
      withYear: 3,
      withoutYear: 1,
      noDateline: 1,
      bySource: { entries: [{ name: 'path', count: 2 }, { name: 'juche-stamp', count: 1 }], other: 0, otherNames: 0 },
    });
  });

  it('counts places and agencies of the dispatches with a dateline, most first and ties by name', () => {
    const report = summarise([
      success('a.txt', document({ place: 'Wonsan' })),
      success('b.txt', document({ place: 'Pyongyang' })),
      success('c.txt', document({ place: 'Hamhung', agency: 'KCNA-Radio' })),
      success('d.txt', document({ place: 'Pyongyang' })),
      success('e.txt', document({ noDateline: true })),
    ]);
    expect(report.places.entries).toEqual([
      { name: 'Pyongyang', count: 2 },
      { name: 'Hamhung', count: 1 },
      { name: 'Wonsan', count: 1 },
    ]);
    expect(report.agencies.entries).toEqual([
      { name: 'KCNA', count: 3 },
      { name: 'KCNA-Radio', count: 1 },
    ]);
  });
});

describe('the coming schema fields', () => {
  it('reports layouts, mirrors and multi-story pages as null when the documents do not carry them (schema 1.0.0)', () => {
    const older = document();
    delete (older as Partial<typeof older>).page;
    delete (older.source as Partial<typeof older.source>).story;
    const report = summarise([success('a.txt', older)]);
    expect(report.layouts).toBeNull();
    expect(report.mirrors).toBeNull();
    expect(report.dispatches.multiStoryPages).toBeNull();
  });

  it('counts page.layout, page.mirror (a null one as (none)) and pages holding several dispatches when they are there', () => {
    const page = (layout: string, mirror: string | null) => ({ page: { layout, mirror, capturedOn: null, date: null, dateLineNumber: null } });
    const story = (index: number, count: number) => ({ story: { index, count, firstLine: 1, lastLine: 2 } });
    const report = summarise([
      success('a.txt', document({ extra: page('kcnawatch-2024', 'KCNA.kp (En)'), sourceExtra: story(1, 1) })),
      success('b.txt', document({ extra: page('kcna-co-jp-daily', null), sourceExtra: story(1, 3) })),
      success('c.txt', document({ extra: page('kcnawatch-2024', 'KCNA.kp (En)'), sourceExtra: story(1, 1) })),
    ]);
    expect(report.layouts!.entries).toEqual([
      { name: 'kcnawatch-2024', count: 2 },
      { name: 'kcna-co-jp-daily', count: 1 },
    ]);
    expect(report.mirrors!.entries).toEqual([
      { name: 'KCNA.kp (En)', count: 2 },
      { name: NONE, count: 1 },
    ]);
    expect(report.dispatches.multiStoryPages).toBe(1);
  });

  it('counts a document whose page is null under (none), as carrying the fields', () => {
    const report = summarise([success('a.txt', document({ extra: { page: null } }))]);
    expect(report.layouts!.entries).toEqual([{ name: NONE, count: 1 }]);
    expect(report.mirrors!.entries).toEqual([{ name: NONE, count: 1 }]);
  });
});

describe('duplicate ids', () => {
  it('groups dispatches sharing a content id, listing the inputs in input order, first met first', () => {
    const a = idOf('a');
    const b = idOf('b');
    const report = summarise([
      success('1.txt', document({ id: a })),
      success('2.txt', document({ id: b })),
      success('3.txt', document({ id: idOf('c') })),
      success('4.txt', document({ id: b })),
      success('5.txt', document({ id: a })),
      success('6.txt', document({ id: a })),
    ]);
    expect(report.dispatches.distinctIds).toBe(3);
    expect(report.duplicates).toEqual({
      groups: 2,
      extraDispatches: 3,
      shown: [
        { id: b, count: 2, paths: ['2.txt', '4.txt'], members: expect.any(Array), morePaths: 0 },
        { id: a, count: 3, paths: ['1.txt', '5.txt', '6.txt'], members: expect.any(Array), morePaths: 0 },
      ],
      moreGroups: 0,
    });
  });

  it(`caps the paths of a group at ${LIMITS.pathsPerGroup} and the groups listed at ${LIMITS.duplicateGroups}, counting the rest`, () => {
    const results: FileResult[] = [];
    for (let i = 0; i < 14; i++) results.push(success(`same-${i}.txt`, document({ id: idOf('same') })));
    for (let g = 0; g < LIMITS.duplicateGroups + 5; g++) for (const copy of [0, 1]) results.push(success(`g${g}-${copy}.txt`, document({ id: idOf(`g${g}`) })));
    const { duplicates, dispatches } = summarise(results);
    expect(duplicates.groups).toBe(LIMITS.duplicateGroups + 6);
    expect(duplicates.shown).toHaveLength(LIMITS.duplicateGroups);
    expect(duplicates.moreGroups).toBe(6);
    expect(duplicates.shown[0]).toMatchObject({ count: 14, morePaths: 4 });
    expect(duplicates.shown[0]!.paths).toHaveLength(LIMITS.pathsPerGroup);
    expect(duplicates.extraDispatches).toBe(dispatches.total - dispatches.distinctIds);
    expect(duplicates.extraDispatches).toBe(13 + LIMITS.duplicateGroups + 5);
  });
});

describe('teaser dates and missing articles', () => {
  it('counts teaser entries per date and marks the dates the archive holds no dispatch for', () => {
    const report = summarise([
      success('a.txt', document({ date: '2021-03-23', teasers: [{ date: '2021-03-23' }, { date: '2021-03-22', text: 'x' }, { date: '2021-03-22', text: 'x' }, { date: '2021-03-20', text: 'y' }] })),
      success('b.txt', document({ date: '2021-03-20', teasers: [{ date: '2021-03-22', text: 'z', line: 40 }] })),
    ]);
    expect(report.teasers.total).toBe(5);
    expect(report.teasers.days).toEqual([
      { date: '2021-03-20', count: 1, held: true },
      { date: '2021-03-22', count: 3, held: false },
      { date: '2021-03-23', count: 1, held: true },
    ]);
    expect(report.teasers.missingDays).toBe(1);
    // Two distinct articles (the same date and text counted once), three entries pointing to them.
    expect(report.teasers.missingTeasers).toBe(2);
    expect(report.teasers.missingEntries).toBe(3);
    // Distinct texts, each with where it was first met and how many entries point to it.
    expect(report.teasers.missing).toEqual([
      {
        date: '2021-03-22',
        count: 3,
        articles: 2,
        teasers: [
          { text: 'x', path: 'a.txt', line: 23, entries: 2 },
          { text: 'z', path: 'b.txt', line: 40, entries: 1 },
        ],
      },
    ]);
  });

  it(`lists missing days latest first, at most ${LIMITS.missingDays}, with at most ${LIMITS.teasersPerDay} teasers each`, () => {
    const teasers = [];
    for (let d = 0; d < LIMITS.missingDays + 7; d++) {
      const date = new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10);
      for (let k = 0; k < 5; k++) teasers.push({ date, text: `story ${k}` });
    }
    const report = summarise([success('a.txt', document({ date: '2021-12-31', teasers }))]);
    expect(report.teasers.missingDays).toBe(LIMITS.missingDays + 7);
    expect(report.teasers.missing).toHaveLength(LIMITS.missingDays);
    expect(report.teasers.moreMissingDays).toBe(7);
    expect(report.teasers.missing[0]!.date > report.teasers.missing[1]!.date).toBe(true);
    expect(report.teasers.missing[0]!.teasers.map((t) => t.text)).toEqual(['story 0', 'story 1', 'story 2']);
    expect(report.teasers.missing[0]!.count).toBe(5);
  });
});

describe('bounded state', () => {
  it(`tells apart the first ${MAX_NAMES} names of a tally and sums the rest`, () => {
    const tally = new Tally();
    for (let i = 0; i < MAX_NAMES + 10; i++) tally.add(`name ${String(i).padStart(4, '0')}`, i < 3 ? 5 : 1);
    tally.add('name 0000');
    const summary = tally.summary(3);
    expect(summary.entries).toEqual([
      { name: 'name 0000', count: 6 },
      { name: 'name 0001', count: 5 },
      { name: 'name 0002', count: 5 },
    ]);
    expect(summary.other).toBe(MAX_NAMES + 10 - 3);
    expect(summary.otherNames).toBe(MAX_NAMES - 3 + 1);
    expect(tally.total).toBe(16 + MAX_NAMES + 10 - 3);
  });
});
