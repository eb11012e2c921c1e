/**
 * The page of issue 20, point by point (in process; tests/report/browser.test.ts checks the same
 * pages in Chromium): the right numbers of missing articles (9), readable charts (10), one screen
 * first and a sparse archive that is no alarm (11), the lists people act on (12).
 */
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/pipeline/convert.js';
import { LIMITS, ReportAggregator, type RunFacts } from '../../src/report/aggregate.js';
import { codesChart, gapRule, levels, monthGridChart, renderSvg, tallyChart, teaserBucket, teaserChart, withTitles, yearsChart, yearSourcesChart, type ChartSpec } from '../../src/report/charts.js';
import { renderHtml, type PageSink } from '../../src/report/html.js';
import { explanationOf, markdownToHtml } from '../../src/report/explanations.js';
import type { ArchiveReport } from '../../src/schema/types.generated.js';
import { document, failure, idOf, success, warning } from './helpers.js';

class Page implements PageSink {
  text = '';
  write(piece: string): void {
    this.text += piece;
  }
  async maybeFlush(): Promise<void> {}
}

function summarise(results: FileResult[], run?: RunFacts): ArchiveReport {
  const aggregator = new ReportAggregator({ generator: 'kcna-parse test', ...(run ? { run } : {}) });
  for (const result of results) aggregator.add(result);
  return aggregator.summary();
}

async function pageOf(report: ArchiveReport): Promise<string> {
  const page = new Page();
  await renderHtml(report, page);
  return page.text;
}

