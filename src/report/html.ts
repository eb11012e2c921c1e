/**
 * The report as one self-contained HTML page: inline CSS (with a print stylesheet), inline SVG
 * figures, no script, no font, no link to anything outside the file, so it opens from disk and
 * prints as it shows. The page is written to a sink section by section, never held whole.
 *
 * What answers "what do I have, what is missing, what needs a year" comes first: the summary cards
 * and the year × month grid, then the calendar, one collapsed <details> per year, and the lists
 * people act on (undated dispatches by folder, warnings and failures with copyable `path:line`
 * lines and their explanations, duplicate groups with dates and titles, missing articles).
 *
 * Every number shown from the summary carries data-metric, the JSON Pointer of the same number in
 * the `--format json` output, so a test can check the page against it. Every string from the
 * input (paths, messages, teaser texts, names) goes through escapeHtml; in the copyable lines,
 * paths and messages are first escaped as the command line escapes them (escapeLine), so that a
 * file name cannot plant a line or reverse one; prose from the inputs (titles, teasers) is
 * isolated with <bdi>.
 */
import type { ArchiveReport, Tally } from '../schema/types.generated.js';
import {
  COLORS,
  calendarYearSvg,
  codesChart,
  counted,
  formatNumber,
  gapRule,
  hasSeveral,
  levels,
  monthGridChart,
  renderSvg,
  tallyChart,
  teaserBucket,
  teaserChart,
  yearSourcesChart,
  yearsChart,
  type ChartSpec,
} from './charts.js';
import { dayNumber, partsOf } from './days.js';
import { escapeLine } from './escape.js';
import { GENERATOR_META } from './mark.js';
import { explanationOf, markdownToHtml } from './explanations.js';

/** Where the page goes: a Sink from src/io/sink.ts fits. */
export interface PageSink {
  write(text: string): void;
  maybeFlush(): Promise<void>;
}

/** The figures a page can have, by data-figure name (a figure is left out when it has no data, or one value only). */
export const FIGURES = ['months', 'calendar', 'years', 'year-sources', 'places', 'agencies', 'input-formats', 'layouts', 'mirrors', 'archive-skipped', 'warnings', 'failures', 'teasers'] as const;
export type FigureName = (typeof FIGURES)[number];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A path or message for a copyable line: escaped as on a terminal, then for HTML. */
function line(text: string): string {
  return escapeHtml(escapeLine(text));
}

