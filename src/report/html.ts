/**
 * The report as one self-contained HTML page: inline CSS (with a print stylesheet), inline SVG
 * figures, no script, no font, no link to anything outside the file, so it opens from disk and
 * prints as it shows. The page is written to a sink section by section, never held whole.
 *
 * Every number shown from the summary carries data-metric, the JSON Pointer of the same number in
 * the `--format json` output, so a test can check the page against it. Every string from the
 * input (paths, messages, teaser texts, names) goes through escapeHtml.
 */
import type { ArchiveReport, Tally } from '../schema/types.generated.js';
import {
  calendarChart,
  codesChart,
  monthGridChart,
  renderSvg,
  tallyChart,
  teaserChart,
  yearSourcesChart,
  yearsChart,
  type ChartSpec,
} from './charts.js';

/** Where the page goes: a Sink from src/io/sink.ts fits. */
export interface PageSink {
  write(text: string): void;
  maybeFlush(): Promise<void>;
}

/** The figures every page has a place for, by data-figure name (a figure is left out when it has no data). */
export const FIGURES = ['calendar', 'years', 'months', 'year-sources', 'places', 'agencies', 'input-formats', 'layouts', 'mirrors', 'warnings', 'failures', 'teasers'] as const;
export type FigureName = (typeof FIGURES)[number];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const formatter = new Intl.NumberFormat('en-US');

/** 'input' or 'inputs', by count. */
function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/** A number from the summary, tagged with its JSON Pointer. */
function n(pointer: string, value: number): string {
  return `<span class="n" data-metric="${escapeHtml(pointer)}">${formatter.format(value)}</span>`;
}

