/**
 * The report page in a real browser: headless Chromium (the system's /usr/bin/chromium, driven by
 * playwright-core) opens the page from disk and must find no console error, make no network
 * request, show every figure the data calls for, and show the very numbers `--format json` gives.
 * Measured from the DOM: no two boxes of a legend (swatches, labels) overlap, and every calendar
 * cell, bar and grid cell carries a tooltip (an SVG <title>). A full-page screenshot (every year's
 * calendar opened) is saved under test-artifacts/report/ and checked not to be blank.
 *
 * Run on the bundled archive and on the benchmark's generated corpus of 20,000 dumps (made once by
 * bench/corpus.mjs under the system's temporary folder and reused). Without Chromium the tests are
 * skipped with the reason printed, except under CI (process.env.CI), where they fail.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveReport } from '../../src/schema/types.generated.js';
import { ROOT } from './helpers.js';
import { colourStats, decodePng } from './png.js';
import { run } from '../package/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'report');
const BIN = path.join(ROOT, 'bin', 'kcna-parse.js');

const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (install Debian's chromium package, as .ci/run does)`;
if (missing && process.env['CI']) throw new Error(`browser tests cannot run under CI: ${missing}`);
if (missing) console.warn(`skipping the report's browser tests: ${missing}`);

let browser: Browser;
const scratch = mkdtempSync(path.join(tmpdir(), 'kcna-parse-browser-'));

beforeAll(async () => {
  if (missing) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Writes the report of `inputs` as HTML and as JSON with the built program, both at once. */
async function makeReports(name: string, inputs: string[]): Promise<{ html: string; report: ArchiveReport }> {
  const html = path.join(scratch, `${name}.html`);
  const json = path.join(scratch, `${name}.json`);
  const runs = await Promise.all([run(process.execPath, [BIN, 'report', ...inputs, '-o', html], { cwd: ROOT }), run(process.execPath, [BIN, 'report', ...inputs, '-o', json], { cwd: ROOT })]);
  for (const result of runs) expect(result.status, result.stderr).toBe(0);
  return { html, report: JSON.parse(readFileSync(json, 'utf8')) as ArchiveReport };
}

/** Whether a tally has more than one value: a single one is a table row, with no chart beside it. */
const several = (tally: { entries: unknown[]; other: number } | null) => tally !== null && tally.entries.length + (tally.other > 0 ? 1 : 0) > 1;

/** The figures the page must show for this report, in page order: a chart only where it shows more than one value. */
function expectedFigures(report: ArchiveReport): string[] {
  const figures: string[] = [];
  if (report.coverage.first !== null) {
    figures.push('months', ...report.coverage.years.filter((year) => year.count > 0).map(() => 'calendar'));
    if (report.coverage.years.length > 1) figures.push('years');
  }
  const sources = [...report.years.bySource.entries.map((entry) => entry.count), report.years.withoutYear, report.years.noDateline].filter((count) => count > 0);
  if (sources.length > 1) figures.push('year-sources');
  if (several(report.places)) figures.push('places');
  if (several(report.agencies)) figures.push('agencies');
  if (several(report.inputFormats)) figures.push('input-formats');
  if (several(report.layouts)) figures.push('layouts');
  if (several(report.mirrors)) figures.push('mirrors');
  if (report.warnings.codes.length > 1) figures.push('warnings');
  if (report.failures.codes.length > 1) figures.push('failures');
  if (report.teasers.days.length > 0) figures.push('teasers');
  return figures;
}

function resolvePointer(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], value);
}