/** Prose from the inputs (a title, a teaser), its direction isolated from the page's. */
function prose(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/** 'input' or 'inputs', by count. */
function plural(count: number, word: string, many = `${word}s`): string {
  return count === 1 ? word : many;
}

/** A number from the summary, tagged with its JSON Pointer. */
function n(pointer: string, value: number): string {
  return `<span class="n" data-metric="${escapeHtml(pointer)}">${formatNumber(value)}</span>`;
}

const STYLE = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #5b636d; --line: #d8dee4; --accent: #2f6f9f; --bad: #b52a1d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1010px; padding: 20px 24px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.lede { margin: 0; }
p.lede, figcaption, .muted { color: var(--muted); }
nav { margin: 8px 0 0; font-size: 14px; }
nav a { margin-right: 12px; color: var(--accent); }
a { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 14px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; font-size: 13px; line-height: 1.3; color: var(--muted); }
.card .n { display: block; font-size: 22px; font-weight: 600; color: var(--fg); }
.card.bad .n { color: var(--bad); }
.card a { color: inherit; }
.note { background: #f6f8fa; border-left: 3px solid var(--accent); padding: 6px 10px; margin: 8px 0; }
figure { margin: 10px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; margin-top: 4px; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0; padding: 0; font-size: 13px; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
ul.legend .swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid rgba(0,0,0,.15); border-radius: 2px; flex: none; }
details.year { margin: 2px 0; }
details.year > summary { cursor: pointer; padding: 2px 0; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px 4px 0; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre.examples { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre; user-select: all; margin: 4px 0; }
pre.doc { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; overflow-x: auto; white-space: pre; }
ul.teasers { margin: 4px 0 12px; padding-left: 20px; }
ul.teasers li { margin: 2px 0; }
article.explain { border-top: 1px solid var(--line); padding: 4px 0; }
article.explain h3 { margin: 10px 0 4px; }
.warn { color: var(--bad); }
.empty { color: var(--muted); font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure, table, pre.examples, .cards { break-inside: avoid; }
  pre.examples { white-space: pre-wrap; word-break: break-all; user-select: auto; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Writes the whole page for `report` to `sink`. */
export async function renderHtml(report: ArchiveReport, sink: PageSink): Promise<void> {
  const span = report.coverage.first === null ? 'no dated dispatch' : `${report.coverage.first} to ${report.coverage.last}`;
  sink.write(
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n${GENERATOR_META}\n` +
      `<title>Archive report: ${escapeHtml(counted(report.inputs.total, 'input'))}, ${escapeHtml(counted(report.dispatches.total, 'dispatch', 'dispatches'))}, ${escapeHtml(span)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`,
  );
  writeHeader(report, span, sink);
  writeOverview(report, sink);
  await sink.maybeFlush();
  await writeCoverage(report, sink);
  writeUndated(report, sink);
  await writeYears(report, sink);
  await writeTallySection(sink, 'places', 'Places', 'Dispatches by dateline place.', report.places, '/places', 'places');
  await writeTallySection(sink, 'agencies', 'Agencies', 'Dispatches by the agency their dateline names.', report.agencies, '/agencies', 'agencies');
  if (report.layouts || report.mirrors || report.inputFormats) {
    sink.write(`<section id="pages">\n<h2>Layouts and mirrors</h2>\n`);
    if (report.inputFormats) await writeTally(sink, 'Inputs', 'Inputs by how they were read (text captures, web pages) and their page layout.', report.inputFormats, '/inputFormats', 'input-formats', ['input', 'inputs']);
    if (report.layouts) await writeTally(sink, 'Layouts', 'Dispatches by the page layout they were read from.', report.layouts, '/layouts', 'layouts');
    if (report.mirrors) await writeTally(sink, 'Mirrors', 'Dispatches by the mirror the page names.', report.mirrors, '/mirrors', 'mirrors');
    sink.write(`</section>\n`);
  }
  if (report.archives) await writeArchives(report.archives, sink);
  await writeWarnings(report, sink);
  await writeFailures(report, sink);
  writeDuplicates(report, sink);
  await sink.maybeFlush();
  await writeTeasers(report, sink);
  writeExplanations(report, sink);
  sink.write(`<footer><p class="muted">Generated by ${escapeHtml(report.generator)}, report schema ${escapeHtml(report.schemaVersion)}.</p></footer>\n</body>\n</html>\n`);
  await sink.maybeFlush();
}

function writeHeader(report: ArchiveReport, span: string, sink: PageSink): void {
  const { run } = report;
  let given = '';
  if (run !== null) {
    const shown = run.inputs.map((input) => `<code>${line(input)}</code>`).join(' ');
    const more = run.moreInputs > 0 ? ` and ${n('/run/moreInputs', run.moreInputs)} more` : '';
    const options = [run.year === null ? null : `<code>--year ${run.year}</code>`].filter((option) => option !== null);
    given = ` from ${shown}${more}${options.length > 0 ? ` with ${options.join(' ')}` : ''}`;
  }
  const made = run === null ? '' : ` Made ${escapeHtml(run.createdAt.replace('T', ' ').replace(/(:\d\d)(?:\.\d+)?Z$/, '$1 UTC'))}`;
  sink.write(
    `<header>\n<h1>Archive report</h1>\n<p class="lede">${n('/inputs/total', report.inputs.total)} ${plural(report.inputs.total, 'input')}${given}: ` +
      `${n('/dispatches/total', report.dispatches.total)} ${plural(report.dispatches.total, 'dispatch', 'dispatches')}, ${escapeHtml(span)}.` +
      `${made}${made ? ' by' : ' Written by'} ${escapeHtml(report.generator)}; the same numbers are in <code>--format json</code>.</p>\n` +
      `<nav><a href="#coverage">Coverage</a>${report.undated.total > 0 ? '<a href="#undated">Undated</a>' : ''}<a href="#years">Years</a><a href="#places">Places</a><a href="#agencies">Agencies</a>` +
      (report.layouts || report.mirrors || report.inputFormats ? `<a href="#pages">Layouts</a>` : '') +
      `<a href="#warnings">Warnings</a><a href="#failures">Failures</a><a href="#duplicates">Duplicates</a><a href="#teasers">Teasers</a>` +
      (report.warnings.codes.length + report.failures.codes.length > 0 ? `<a href="#explanations">Codes explained</a>` : '') +
      `</nav>\n</header>\n`,
  );
}

function writeOverview(report: ArchiveReport, sink: PageSink): void {
  const card = (label: string, pointer: string, value: number, bad = false, href?: string) => {
    const text = href === undefined ? escapeHtml(label) : `<a href="${href}">${escapeHtml(label)}</a>`;
    return `<div class="card${bad && value > 0 ? ' bad' : ''}">${n(pointer, value)}${text}</div>`;
  };
  const { coverage } = report;
  sink.write(
    `<section id="overview" class="cards">\n` +
      [
        card('inputs', '/inputs/total', report.inputs.total),
        card('converted', '/inputs/converted', report.inputs.converted),
        card('failed', '/inputs/failed', report.inputs.failed, true, '#failures'),
        card('dispatches', '/dispatches/total', report.dispatches.total),
        card('dated', '/dispatches/dated', report.dispatches.dated),
        card('undated: need a year', '/dispatches/undated', report.dispatches.undated, true, '#undated'),
        card('distinct ids', '/dispatches/distinctIds', report.dispatches.distinctIds),
        card('duplicate-id groups', '/duplicates/groups', report.duplicates.groups, false, '#duplicates'),
        card('warnings', '/warnings/total', report.warnings.total, true, '#warnings'),
        // A sparse archive's empty days are no alarm: only the gaps of its covered months count.
        card(coverage.sparse ? 'gap days in covered months' : 'days without a dispatch', '/coverage/gapDays', coverage.gapDays, !coverage.sparse, '#coverage'),
        card('missing articles (teasers)', '/teasers/missingTeasers', report.teasers.missingTeasers, true, '#teasers'),
        ...(report.dispatches.multiStoryPages === null ? [] : [card('pages with several dispatches', '/dispatches/multiStoryPages', report.dispatches.multiStoryPages)]),
      ].join('\n') +
      `\n</section>\n`,
  );
}

/** Figures drawn so far on each page: each names its shapes' classes after its number. */
const figuresDrawn = new WeakMap<PageSink, number>();

async function figure(sink: PageSink, name: FigureName, spec: ChartSpec | string | null, caption: string, attributes = ''): Promise<void> {
  if (spec === null) return;
  sink.write(`<figure data-figure="${name}"${attributes}>\n`);
  // A string is SVG drawn here (the calendar); anything else is rendered by ECharts.
  const number = (figuresDrawn.get(sink) ?? 0) + 1;
  figuresDrawn.set(sink, number);
  sink.write(typeof spec === 'string' ? spec : await renderSvg(spec, `figure${number}`));
  sink.write(`\n<figcaption>${caption}</figcaption>\n</figure>\n`);
  await sink.maybeFlush();
}

/** A legend in HTML: a swatch and a label per entry, laid out by the browser (never overlapping). */
function legend(entries: ReadonlyArray<{ color: string; label: string }>): string {
  return `<ul class="legend">${entries.map(({ color, label }) => `<li><span class="swatch" style="background:${escapeHtml(color)}"></span>${label}</li>`).join('')}</ul>\n`;
}

async function writeCoverage(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { coverage } = report;
  sink.write(`<section id="coverage">\n<h2>Coverage</h2>\n`);
  if (coverage.first === null) {
    sink.write(`<p class="empty">No dispatch has a full date (a dateline and a year), so there is no calendar to show.</p>\n</section>\n`);
    return;
  }
  sink.write(
    `<p>${n('/dispatches/dated', report.dispatches.dated)} dated ${plural(report.dispatches.dated, 'dispatch', 'dispatches')} from <code>${escapeHtml(coverage.first)}</code> to <code>${escapeHtml(coverage.last ?? '')}</code>: ` +
      `${n('/coverage/spanDays', coverage.spanDays)} ${plural(coverage.spanDays, 'day')}, ${n('/coverage/daysWithDispatches', coverage.daysWithDispatches)} with at least one dispatch, ` +
      `${n('/coverage/emptyDays', coverage.emptyDays)} without; ${n('/coverage/monthsWithDispatches', coverage.monthsWithDispatches)} of the span's ${n('/coverage/spanMonths', coverage.spanMonths)} ${plural(coverage.spanMonths, 'month')} hold a dispatch.</p>\n`,
  );
  if (coverage.sparse) {
    sink.write(
      `<p class="note">A sparse archive: its dated dispatches fall in ${n('/coverage/monthsWithDispatches', coverage.monthsWithDispatches)} of ${n('/coverage/spanMonths', coverage.spanMonths)} months, ` +
        `so it is read as a sample of its span, not a series. Only the empty days of those months are shaded as gaps ` +
        `(${n('/coverage/gapDays', coverage.gapDays)} ${plural(coverage.gapDays, 'day')}); the other empty days are left blank.</p>\n`,
    );
  }
  if (coverage.omittedYears.length > 0) {
    const runs = coverage.omittedYears.map((run, i) => `${run.from}–${run.to} (${n(`/coverage/omittedYears/${i}/years`, run.years)} years)`).join(', ');
    sink.write(`<p class="note">No dispatch is dated in ${runs}: those years are left out of the grid, the calendar and the chart of years.</p>\n`);
  }
  await figure(sink, 'months', monthGridChart(report), 'Dated dispatches per month; empty months show 0. Hover a cell for its month and count.');

  // The calendar: one collapsed block per year holding a dispatch.
  let busiest = 1;
  for (const day of coverage.days) if (day.count > busiest) busiest = day.count;
  const bins = levels(busiest);
  sink.write(`<h3>Calendar</h3>\n<p class="muted">Dispatches per day by their lead date, one year per block (open one to see its days; hover a day for its date and count).</p>\n`);
  sink.write(
    legend([
      { color: COLORS.gap, label: 'no dispatch (a gap)' },
      ...bins.map((bin) => ({ color: bin.color, label: `${bin.label} ${bin.max === 1 ? 'dispatch' : 'dispatches'}` })),
      { color: COLORS.blank, label: coverage.sparse ? 'outside the covered months' : 'outside the span' },
    ]),
  );
  const isGap = gapRule(coverage);
  const byYear = new Map<number, Map<number, number>>();
  for (const day of coverage.days) {
    const number = dayNumber(day.date);
    const year = partsOf(number).year;
    let counts = byYear.get(year);
    if (counts === undefined) byYear.set(year, (counts = new Map()));
    counts.set(number, day.count);
  }
  for (const [index, year] of coverage.years.entries()) {
    const counts = byYear.get(year.year);
    if (counts === undefined) continue;
    const name = String(year.year).padStart(4, '0');
    sink.write(
      `<details class="year" data-year="${name}"><summary><strong>${name}</strong>: ${n(`/coverage/years/${index}/count`, year.count)} ${plural(year.count, 'dispatch', 'dispatches')} on ${formatNumber(counts.size)} ${plural(counts.size, 'day')}</summary>\n`,
    );
    await figure(sink, 'calendar', calendarYearSvg(year.year, counts, isGap, bins), `Dispatches per day in ${name}.`, ` data-year="${name}"`);
    sink.write(`</details>\n`);
    // Each year's figure is written as soon as it is drawn: the calendar is never held whole.
    byYear.delete(year.year);
  }
  if (coverage.longestGaps.length > 0) {
    sink.write(`<h3>Longest gaps</h3>\n<table><thead><tr><th>from</th><th>to</th><th class="num">days</th></tr></thead><tbody>\n`);
    coverage.longestGaps.forEach((gap, i) =>
      sink.write(`<tr><td><code>${escapeHtml(gap.from)}</code></td><td><code>${escapeHtml(gap.to)}</code></td><td class="num">${n(`/coverage/longestGaps/${i}/days`, gap.days)}</td></tr>\n`),
    );
    sink.write(`</tbody></table>\n`);
  }
  const years = yearsChart(report);
  if (years !== null) {
    sink.write(`<h3>By year</h3>\n`);
    await figure(sink, 'years', years, 'Dated dispatches per year.');
  }
  sink.write(`</section>\n`);
}

const REASONS: Record<ArchiveReport['undated']['examples'][number]['reason'], string> = {
  'no-dateline': 'no dateline: no month and day to date it by',
  'no-year': 'a dateline without a year: no --year, stamp, page date or year folder gave one',
  'impossible-date': 'the dateline’s day does not exist in its year',
};

function writeUndated(report: ArchiveReport, sink: PageSink): void {
  const { undated } = report;
  if (undated.total === 0) return;
  sink.write(
    `<section id="undated">\n<h2>Undated dispatches</h2>\n<p>${n('/undated/total', undated.total)} ${plural(undated.total, 'dispatch has', 'dispatches have')} no full date, so the calendar leaves ${undated.total === 1 ? 'it' : 'them'} out: ` +
      `${n('/undated/noYear', undated.noYear)} with a dateline but no year, ${n('/undated/noDateline', undated.noDateline)} without a dateline, ` +
      `${n('/undated/impossibleDate', undated.impossibleDate)} whose day does not exist in its year. ` +
      `A folder of one year can be dated with <code>--year</code> (run the report on that folder alone), or its files put in <code>YYYY/MM</code> folders.</p>\n`,
  );
  sink.write(`<table><thead><tr><th>folder</th><th class="num">undated dispatches</th></tr></thead><tbody>\n`);
  undated.folders.entries.forEach((entry, i) => sink.write(`<tr><td><code>${line(entry.name)}</code></td><td class="num">${n(`/undated/folders/entries/${i}/count`, entry.count)}</td></tr>\n`));
  if (undated.folders.other > 0) {
    sink.write(`<tr><td class="muted">${n('/undated/folders/otherNames', undated.folders.otherNames)} other folders</td><td class="num">${n('/undated/folders/other', undated.folders.other)}</td></tr>\n`);
  }
  sink.write(`</tbody></table>\n`);
  const which = undated.moreExamples > 0 ? `The first ${formatNumber(undated.examples.length)}` : undated.total === 1 ? 'The one' : `All ${formatNumber(undated.total)}`;
  sink.write(`<h3>${which}, and why</h3>\n<pre class="examples">`);
  for (const example of undated.examples) {
    const where = example.line === null ? example.path : `${example.path}:${example.line}`;
    sink.write(`${line(where)}  ${escapeHtml(REASONS[example.reason])}\n`);
  }
  sink.write(`</pre>\n`);
  if (undated.moreExamples > 0) sink.write(`<p class="muted">${n('/undated/moreExamples', undated.moreExamples)} more are not listed.</p>\n`);
  sink.write(`</section>\n`);
}

async function writeYears(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { years } = report;
  sink.write(
    `<section id="years">\n<h2>Years</h2>\n<p>${n('/years/withYear', years.withYear)} ${plural(years.withYear, 'dispatch has', 'dispatches have')} a year; ${n('/years/withoutYear', years.withoutYear)} ${plural(years.withoutYear, 'has', 'have')} a dateline ` +
      `but no source for its year; ${n('/years/noDateline', years.noDateline)} ${plural(years.noDateline, 'has', 'have')} no dateline.</p>\n`,
  );
  await figure(sink, 'year-sources', yearSourcesChart(report), 'Where each dispatch’s year came from (lead.dateline.yearSource).');
  writeTallyTable(sink, years.bySource, '/years/bySource', 'year source');
  sink.write(`</section>\n`);
}

async function writeTallySection(sink: PageSink, id: string, title: string, caption: string, tally: Tally, pointer: string, figureName: FigureName): Promise<void> {
  sink.write(`<section id="${id}">\n<h2>${escapeHtml(title)}</h2>\n`);
  await writeTallyBody(sink, caption, tally, pointer, figureName);
  sink.write(`</section>\n`);
}

async function writeTally(sink: PageSink, title: string, caption: string, tally: Tally, pointer: string, figureName: FigureName, unit?: [string, string]): Promise<void> {
  sink.write(`<h3>${escapeHtml(title)}</h3>\n`);
  await writeTallyBody(sink, caption, tally, pointer, figureName, unit);
}

/** A chart and its table; a single value only in the table, which says it all. */
async function writeTallyBody(sink: PageSink, caption: string, tally: Tally, pointer: string, figureName: FigureName, unit?: [string, string]): Promise<void> {
  if (tally.entries.length === 0 && tally.other === 0) {
    sink.write(`<p class="empty">None.</p>\n`);
    return;
  }
  if (hasSeveral(tally)) await figure(sink, figureName, tallyChart(tally, unit), escapeHtml(caption));
  else sink.write(`<p class="muted">${escapeHtml(caption)}</p>\n`);
  writeTallyTable(sink, tally, pointer, 'name', unit?.[1]);
}

function writeTallyTable(sink: PageSink, tally: Tally, pointer: string, heading: string, unit = 'dispatches'): void {
  if (tally.entries.length === 0) return;
  sink.write(`<table><thead><tr><th>${escapeHtml(heading)}</th><th class="num">${escapeHtml(unit)}</th></tr></thead><tbody>\n`);
  tally.entries.forEach((entry, i) => sink.write(`<tr><td>${prose(entry.name)}</td><td class="num">${n(`${pointer}/entries/${i}/count`, entry.count)}</td></tr>\n`));
  if (tally.other > 0) {
    sink.write(`<tr><td class="muted">${n(`${pointer}/otherNames`, tally.otherNames)} other names</td><td class="num">${n(`${pointer}/other`, tally.other)}</td></tr>\n`);
  }
  sink.write(`</tbody></table>\n`);
}

/** The anchor of a code's explanation on the page. */
function explainAnchor(code: string): string {
  return `explain-${code}`;
}

/** A code, linked to its explanation further down the page. */
function codeLink(code: string): string {
  return `<a href="#${escapeHtml(explainAnchor(code))}"><code>${escapeHtml(code)}</code></a>`;
}

async function writeWarnings(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { warnings } = report;
  sink.write(
    `<section id="warnings">\n<h2>Warnings</h2>\n<p>${n('/warnings/total', warnings.total)} ${plural(warnings.total, 'warning')} in the converted inputs. Each code links to its explanation, at the end of the page.</p>\n`,
  );
  if (warnings.codes.length === 0) {
    sink.write(`<p class="empty">No warnings.</p>\n</section>\n`);
    return;
  }
  await figure(sink, 'warnings', codesChart(warnings.codes, ['warning', 'warnings']), 'Warnings by code.');
  sink.write(`<table><thead><tr><th>code</th><th class="num">warnings</th><th class="num">files</th></tr></thead><tbody>\n`);
  warnings.codes.forEach((code, i) =>
    sink.write(`<tr><td>${codeLink(code.code)}</td><td class="num">${n(`/warnings/codes/${i}/count`, code.count)}</td><td class="num">${n(`/warnings/codes/${i}/files`, code.files)}</td></tr>\n`),
  );
  sink.write(`</tbody></table>\n`);
  warnings.codes.forEach((code) => {
    const which = code.examples.length < code.count ? `the first ${code.examples.length}` : code.count === 1 ? 'the one' : `all ${code.count}`;
    sink.write(`<h3 id="warning-${escapeHtml(code.code)}">${codeLink(code.code)}: ${which}</h3>\n<pre class="examples">`);
    for (const example of code.examples) {
      const where = example.line === null ? example.path : `${example.path}:${example.line}`;
      sink.write(`${line(where)}  ${line(example.message)}\n`);
    }
    sink.write(`</pre>\n`);
  });
  sink.write(`</section>\n`);
}

async function writeFailures(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { failures } = report;
  sink.write(`<section id="failures">\n<h2>Failed inputs</h2>\n<p>${n('/failures/total', failures.total)} ${plural(failures.total, 'input')} could not be converted. Each code links to its explanation, at the end of the page.</p>\n`);
  if (failures.codes.length === 0) {
    sink.write(`<p class="empty">Every input was converted.</p>\n</section>\n`);
    return;
  }
  await figure(sink, 'failures', codesChart(failures.codes, ['input', 'inputs'], COLORS.failure), 'Failed inputs by error code.');
  failures.codes.forEach((code, i) => {
    sink.write(`<h3 id="failure-${escapeHtml(code.code)}">${codeLink(code.code)}: ${n(`/failures/codes/${i}/count`, code.count)} ${plural(code.count, 'input')}</h3>\n<pre class="examples">`);
    for (const example of code.examples) sink.write(`${line(example.path)}  ${line(example.message)}\n`);
    sink.write(`</pre>\n`);
  });
  sink.write(`</section>\n`);
}

/** The web archives' section: records read and skipped, captures against dispatches, capture days. */
async function writeArchives(archives: NonNullable<ArchiveReport['archives']>, sink: PageSink): Promise<void> {
  const { captures } = archives;
  sink.write(
    `<section id="archives">\n<h2>Web archives</h2>\n<p>${n('/archives/records', archives.records)} ${plural(archives.records, 'record')} of the web archives read as pages; ` +
      `${n('/archives/skipped/total', archives.skipped.total)} ${plural(archives.skipped.total, 'record')} skipped as no page (never a failure). ` +
      `${n('/archives/captures/total', captures.total)} ${plural(captures.total, 'capture')} hold ${n('/archives/captures/dispatches', captures.dispatches)} distinct ${plural(captures.dispatches, 'dispatch', 'dispatches')}: ` +
      `captures of one article share its content id, and <code>--dedupe</code> keeps the first.</p>\n`,
  );
  await writeTally(sink, 'Records skipped', 'Records that hold no page, by what they were.', archives.skipped.byKind, '/archives/skipped/byKind', 'archive-skipped', ['record', 'records']);
  sink.write(`<h3>Captures per dispatch</h3>\n<table><thead><tr><th class="num">captures</th><th class="num">dispatches</th></tr></thead><tbody>\n`);
  captures.byCount.forEach((row, i) =>
    sink.write(`<tr><td class="num">${n(`/archives/captures/byCount/${i}/captures`, row.captures)}</td><td class="num">${n(`/archives/captures/byCount/${i}/dispatches`, row.dispatches)}</td></tr>\n`),
  );
  sink.write(`</tbody></table>\n`);
  if (captures.mostCaptured.length > 0) {
    const rows = captures.mostCaptured.map((row) => `${String(row.captures).padStart(4)}  ${line(row.path)}  ${row.date ?? 'undated'}  ${row.title === null ? '(no title)' : line(row.title)}`).join('\n');
    sink.write(`<p class="muted">Captured most often (the first capture met):</p>\n<pre class="examples">${rows}</pre>\n`);
  }
  if (archives.byDay.length > 0) {
    sink.write(
      `<details class="year"><summary>Captures by day, beside the dispatches dated that day (${n('/archives/byDay/length', archives.byDay.length)} ${plural(archives.byDay.length, 'day')})</summary>\n` +
        `<table><thead><tr><th>day</th><th class="num">captures</th><th class="num">dispatches</th></tr></thead><tbody>\n`,
    );
    archives.byDay.forEach((row, i) =>
      sink.write(`<tr><td>${row.date}</td><td class="num">${n(`/archives/byDay/${i}/captures`, row.captures)}</td><td class="num">${n(`/archives/byDay/${i}/dispatches`, row.dispatches)}</td></tr>\n`),
    );
    sink.write(`</tbody></table>\n</details>\n`);
    if (archives.moreDays > 0) sink.write(`<p class="muted">${n('/archives/moreDays', archives.moreDays)} more capture days are not listed.</p>\n`);
  }
  sink.write(`</section>\n`);
  await sink.maybeFlush();
}

function writeDuplicates(report: ArchiveReport, sink: PageSink): void {
  const { duplicates } = report;
  sink.write(
    `<section id="duplicates">\n<h2>Duplicate ids</h2>\n<p>${n('/duplicates/groups', duplicates.groups)} content ${duplicates.groups === 1 ? 'id occurs' : 'ids occur'} more than once ` +
      `(${n('/duplicates/extraDispatches', duplicates.extraDispatches)} ${plural(duplicates.extraDispatches, 'dispatch', 'dispatches')} beyond the first of their id). The id covers the dateline's place, month and day and the paragraphs, not the year: ` +
      `captures of one story share a date; the same text on different dates is a re-publication, or a template, not a re-capture.</p>\n`,
  );
  if (duplicates.shown.length === 0) {
    sink.write(`<p class="empty">No duplicates.</p>\n</section>\n`);
    return;
  }
  duplicates.shown.forEach((group, i) => {
    // Only known dates differ: an undated member may be a capture of any of them.
    const dates = new Set(group.members.map((member) => member.date).filter((date) => date !== null));
    const note = dates.size > 1 ? ` <span class="warn">on ${formatNumber(dates.size)} different dates: not captures of one dispatch</span>` : '';
    const more = group.morePaths > 0 ? `\n… and ${n(`/duplicates/shown/${i}/morePaths`, group.morePaths)} more` : '';
    const members = group.members.map((member) => `${line(member.path)}  ${member.date ?? 'undated'}  ${member.title === null ? '(no title)' : line(member.title)}`).join('\n');
    sink.write(`<h3><code>${escapeHtml(group.id)}</code>: ${n(`/duplicates/shown/${i}/count`, group.count)} dispatches${note}</h3>\n<pre class="examples">${members}${more}</pre>\n`);
  });
  if (duplicates.moreGroups > 0) sink.write(`<p class="muted">${n('/duplicates/moreGroups', duplicates.moreGroups)} more groups are not listed.</p>\n`);
  sink.write(`</section>\n`);
}

async function writeTeasers(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { teasers } = report;
  sink.write(
    `<section id="teasers">\n<h2>Teaser dates and missing articles</h2>\n<p>The pages’ teaser lists hold ${n('/teasers/total', teasers.total)} ${plural(teasers.total, 'entry', 'entries')}. ` +
      `For ${n('/teasers/missingDays', teasers.missingDays)} of their dates the archive holds no dispatch: they point to ${n('/teasers/missingTeasers', teasers.missingTeasers)} distinct ` +
      `${plural(teasers.missingTeasers, 'article')} it does not have (the same date and text counted once), from ${n('/teasers/missingEntries', teasers.missingEntries)} ${plural(teasers.missingEntries, 'entry', 'entries')}.</p>\n`,
  );
  const chart = teaserChart(report);
  if (chart !== null) {
    const bucket = teaserBucket(report);
    sink.write(legend([
      { color: COLORS.accent, label: 'dated a day the archive holds a dispatch for' },
      { color: COLORS.missing, label: 'dated a day it holds none for (missing articles)' },
    ]));
    await figure(sink, 'teasers', chart, `Teaser entries per ${bucket} of their date, on a time axis. Hover a bar for its ${bucket} and count.`);
  }
  if (teasers.missing.length > 0) {
    sink.write(`<h3>Missing articles, latest first</h3>\n`);
    teasers.missing.forEach((day, i) => {
      sink.write(
        `<p><code>${escapeHtml(day.date)}</code>: ${n(`/teasers/missing/${i}/articles`, day.articles)} ${plural(day.articles, 'article')}, ` +
          `${n(`/teasers/missing/${i}/count`, day.count)} ${plural(day.count, 'entry', 'entries')}</p>\n<ul class="teasers">\n`,
      );
      day.teasers.forEach((teaser, k) =>
        sink.write(
          `<li>${prose(teaser.text)} <span class="muted">(${n(`/teasers/missing/${i}/teasers/${k}/entries`, teaser.entries)} ${plural(teaser.entries, 'entry', 'entries')}; first in <code>${line(`${teaser.path}:${teaser.line}`)}</code>)</span></li>\n`,
        ),
      );
      if (day.articles > day.teasers.length) sink.write(`<li class="muted">and ${formatNumber(day.articles - day.teasers.length)} more</li>\n`);
      sink.write(`</ul>\n`);
    });
    if (teasers.moreMissingDays > 0) sink.write(`<p class="muted">${n('/teasers/moreMissingDays', teasers.moreMissingDays)} earlier days are not listed.</p>\n`);
  }
  sink.write(`</section>\n`);
}

/** The docs' explanation of every code the page shows, so that its links lead somewhere offline. */
function writeExplanations(report: ArchiveReport, sink: PageSink): void {
  const codes = [...report.warnings.codes.map((code) => ({ code: code.code, kind: 'warning' })), ...report.failures.codes.map((code) => ({ code: code.code, kind: 'error' }))];
  if (codes.length === 0) return;
  const shown = new Set(codes.map(({ code }) => code));
  const anchorOf = (code: string) => (shown.has(code) ? explainAnchor(code) : undefined);
  sink.write(`<section id="explanations">\n<h2>Codes explained</h2>\n<p class="muted">From docs/warnings.md and docs/errors.md of ${escapeHtml(report.generator)}; <code>kcna-parse explain CODE</code> prints the same.</p>\n`);
  for (const { code, kind } of codes) {
    const explanation = explanationOf(code);
    sink.write(`<article class="explain" id="${escapeHtml(explainAnchor(code))}">\n<h3><code>${escapeHtml(code)}</code> <span class="muted">${kind}</span></h3>\n`);
    if (explanation === undefined) {
      sink.write(`<p class="empty">No explanation found in this installation.</p>\n</article>\n`);
      continue;
    }
    sink.write(`${markdownToHtml(explanation.meaning, anchorOf)}\n`);
    if (explanation.whatToDo !== null) sink.write(`${markdownToHtml(explanation.whatToDo, anchorOf)}\n`);
    if (explanation.rest !== '') sink.write(`<details><summary>When it occurs, with an example</summary>\n${markdownToHtml(explanation.rest, anchorOf)}\n</details>\n`);
    sink.write(`</article>\n`);
  }
  sink.write(`</section>\n`);
}
