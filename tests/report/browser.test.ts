/**
 * The report page in a real browser: headless Chromium (the system's /usr/bin/chromium, driven by
 * playwright-core) opens the page from disk and must find no console error, make no network
 * request, show every figure the data calls for, and show the very numbers `--format json` gives.
 * A full-page screenshot is saved under test-artifacts/report/ and checked not to be blank.
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

/** The figures the page must show for this report. */
function expectedFigures(report: ArchiveReport): string[] {
  const figures: string[] = [];
  if (report.coverage.first !== null) figures.push('calendar', 'years', 'months');
  if (report.years.withYear + report.years.withoutYear + report.years.noDateline > 0) figures.push('year-sources');
  if (report.places.entries.length > 0) figures.push('places');
  if (report.agencies.entries.length > 0) figures.push('agencies');
  if (report.inputFormats && report.inputFormats.entries.length > 0) figures.push('input-formats');
  if (report.layouts && report.layouts.entries.length > 0) figures.push('layouts');
  if (report.mirrors && report.mirrors.entries.length > 0) figures.push('mirrors');
  if (report.warnings.codes.length > 0) figures.push('warnings');
  if (report.failures.codes.length > 0) figures.push('failures');
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
    expect(figures).toEqual(['calendar', 'years', 'months', 'year-sources', 'places', 'agencies', 'input-formats', 'layouts', 'mirrors', 'warnings', 'failures', 'teasers']);
    await checkPage('example-archive', html, report, figures);
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