/** The text of the section with this id. */
function section(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('9. right numbers: missing articles counted once per date and text', () => {
  it('counts distinct missing articles, and how many entries point to each', async () => {
    // Three pages point to the same two articles of 2021-03-22, which the archive does not hold.
    const teasers = (line: number) => [
      { date: '2021-03-22', text: 'Article one', line },
      { date: '2021-03-22', text: 'Article two', line: line + 3 },
    ];
    const report = summarise([
      success('a.txt', document({ date: '2021-03-23', teasers: teasers(10) })),
      success('b.txt', document({ date: '2021-03-24', teasers: teasers(20) })),
      success('c.txt', document({ date: '2021-03-25', teasers: [...teasers(30), { date: '2021-03-23', text: 'held' }] })),
    ]);
    expect(report.teasers).toMatchObject({ total: 7, missingDays: 1, missingTeasers: 2, missingEntries: 6 });
    expect(report.teasers.missing).toEqual([
      {
        date: '2021-03-22',
        count: 6,
        articles: 2,
        teasers: [
          { text: 'Article one', path: 'a.txt', line: 10, entries: 3 },
          { text: 'Article two', path: 'a.txt', line: 13, entries: 3 },
        ],
      },
    ]);
    const page = section(await pageOf(report), 'teasers');
    expect(page).toContain('they point to <span class="n" data-metric="/teasers/missingTeasers">2</span> distinct articles');
    expect(page).toContain('<span class="n" data-metric="/teasers/missing/0/teasers/0/entries">3</span> entries; first in <code>a.txt:10</code>');
  });

  it('forgets what tells articles apart once a day is held, and counts that day as held', () => {
    const report = summarise([
      success('a.txt', document({ date: '2021-03-23', teasers: [{ date: '2021-03-22', text: 'x' }] })),
      success('b.txt', document({ date: '2021-03-22' })),
      success('c.txt', document({ date: '2021-03-24', teasers: [{ date: '2021-03-22', text: 'y' }] })),
    ]);
    expect(report.teasers).toMatchObject({ total: 2, missingDays: 0, missingTeasers: 0, missingEntries: 0, missing: [] });
    expect(report.teasers.days).toEqual([{ date: '2021-03-22', count: 2, held: true }]);
  });
});

describe('10. readable charts', () => {
  it('bins the calendar in levels of equal width', () => {
    const labels = (max: number) => levels(max).map((level) => level.label);
    expect(labels(10)).toEqual(['1–3', '4–6', '7–9', '10–12']);
    expect(labels(12)).toEqual(['1–3', '4–6', '7–9', '10–12']);
    expect(labels(4)).toEqual(['1', '2', '3', '4']);
    expect(labels(2)).toEqual(['1', '2']);
    expect(labels(1000)).toEqual(['1–250', '251–500', '501–750', '751–1,000']);
    for (const max of [1, 2, 3, 5, 7, 10, 13, 99, 1234]) {
      const widths = new Set(levels(max).map((level) => level.max - level.min));
      expect(widths.size, `max ${max}`).toBe(1);
      expect(levels(max).at(-1)!.max).toBeGreaterThanOrEqual(max);
    }
  });

  it('writes bar labels and axis values as the tables do (20,000, not 20000)', async () => {
    const svg = await renderSvg(tallyChart({ entries: [{ name: 'Pyongyang', count: 20_000 }, { name: 'Wonsan', count: 1_500 }], other: 0, otherNames: 0 })!);
    expect(svg).toContain('>20,000</text>');
    expect(svg).toContain('>1,500</text>');
    expect(svg).not.toMatch(/>20000</);
  });

  it('gives every bar a tooltip and leaves no ECharts mark behind', async () => {
    const spec = tallyChart({ entries: [{ name: 'Pyongyang', count: 7 }, { name: 'Wonsan', count: 2 }], other: 3, otherNames: 4 })!;
    const svg = await renderSvg(spec);
    expect([...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual(['Pyongyang: 7 dispatches', 'Wonsan: 2 dispatches', '(other): 3 dispatches']);
    expect(svg).not.toContain('ecmeta_');
  });

  it('drops an item whose tooltip is null (a bar of height 0) and keeps the others', () => {
    const svg = '<svg><path d="M0 0" ecmeta_series_index="0" ecmeta_data_index="0" ecmeta_ssr_type="chart" class="a"></path>\n<path d="M1 1" ecmeta_series_index="1" ecmeta_data_index="0" ecmeta_ssr_type="chart"></path>\n<path d="M2 2"></path></svg>';
    const out = withTitles(svg, { title: (series) => (series === 0 ? 'a < b & "c"' : null) });
    expect(out).toBe('<svg><path d="M0 0" class="a"><title>a &lt; b &amp; &quot;c&quot;</title></path>\n\n<path d="M2 2"></path></svg>');
  });

  it('draws no legend inside a figure: legends are HTML beside it', () => {
    const report = summarise([
      success('a.txt', document({ date: '2019-03-23', place: 'Wonsan', teasers: [{ date: '2019-03-20' }, { date: '2019-03-23' }] }), [warning('PAGE_JUNK', 1)]),
      success('b.txt', document({ date: '2021-03-23', yearSource: 'juche-stamp' }), [warning('STAMP_LINE', 2)]),
      failure('c.txt', 'EMPTY_INPUT'),
      failure('d.txt', 'NOT_A_DISPATCH'),
    ]);
    const specs: Array<ChartSpec | null> = [
      monthGridChart(report),
      yearsChart(report),
      yearSourcesChart(report),
      tallyChart(report.places),
      codesChart(report.warnings.codes, ['warning', 'warnings']),
      codesChart(report.failures.codes, ['input', 'inputs']),
      teaserChart(report),
    ];
    for (const spec of specs) {
      expect(spec).not.toBeNull();
      expect(spec!.option).not.toHaveProperty('legend');
    }
  });

  it('puts teaser dates on a time axis, by month when they span more than 400 days, and every bar has a tooltip', async () => {
    const dates = Array.from({ length: 900 }, (_, i) => new Date(Date.UTC(2018, 0, 1 + i)).toISOString().slice(0, 10));
    const report = summarise([success('a.txt', document({ date: '2018-01-01', teasers: dates.map((date) => ({ date, text: date })) }))]);
    expect(teaserBucket(report)).toBe('month');
    const spec = teaserChart(report)!;
    expect((spec.option.xAxis as { type: string }).type).toBe('time');
    const svg = await renderSvg(spec);
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    // 30 months: one bar each (of held entries only in the first, of missing entries in every one).
    expect(titles.filter((title) => title.includes('missing articles'))).toHaveLength(30);
    expect(titles).toContain('January 2018: 1 teaser entry dated days the archive holds a dispatch for');
    expect(titles).toContain('January 2018: 30 teaser entries dated days the archive holds no dispatch for (30 days that month): missing articles');
    const short = summarise([success('a.txt', document({ date: '2021-03-23', teasers: [{ date: '2021-03-01' }, { date: '2021-03-09' }] }))]);
    expect(teaserBucket(short)).toBe('day');
  });
});

describe('11. one screen first', () => {
  it('puts the cards and the year × month grid first, then the calendar collapsed per year', async () => {
    const report = summarise(['2020-05-01', '2021-06-01', '2021-06-02'].map((date, i) => success(`${i}.txt`, document({ date }))));
    const page = await pageOf(report);
    const at = (text: string) => page.indexOf(text);
    expect(at('<section id="overview"')).toBeLessThan(at('data-figure="months"'));
    expect(at('data-figure="months"')).toBeLessThan(at('<details class="year"'));
    expect(page.match(/<details class="year" data-year="\d{4}">/g)).toEqual(['<details class="year" data-year="2020">', '<details class="year" data-year="2021">']);
    expect(page).not.toContain('<details class="year" data-year="2020" open');
    // Every day of a year is a cell with its tooltip.
    const calendar = page.slice(at('data-figure="calendar" data-year="2021"'), page.indexOf('</figure>', at('data-figure="calendar" data-year="2021"')));
    expect(calendar.match(/<rect /g)).toHaveLength(365);
    expect(calendar).toContain('<title>2021-06-02 (Wednesday): 1 dispatch</title>');
    expect(calendar).toContain('<title>2021-06-03 (Thursday): no dispatch (outside the span the archive covers)</title>');
  });

  it('draws no chart for a single-value tally: its table says it', async () => {
    const report = summarise([success('a.txt', document({ place: 'Wonsan' })), success('b.txt', document({ place: 'Wonsan' }))]);
    const page = await pageOf(report);
    expect(page).not.toContain('data-figure="places"');
    expect(page).not.toContain('data-figure="agencies"');
    expect(page).not.toContain('data-figure="year-sources"');
    expect(section(page, 'places')).toContain('<td><bdi>Wonsan</bdi></td><td class="num"><span class="n" data-metric="/places/entries/0/count">2</span>');
  });

  it('reads a sparse archive (15 dated dispatches over 24 years) as a sample: no alarm, gaps only in its months, and says so', async () => {
    const dates = Array.from({ length: 15 }, (_, i) => `${1999 + Math.round((i * 23) / 14)}-${String((i % 12) + 1).padStart(2, '0')}-15`);
    const report = summarise(dates.map((date, i) => success(`${i}.txt`, document({ date }))));
    const { coverage } = report;
    expect(coverage.sparse).toBe(true);
    expect(coverage.monthsWithDispatches).toBe(15);
    expect(coverage.spanMonths).toBeGreaterThan(24 * 12 - 12);
    // Only the empty days of the fifteen months holding a dispatch are gaps.
    expect(coverage.gapDays).toBeLessThan(15 * 31);
    expect(coverage.gapDays).toBeGreaterThan(15 * 20);
    const isGap = gapRule(coverage);
    const day = (date: string) => Date.parse(date) / 86_400_000;
    expect(isGap(day(`${dates[0]!.slice(0, 7)}-16`))).toBe(true);
    expect(isGap(day('2005-12-31'))).toBe(false);
    const page = await pageOf(report);
    expect(page).toContain('<p class="note">A sparse archive: its dated dispatches fall in <span class="n" data-metric="/coverage/monthsWithDispatches">15</span> of');
    // The gap card is not marked as bad.
    expect(page).toMatch(/<div class="card"><span class="n" data-metric="\/coverage\/gapDays">[\d,]+<\/span><a href="#coverage">gap days in covered months<\/a><\/div>/);
    // A dense archive's gaps are.
    const dense = await pageOf(summarise(['2021-03-01', '2021-03-05'].map((date, i) => success(`${i}.txt`, document({ date })))));
    expect(dense).toContain('<div class="card bad"><span class="n" data-metric="/coverage/gapDays">3</span><a href="#coverage">days without a dispatch</a></div>');
  });
});

describe('12. the lists people act on', () => {
  it('lists the undated dispatches by folder, with why each has no year', async () => {
    const report = summarise([
      success('yr/2020/a.txt', document({ date: '2020-01-01' })),
      success('dump/x/b.txt', document({ date: null })),
      success('dump/x/c.txt', document({ date: null })),
      success('dump/y/d.txt', document({ noDateline: true })),
      success('e.txt', document({ date: null })),
    ]);
    expect(report.undated).toEqual({
      total: 4,
      noDateline: 1,
      noYear: 3,
      impossibleDate: 0,
      folders: {
        entries: [
          { name: 'dump/x', count: 2 },
          { name: '.', count: 1 },
          { name: 'dump/y', count: 1 },
        ],
        other: 0,
        otherNames: 0,
      },
      examples: [
        { path: 'dump/x/b.txt', line: expect.any(Number), reason: 'no-year' },
        { path: 'dump/x/c.txt', line: expect.any(Number), reason: 'no-year' },
        { path: 'dump/y/d.txt', line: expect.any(Number), reason: 'no-dateline' },
        { path: 'e.txt', line: expect.any(Number), reason: 'no-year' },
      ],
      moreExamples: 0,
    });
    const page = section(await pageOf(report), 'undated');
    expect(page).toContain('<td><code>dump/x</code></td><td class="num"><span class="n" data-metric="/undated/folders/entries/0/count">2</span>');
    expect(page).toMatch(/dump\/x\/b\.txt:\d+ {2}a dateline without a year: no --year, stamp, page date or year folder gave one\n/);
    expect(page).toContain('--year');
  });

  it(`lists at most ${LIMITS.undatedExamples} undated dispatches and counts the rest`, () => {
    const report = summarise(Array.from({ length: LIMITS.undatedExamples + 5 }, (_, i) => success(`u/${i}.txt`, document({ date: null }))));
    expect(report.undated.examples).toHaveLength(LIMITS.undatedExamples);
    expect(report.undated.moreExamples).toBe(5);
  });

  it('shows each duplicate group with the dates and titles of its dispatches, and flags different dates', async () => {
    const id = idOf('same story');
    const titled = (date: string, title: string) => {
      const doc = document({ date, id });
      doc.lead.title = title;
      return doc;
    };
    const report = summarise([success('2001/07/a.txt', titled('2001-07-03', 'Harvest Begins')), success('2007/07/b.txt', titled('2007-07-03', 'Harvest Begins Again'))]);
    expect(report.duplicates.shown[0]!.members).toEqual([
      { path: '2001/07/a.txt', date: '2001-07-03', title: 'Harvest Begins' },
      { path: '2007/07/b.txt', date: '2007-07-03', title: 'Harvest Begins Again' },
    ]);
    const page = section(await pageOf(report), 'duplicates');
    expect(page).toContain('on 2 different dates: not captures of one dispatch');
    expect(page).toContain('2001/07/a.txt  2001-07-03  Harvest Begins\n2007/07/b.txt  2007-07-03  Harvest Begins Again</pre>');
    // An undated capture beside a dated one is no different date.
    const other = idOf('other story');
    const undated = await pageOf(summarise([success('x.txt', document({ date: null, id: other })), success('y.txt', document({ date: '2021-03-23', id: other }))]));
    expect(section(undated, 'duplicates')).not.toContain('class="warn"');
    expect(section(undated, 'duplicates')).toContain('x.txt  undated  ');
  });

  it('names the run’s inputs and date in the header', async () => {
    const report = summarise([success('a.txt')], { inputs: ['archive/2021', "'x/**/*.txt'"], year: 2021, maxBytes: 1024, createdAt: '2026-01-02T03:04:05Z' });
    expect(report.run).toEqual({ inputs: ['archive/2021', "'x/**/*.txt'"], moreInputs: 0, year: 2021, maxBytes: 1024, createdAt: '2026-01-02T03:04:05Z' });
    const page = await pageOf(report);
    expect(page).toContain('1</span> input from <code>archive/2021</code> <code>&#39;x/**/*.txt&#39;</code> with <code>--year 2021</code>');
    expect(page).toContain('Made 2026-01-02 03:04:05 UTC by kcna-parse test');
    const many = summarise([], { inputs: Array.from({ length: 25 }, (_, i) => `f${i}.txt`), year: null, maxBytes: 1, createdAt: '2026-01-02T03:04:05Z' });
    expect(many.run).toMatchObject({ moreInputs: 5 });
    expect(many.run!.inputs).toHaveLength(LIMITS.runInputs);
  });

  it('links each warning and error code to its explanation, shipped in the page', async () => {
    const report = summarise([success('a.txt', document(), [warning('PAGE_JUNK', 1), warning('TEASER_MISSING_DATE', 3)]), failure('b.txt', 'NOT_A_DISPATCH')]);
    const page = await pageOf(report);
    for (const code of ['PAGE_JUNK', 'TEASER_MISSING_DATE', 'NOT_A_DISPATCH']) {
      expect(page).toContain(`<a href="#explain-${code}"><code>${code}</code></a>`);
      expect(page).toContain(`<article class="explain" id="explain-${code}">`);
    }
    const explanations = section(page, 'explanations');
    expect(explanations).toContain('<strong>Meaning.</strong> A line above an article');
    expect(explanations).toContain('<strong>What to do.</strong>');
    // Self-contained: every link of the page points into the page.
    expect([...page.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]).filter((href) => !href!.startsWith('#'))).toEqual([]);
  });

  it('renders the docs’ Markdown escaped, linking only to codes explained on the page', () => {
    const html = markdownToHtml('**Meaning.** A `<b>` tag & [PAGE_JUNK](warnings.md#page_junk) or [year.md](year.md).\n\n```\n<script>x</script>\n```\n\n- one\n- two', (code) => (code === 'PAGE_JUNK' ? 'explain-PAGE_JUNK' : undefined));
    expect(html).toBe(
      '<p><strong>Meaning.</strong> A <code>&lt;b&gt;</code> tag &amp; <a href="#explain-PAGE_JUNK">PAGE_JUNK</a> or year.md.</p>\n<pre class="doc">&lt;script&gt;x&lt;/script&gt;</pre>\n<ul><li>one</li><li>two</li></ul>',
    );
    expect(explanationOf('NO_SUCH_CODE')).toBeUndefined();
    expect(explanationOf('FILE_TOO_LARGE')).toMatchObject({ file: 'docs/errors.md', meaning: expect.stringMatching(/^\*\*Meaning\.\*\*/) });
  });
});