/** Opens the page from disk and checks it against the JSON report. */
async function checkPage(name: string, htmlFile: string, report: ArchiveReport, figures: string[]): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(htmlFile).href;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });

  // One screen first: the summary cards and the year × month grid come before the calendar, whose
  // years are collapsed.
  const order = await page.$eval('body', (body) => {
    const top = (selector: string) => body.querySelector(selector)?.getBoundingClientRect().top ?? null;
    return { cards: top('#overview'), grid: top('figure[data-figure="months"]'), calendar: top('details.year'), open: body.querySelectorAll('details.year[open]').length };
  });
  if (report.coverage.first !== null) {
    expect(order.grid!).toBeGreaterThan(order.cards!);
    expect(order.calendar!).toBeGreaterThan(order.grid!);
    expect(order.open).toBe(0);
  }
  await page.$$eval('details', (nodes) => nodes.forEach((node) => ((node as unknown as { open: boolean }).open = true)));

  // Every figure the data calls for, drawn, and no other.
  const shown = await page.$$eval('figure[data-figure]', (nodes) =>
    nodes.map((node) => {
      const svg = node.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return { name: node.getAttribute('data-figure'), shapes: svg ? svg.querySelectorAll('path, rect, text').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
    }),
  );
  expect(shown.map((figure) => figure.name)).toEqual(figures);
  for (const figure of shown) {
    expect(figure.shapes, figure.name!).toBeGreaterThan(5);
    expect(figure.width, figure.name!).toBeGreaterThan(300);
    expect(figure.height, figure.name!).toBeGreaterThan(50);
  }

  // Tooltips: every calendar cell, bar and grid cell is an SVG shape with a <title>.
  const tooltips = await page.$$eval('figure[data-figure]', (nodes) =>
    nodes.map((node) => ({
      name: node.getAttribute('data-figure')!,
      year: node.getAttribute('data-year'),
      titled: [...node.querySelectorAll('svg title')].filter((title) => title.parentElement !== null && ['rect', 'path'].includes(title.parentElement.tagName) && (title.textContent ?? '').length > 0).length,
      cells: node.querySelectorAll('svg rect[data-count]').length,
    })),
  );
  for (const figure of tooltips) {
    expect(figure.titled, figure.name).toBeGreaterThan(0);
    if (figure.name === 'calendar') {
      const year = Number(figure.year);
      const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
      expect(figure.cells, `calendar ${figure.year}`).toBe(days);
      expect(figure.titled, `calendar ${figure.year}`).toBe(days);
    }
    if (figure.name === 'months') expect(figure.titled).toBe(report.coverage.months.length);
    if (figure.name === 'years') expect(figure.titled).toBe(report.coverage.years.length);
  }

  // Legends are HTML, laid out by the browser: no two of their boxes (swatches and labels) overlap.
  const boxes = await page.$$eval('ul.legend', (legends) =>
    legends.map((legend) =>
      [...legend.querySelectorAll('li')].flatMap((item) => {
        const swatch = item.querySelector('.swatch')!.getBoundingClientRect();
        // The label's box: the item's text without its swatch.
        const text = [...item.childNodes].filter((child) => child.nodeType === 3 || (child as unknown as { className?: unknown }).className !== 'swatch');
        const rects = text.map((child) => {
          const r = item.ownerDocument.createRange();
          r.selectNode(child);
          return r.getBoundingClientRect();
        });
        const label = rects.reduce((a, b) => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) }), { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity });
        return [
          { what: `swatch of ${item.textContent}`, left: swatch.left, top: swatch.top, right: swatch.right, bottom: swatch.bottom },
          { what: `label ${item.textContent}`, ...label },
        ];
      }),
    ),
  );
  expect(boxes.length).toBeGreaterThan(0);
  const overlaps: string[] = [];
  for (const legend of boxes) {
    for (const box of legend) expect(box.right - box.left, box.what).toBeGreaterThan(0);
    for (let i = 0; i < legend.length; i++) {
      for (let j = i + 1; j < legend.length; j++) {
        const [a, b] = [legend[i]!, legend[j]!];
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        if (overlap) overlaps.push(`${a.what} overlaps ${b.what}`);
      }
    }
  }
  expect(overlaps).toEqual([]);

  // Every number shown is the JSON's number at the same place.
  const metrics = await page.$$eval('[data-metric]', (nodes) => nodes.map((node) => ({ pointer: node.getAttribute('data-metric')!, text: node.textContent ?? '' })));
  const mismatches = metrics
    .map(({ pointer, text }) => ({ pointer, shown: Number(text.replace(/,/g, '')), json: resolvePointer(report, pointer) }))
    .filter(({ shown, json }) => shown !== json);
  expect(mismatches).toEqual([]);
  const pointers = new Set(metrics.map((metric) => metric.pointer));
  const required = [
    '/inputs/total', '/inputs/converted', '/inputs/failed', '/dispatches/total', '/dispatches/dated', '/dispatches/undated', '/dispatches/distinctIds',
    '/warnings/total', '/failures/total', '/duplicates/groups', '/teasers/total', '/teasers/missingDays', '/years/withYear', '/years/withoutYear', '/years/noDateline',
    ...report.warnings.codes.flatMap((_, i) => [`/warnings/codes/${i}/count`, `/warnings/codes/${i}/files`]),
    ...report.failures.codes.map((_, i) => `/failures/codes/${i}/count`),
    ...report.places.entries.map((_, i) => `/places/entries/${i}/count`),
    ...report.years.bySource.entries.map((_, i) => `/years/bySource/entries/${i}/count`),
    ...report.duplicates.shown.map((_, i) => `/duplicates/shown/${i}/count`),
    ...report.teasers.missing.map((_, i) => `/teasers/missing/${i}/count`),
    ...(report.coverage.first === null ? [] : ['/coverage/spanDays', '/coverage/daysWithDispatches', '/coverage/emptyDays']),
  ];
  expect(required.filter((pointer) => !pointers.has(pointer))).toEqual([]);

  // Copyable path:line examples of each warning code.
  const examples = await page.$$eval('#warnings pre.examples', (nodes) => nodes.map((node) => node.textContent ?? ''));
  expect(examples).toHaveLength(report.warnings.codes.length);
  report.warnings.codes.forEach((code, i) => {
    const first = code.examples[0]!;
    expect(examples[i]).toContain(first.line === null ? first.path : `${first.path}:${first.line}`);
  });

  const screenshot = await page.screenshot({ fullPage: true });
  writeFileSync(path.join(ARTIFACTS, `${name}.png`), screenshot);
  const pixels = decodePng(screenshot);
  const stats = colourStats(pixels);
  expect(pixels.width).toBe(1100);
  expect(stats.distinct).toBeGreaterThan(50);
  expect(stats.nonBackground).toBeGreaterThan(0.02);

  // The print stylesheet applies: the navigation is not printed.
  await page.emulateMedia({ media: 'print' });
  expect(await page.$eval('nav', (node) => node.ownerDocument.defaultView!.getComputedStyle(node).display)).toBe('none');

  expect(problems).toEqual([]);
  expect(requests).toEqual([url]);
  await context.close();
}