const STYLE = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #5b636d; --line: #d8dee4; --accent: #2f6f9f; --bad: #b52a1d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1010px; padding: 24px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.lede, figcaption, .muted { color: var(--muted); }
nav { margin: 12px 0 0; font-size: 14px; }
nav a { margin-right: 12px; color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 10px; margin: 18px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .n { display: block; font-size: 24px; font-weight: 600; }
.card.bad .n { color: var(--bad); }
figure { margin: 12px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; margin-top: 4px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px 4px 0; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre.examples { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre; user-select: all; }
ul.teasers { margin: 4px 0 12px; padding-left: 20px; }
ul.teasers li { margin: 2px 0; }
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
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<title>Archive report: ${formatter.format(report.dispatches.total)} dispatches, ${escapeHtml(span)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`,
  );
  sink.write(
    `<header>\n<h1>Archive report</h1>\n<p class="lede">${formatter.format(report.inputs.total)} inputs, ${formatter.format(report.dispatches.total)} dispatches, ` +
      `${escapeHtml(span)}. Written by ${escapeHtml(report.generator)}; the same numbers are in <code>--format json</code>.</p>\n` +
      `<nav><a href="#coverage">Coverage</a><a href="#years">Years</a><a href="#places">Places</a><a href="#agencies">Agencies</a>` +
      (report.layouts || report.mirrors || report.inputFormats ? `<a href="#pages">Layouts</a>` : '') +
      `<a href="#warnings">Warnings</a><a href="#failures">Failures</a><a href="#duplicates">Duplicates</a><a href="#teasers">Teasers</a></nav>\n</header>\n`,
  );
  writeOverview(report, sink);
  await sink.maybeFlush();
  await writeCoverage(report, sink);
  await writeYears(report, sink);
  await writeTallySection(sink, 'places', 'Places', 'Dispatches by dateline place.', report.places, '/places', 'places');
  await writeTallySection(sink, 'agencies', 'Agencies', 'Dispatches by the agency their dateline names.', report.agencies, '/agencies', 'agencies');
  if (report.layouts || report.mirrors || report.inputFormats) {
    sink.write(`<section id="pages">\n<h2>Layouts and mirrors</h2>\n`);
    if (report.inputFormats) await writeTally(sink, 'Inputs', 'Inputs by how they were read (text captures, web pages) and their page layout.', report.inputFormats, '/inputFormats', 'input-formats');
    if (report.layouts) await writeTally(sink, 'Layouts', 'Dispatches by the page layout they were read from.', report.layouts, '/layouts', 'layouts');
    if (report.mirrors) await writeTally(sink, 'Mirrors', 'Dispatches by the mirror the page names.', report.mirrors, '/mirrors', 'mirrors');
    sink.write(`</section>\n`);
  }
  await writeWarnings(report, sink);
  await writeFailures(report, sink);
  writeDuplicates(report, sink);
  await sink.maybeFlush();
  await writeTeasers(report, sink);
  sink.write(`<footer><p class="muted">Generated by ${escapeHtml(report.generator)}, report schema ${escapeHtml(report.schemaVersion)}.</p></footer>\n</body>\n</html>\n`);
  await sink.maybeFlush();
}

function writeOverview(report: ArchiveReport, sink: PageSink): void {
  const card = (label: string, pointer: string, value: number, bad = false) =>
    `<div class="card${bad && value > 0 ? ' bad' : ''}">${n(pointer, value)}${escapeHtml(label)}</div>`;
  sink.write(
    `<section id="overview" class="cards">\n` +
      [
        card('inputs', '/inputs/total', report.inputs.total),
        card('converted', '/inputs/converted', report.inputs.converted),
        card('failed', '/inputs/failed', report.inputs.failed, true),
        card('dispatches', '/dispatches/total', report.dispatches.total),
        card('dated', '/dispatches/dated', report.dispatches.dated),
        card('undated', '/dispatches/undated', report.dispatches.undated),
        card('distinct ids', '/dispatches/distinctIds', report.dispatches.distinctIds),
        card('warnings', '/warnings/total', report.warnings.total, true),
        card('duplicate-id groups', '/duplicates/groups', report.duplicates.groups),
        card('days without a dispatch', '/coverage/emptyDays', report.coverage.emptyDays, true),
        card('teaser dates not held', '/teasers/missingDays', report.teasers.missingDays, true),
        ...(report.dispatches.multiStoryPages === null ? [] : [card('pages with several dispatches', '/dispatches/multiStoryPages', report.dispatches.multiStoryPages)]),
      ].join('\n') +
      `\n</section>\n`,
  );
}

async function figure(sink: PageSink, name: FigureName, spec: ChartSpec | null, caption: string): Promise<void> {
  if (spec === null) {
    sink.write(`<p class="empty">Nothing to plot.</p>\n`);
    return;
  }
  sink.write(`<figure data-figure="${name}">\n`);
  sink.write(await renderSvg(spec));
  sink.write(`\n<figcaption>${caption}</figcaption>\n</figure>\n`);
  await sink.maybeFlush();
}

async function writeCoverage(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { coverage } = report;
  sink.write(`<section id="coverage">\n<h2>Coverage</h2>\n`);
  if (coverage.first === null) {
    sink.write(`<p class="empty">No dispatch has a full date (a dateline and a year), so there is no calendar to show.</p>\n</section>\n`);
    return;
  }
  sink.write(
    `<p>${n('/dispatches/dated', report.dispatches.dated)} dated dispatches from <code>${escapeHtml(coverage.first)}</code> to <code>${escapeHtml(coverage.last ?? '')}</code>: ` +
      `${n('/coverage/spanDays', coverage.spanDays)} days, ${n('/coverage/daysWithDispatches', coverage.daysWithDispatches)} with at least one dispatch, ` +
      `${n('/coverage/emptyDays', coverage.emptyDays)} without (the gaps).</p>\n`,
  );
  await figure(sink, 'calendar', calendarChart(report), 'Dispatches per day by their lead date. Days inside the span with no dispatch are shaded as gaps; years without any dispatch are left out.');
  if (coverage.longestGaps.length > 0) {
    sink.write(`<h3>Longest gaps</h3>\n<table><thead><tr><th>from</th><th>to</th><th class="num">days</th></tr></thead><tbody>\n`);
    coverage.longestGaps.forEach((gap, i) =>
      sink.write(`<tr><td><code>${escapeHtml(gap.from)}</code></td><td><code>${escapeHtml(gap.to)}</code></td><td class="num">${n(`/coverage/longestGaps/${i}/days`, gap.days)}</td></tr>\n`),
    );
    sink.write(`</tbody></table>\n`);
  }
  sink.write(`<h3>By year</h3>\n`);
  await figure(sink, 'years', yearsChart(report), 'Dated dispatches per year.');
  sink.write(`<h3>By month</h3>\n`);
  await figure(sink, 'months', monthGridChart(report), 'Dated dispatches per month; empty months show 0.');
  sink.write(`</section>\n`);
}

async function writeYears(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { years } = report;
  sink.write(
    `<section id="years">\n<h2>Years</h2>\n<p>${n('/years/withYear', years.withYear)} dispatches have a year; ${n('/years/withoutYear', years.withoutYear)} have a dateline ` +
      `but no source for its year; ${n('/years/noDateline', years.noDateline)} have no dateline.</p>\n`,
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

async function writeTally(sink: PageSink, title: string, caption: string, tally: Tally, pointer: string, figureName: FigureName): Promise<void> {
  sink.write(`<h3>${escapeHtml(title)}</h3>\n`);
  await writeTallyBody(sink, caption, tally, pointer, figureName);
}

async function writeTallyBody(sink: PageSink, caption: string, tally: Tally, pointer: string, figureName: FigureName): Promise<void> {
  await figure(sink, figureName, tallyChart(tally), escapeHtml(caption));
  writeTallyTable(sink, tally, pointer, 'name');
}

function writeTallyTable(sink: PageSink, tally: Tally, pointer: string, heading: string): void {
  if (tally.entries.length === 0) return;
  sink.write(`<table><thead><tr><th>${escapeHtml(heading)}</th><th class="num">dispatches</th></tr></thead><tbody>\n`);
  tally.entries.forEach((entry, i) => sink.write(`<tr><td>${escapeHtml(entry.name)}</td><td class="num">${n(`${pointer}/entries/${i}/count`, entry.count)}</td></tr>\n`));
  if (tally.other > 0) {
    sink.write(`<tr><td class="muted">${n(`${pointer}/otherNames`, tally.otherNames)} other names</td><td class="num">${n(`${pointer}/other`, tally.other)}</td></tr>\n`);
  }
  sink.write(`</tbody></table>\n`);
}

async function writeWarnings(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { warnings } = report;
  sink.write(`<section id="warnings">\n<h2>Warnings</h2>\n<p>${n('/warnings/total', warnings.total)} ${plural(warnings.total, 'warning')} in the converted inputs (each code is explained in docs/warnings.md).</p>\n`);
  if (warnings.codes.length === 0) {
    sink.write(`<p class="empty">No warnings.</p>\n</section>\n`);
    return;
  }
  await figure(sink, 'warnings', codesChart(warnings.codes), 'Warnings by code.');
  sink.write(`<table><thead><tr><th>code</th><th class="num">warnings</th><th class="num">files</th></tr></thead><tbody>\n`);
  warnings.codes.forEach((code, i) =>
    sink.write(`<tr><td><code>${escapeHtml(code.code)}</code></td><td class="num">${n(`/warnings/codes/${i}/count`, code.count)}</td><td class="num">${n(`/warnings/codes/${i}/files`, code.files)}</td></tr>\n`),
  );
  sink.write(`</tbody></table>\n`);
  warnings.codes.forEach((code) => {
    const which = code.examples.length < code.count ? `the first ${code.examples.length}` : code.count === 1 ? 'the one' : `all ${code.count}`;
    sink.write(`<h3 id="warning-${escapeHtml(code.code)}"><code>${escapeHtml(code.code)}</code>: ${which}</h3>\n<pre class="examples">`);
    for (const example of code.examples) {
      const where = example.line === null ? example.path : `${example.path}:${example.line}`;
      sink.write(`${escapeHtml(where)}  ${escapeHtml(example.message)}\n`);
    }
    sink.write(`</pre>\n`);
  });
  sink.write(`</section>\n`);
}

async function writeFailures(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { failures } = report;
  sink.write(`<section id="failures">\n<h2>Failed inputs</h2>\n<p>${n('/failures/total', failures.total)} ${plural(failures.total, 'input')} could not be converted (each code is explained in docs/errors.md).</p>\n`);
  if (failures.codes.length === 0) {
    sink.write(`<p class="empty">Every input was converted.</p>\n</section>\n`);
    return;
  }
  await figure(sink, 'failures', codesChart(failures.codes, '#b52a1d'), 'Failed inputs by error code.');
  failures.codes.forEach((code, i) => {
    sink.write(`<h3><code>${escapeHtml(code.code)}</code>: ${n(`/failures/codes/${i}/count`, code.count)} ${plural(code.count, 'input')}</h3>\n<pre class="examples">`);
    for (const example of code.examples) sink.write(`${escapeHtml(example.path)}  ${escapeHtml(example.message)}\n`);
    sink.write(`</pre>\n`);
  });
  sink.write(`</section>\n`);
}

function writeDuplicates(report: ArchiveReport, sink: PageSink): void {
  const { duplicates } = report;
  sink.write(
    `<section id="duplicates">\n<h2>Duplicate ids</h2>\n<p>${n('/duplicates/groups', duplicates.groups)} content ${duplicates.groups === 1 ? 'id occurs' : 'ids occur'} more than once ` +
      `(${n('/duplicates/extraDispatches', duplicates.extraDispatches)} dispatches beyond the first of their id): the same story captured twice, or from two mirrors.</p>\n`,
  );
  if (duplicates.shown.length === 0) {
    sink.write(`<p class="empty">No duplicates.</p>\n</section>\n`);
    return;
  }
  sink.write(`<table><thead><tr><th>id</th><th class="num">dispatches</th><th>inputs</th></tr></thead><tbody>\n`);
  duplicates.shown.forEach((group, i) => {
    const more = group.morePaths > 0 ? `\n… and ${n(`/duplicates/shown/${i}/morePaths`, group.morePaths)} more` : '';
    sink.write(
      `<tr><td><code>${escapeHtml(group.id)}</code></td><td class="num">${n(`/duplicates/shown/${i}/count`, group.count)}</td>` +
        `<td><pre class="examples">${group.paths.map(escapeHtml).join('\n')}${more}</pre></td></tr>\n`,
    );
  });
  sink.write(`</tbody></table>\n`);
  if (duplicates.moreGroups > 0) sink.write(`<p class="muted">${n('/duplicates/moreGroups', duplicates.moreGroups)} more groups are not listed.</p>\n`);
  sink.write(`</section>\n`);
}

async function writeTeasers(report: ArchiveReport, sink: PageSink): Promise<void> {
  const { teasers } = report;
  sink.write(
    `<section id="teasers">\n<h2>Teaser dates and missing articles</h2>\n<p>The pages’ teaser lists hold ${n('/teasers/total', teasers.total)} entries. ` +
      `For ${n('/teasers/missingDays', teasers.missingDays)} of their dates the archive holds no dispatch: ${n('/teasers/missingTeasers', teasers.missingTeasers)} entries ` +
      `point to articles it does not have.</p>\n`,
  );
  await figure(sink, 'teasers', teaserChart(report), 'Teaser entries per date, by whether the archive holds a dispatch dated that day.');
  if (teasers.missing.length > 0) {
    sink.write(`<h3>Missing articles, latest first</h3>\n`);
    teasers.missing.forEach((day, i) => {
      sink.write(`<p><code>${escapeHtml(day.date)}</code>: ${n(`/teasers/missing/${i}/count`, day.count)} teaser ${day.count === 1 ? 'entry' : 'entries'}</p>\n<ul class="teasers">\n`);
      for (const teaser of day.teasers) sink.write(`<li>${escapeHtml(teaser.text)} <code class="muted">${escapeHtml(teaser.path)}:${teaser.line}</code></li>\n`);
      sink.write(`</ul>\n`);
    });
    if (teasers.moreMissingDays > 0) sink.write(`<p class="muted">${n('/teasers/moreMissingDays', teasers.moreMissingDays)} earlier days are not listed.</p>\n`);
  }
  sink.write(`</section>\n`);
}