describe.skipIf(missing !== null)('the report page in Chromium', () => {
  it('of the bundled archive', async () => {
    const { html, report } = await makeReports('example-archive', ['examples/archive']);
    const figures = expectedFigures(report);
    // One year, one agency, one failure code: no chart for those, the table says it.
    expect(figures).toEqual(['months', 'calendar', 'year-sources', 'places', 'input-formats', 'layouts', 'mirrors', 'warnings', 'teasers']);
    await checkPage('example-archive', html, report, figures);
  });

  it('of a sparse archive: 15 dated dispatches over 24 years, one story captured in each', async () => {
    const dir = path.join(scratch, 'sparse');
    const sample = readFileSync(path.join(ROOT, 'fixtures/sample/input.txt'));
    for (const year of [1999, 2000, 2002, 2003, 2005, 2007, 2008, 2010, 2012, 2013, 2015, 2017, 2019, 2020, 2022]) {
      mkdirSync(path.join(dir, String(year), '03'), { recursive: true });
      writeFileSync(path.join(dir, String(year), '03', `${year}-03-23.txt`), sample);
    }
    const { html, report } = await makeReports('sparse', [dir]);
    expect(report.coverage).toMatchObject({ sparse: true, monthsWithDispatches: 15, first: '1999-03-23', last: '2022-03-23' });
    expect(report.duplicates.shown[0]!.members.map((member) => member.date)).toHaveLength(10);
    await checkPage('sparse', html, report, expectedFigures(report));
  });

  it('of the 20,000-dump benchmark corpus', async () => {
    const corpus = await run(process.execPath, [path.join(ROOT, 'bench/corpus.mjs'), '--files', '20000'], { cwd: ROOT });
    expect(corpus.status, corpus.stderr).toBe(0);
    const { html, report } = await makeReports('corpus-20000', [corpus.stdout.trim()]);
    expect(report.inputs.total).toBe(20_000);
    expect(report.coverage.spanDays).toBeGreaterThan(1_000);
    await checkPage('corpus-20000', html, report, expectedFigures(report));
  }, 180_000);
});
