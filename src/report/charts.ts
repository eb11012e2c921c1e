/**
 * The report's figures: ECharts options built from the summary, rendered to static SVG in Node by
 * ECharts' server-side renderer. No chart code of our own draws anything; this module says what to
 * plot, and then gives each drawn item (a calendar cell, a bar, a grid cell) a tooltip: an SVG
 * <title>, which browsers show on hover without any script. ECharts marks each item it draws with
 * its series and data index (ecmeta_* attributes, for its own client-side hydration); those marks
 * are replaced by the titles. ECharts is loaded on first use, so only the report pays for it, and
 * from its single-file build (echarts-dist.d.ts says why).
 *
 * Legends are not drawn by ECharts: server-side it can only estimate the width of a label, and its
 * legends overlapped their swatches. The page draws them in HTML (html.ts) from the same colours.
 */
import type { EChartsOption } from 'echarts';
import type { ArchiveReport, Tally } from '../schema/types.generated.js';
import { dayNumber, isoDate, monthStart, partsOf } from './days.js';

type EChartsModule = typeof import('echarts/dist/echarts.esm.min');
let loading: Promise<EChartsModule> | undefined;

/** A chart ready to render: its option, its size in CSS pixels, and the tooltip of each item. */
export interface ChartSpec {
  option: EChartsOption;
  width: number;
  height: number;
  /**
   * The tooltip of the item drawn for data item `index` of series `series`; null leaves the item
   * out (a bar of height 0). Items it is not asked about keep no title.
   */
  title(series: number, index: number): string | null;
}

/**
 * Renders a chart to an SVG element (a string of bounded size: one figure). `name` prefixes the
 * classes of its shapes (which its own <style> gives a hover colour): ECharts numbers them by how
 * many charts the process has drawn, which would make the same page differ from run to run.
 */
export async function renderSvg(spec: ChartSpec, name = 'chart'): Promise<string> {
  // The single-file build: the main entry is a tree of modules that takes about 40 MB to load, this about 8 MB.
  const echarts = await (loading ??= import('echarts/dist/echarts.esm.min'));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  let svg: string;
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...spec.option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  // Numbered in order of appearance within this figure.
  const classes = new Map<string, string>();
  return withTitles(svg, spec).replace(/\bzr\d+-cls-\d+\b/g, (found) => {
    let renamed = classes.get(found);
    if (renamed === undefined) classes.set(found, (renamed = `${name}-cls-${classes.size}`));
    return renamed;
  });
}

/** Replaces ECharts' item marks by <title> children (or drops the item when its title is null). */
export function withTitles(svg: string, spec: Pick<ChartSpec, 'title'>): string {
  return svg.replace(/<(path|rect)\b([^>]*?)(\/?)>(?:<\/\1>)?/g, (whole, tag: string, attributes: string, selfClosing: string) => {
    if (!attributes.includes('ecmeta_')) return whole;
    const series = /\becmeta_series_index="(\d+)"/.exec(attributes);
    const index = /\becmeta_data_index="(\d+)"/.exec(attributes);
    const clean = attributes.replace(/\s+ecmeta_[a-z_]+="[^"]*"/g, '');
    if (series === null || index === null) return `<${tag}${clean}${selfClosing}>${selfClosing ? '' : `</${tag}>`}`;
    const title = spec.title(Number(series[1]), Number(index[1]));
    if (title === null) return '';
    return `<${tag}${clean}><title>${escapeXml(title)}</title></${tag}>`;
  });
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const numberFormat = new Intl.NumberFormat('en-US');
/** 20000 → '20,000': the way every number of the page is written. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** '1 dispatch', '2 dispatches', with the number written as the page writes numbers. */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

export const WIDTH = 960;
export const COLORS = {
  accent: '#2f6f9f',
  missing: '#d9534f',
  failure: '#b52a1d',
  gap: '#f2c4bd',
  /** Calendar days that are not gaps and hold nothing: outside the span, or (sparse) outside the covered months. */
  blank: '#f3f4f6',
  greens: ['#c6e48b', '#7bc96f', '#239a3b', '#196127'],
  gridLow: '#f7fbff',
  gridHigh: '#08519c',
} as const;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBREVIATIONS = MONTHS.map((month) => month.slice(0, 3));

/** A colour level of the calendar: dispatches a day from min to max. */
export interface Level {
  min: number;
  max: number;
  color: string;
  label: string;
}

/**
 * The calendar's colour levels: bins of equal width from 1 (1–3, 4–6, 7–9, 10–12 for a busiest day
 * of 10 to 12), as many as needed up to four, the darkest for the busiest days.
 */
export function levels(max: number): Level[] {
  const count = COLORS.greens.length;
  const width = Math.max(1, Math.ceil(max / count));
  const bins: Level[] = [];
  for (let lower = 1; lower <= Math.max(1, max); lower += width) {
    const upper = lower + width - 1;
    bins.push({ min: lower, max: upper, color: '', label: lower === upper ? formatNumber(lower) : `${formatNumber(lower)}–${formatNumber(upper)}` });
  }
  bins.forEach((bin, i) => (bin.color = COLORS.greens[count - bins.length + i]!));
  return bins;
}

/** Which empty days of the span the calendar shades as gaps (coverage.gapDays counts them). */
export function gapRule(coverage: ArchiveReport['coverage']): (day: number) => boolean {
  if (coverage.first === null || coverage.last === null) return () => false;
  const first = dayNumber(coverage.first);
  const last = dayNumber(coverage.last);
  if (!coverage.sparse) return (day) => day >= first && day <= last;
  // A sparse archive: only the months holding a dispatch count.
  const covered = new Set(coverage.months.filter((month) => month.count > 0).map((month) => month.month));
  return (day) => day >= first && day <= last && covered.has(isoDate(day).slice(0, 7));
}

/**
 * One year of the calendar as SVG, drawn here rather than by ECharts: a square per day, a column per
 * week (Monday first), coloured by the day's dispatches, as a gap, or blank, each with its tooltip.
 * It is a grid of squares, and drawing it directly costs next to nothing, where ECharts' calendar
 * took about 2 MB of memory per year drawn (BENCHMARKS.md, "The report's memory") and failed on the
 * year 9999.
 */
export function calendarYearSvg(year: number, counts: ReadonlyMap<number, number>, isGap: (day: number) => boolean, bins: readonly Level[]): string {
  const cell = 15;
  const step = cell + 2;
  const left = 40;
  const top = 22;
  const name = String(year).padStart(4, '0');
  const start = dayNumber(`${name}-01-01`);
  const end = dayNumber(`${name}-12-31`);
  // Day numbers count from Thursday 1970-01-01: Monday is 0 here.
  const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;
  const column = (day: number) => Math.floor((day - start + weekday(start)) / 7);
  const columns = column(end) + 1;
  const width = left + columns * step + 8;
  const height = top + 7 * step + 4;
  const parts: string[] = [
    `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="Dispatches per day in ${name}" font-family="system-ui, sans-serif" font-size="11" fill="#54555a">`,
  ];
  ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'].forEach((label, row) => {
    if (label !== '') parts.push(`<text x="${left - 6}" y="${top + row * step + cell - 3}" text-anchor="end">${label}</text>`);
  });
  for (let month = 1; month <= 12; month++) {
    const first = monthStart(year, month);
    parts.push(`<text x="${left + column(first) * step + (weekday(first) === 0 ? 0 : step)}" y="${top - 8}">${MONTH_ABBREVIATIONS[month - 1]}</text>`);
  }
  for (let day = start; day <= end; day++) {
    const count = counts.get(day) ?? 0;
    const gap = count === 0 && isGap(day);
    const color = count > 0 ? (bins.find((bin) => count >= bin.min && count <= bin.max)?.color ?? COLORS.greens.at(-1)!) : gap ? COLORS.gap : COLORS.blank;
    const what = count > 0 ? counted(count, 'dispatch', 'dispatches') : gap ? 'no dispatch (a gap)' : 'no dispatch (outside the span the archive covers)';
    const title = `${isoDate(day)} (${WEEKDAYS[(weekday(day) + 1) % 7]}): ${what}`;
    parts.push(`<rect x="${left + column(day) * step}" y="${top + weekday(day) * step}" width="${cell}" height="${cell}" rx="2" fill="${color}" data-count="${count}"><title>${escapeXml(title)}</title></rect>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Dispatches per month as a year × month grid, each cell labelled with its count. */
export function monthGridChart(report: ArchiveReport): ChartSpec | null {
  const { months, years } = report.coverage;
  if (months.length === 0) return null;
  const yearNames = years.map((year) => String(year.year).padStart(4, '0'));
  let max = 1;
  for (const month of months) if (month.count > max) max = month.count;
  const rows = new Map(yearNames.map((name, i) => [name, i]));
  return {
    width: WIDTH,
    height: 70 + yearNames.length * 26,
    title: (series, index) => {
      const month = months[index];
      if (series !== 0 || month === undefined) return null;
      return `${MONTHS[Number(month.month.slice(5, 7)) - 1]} ${month.month.slice(0, 4)}: ${counted(month.count, 'dispatch', 'dispatches')}`;
    },
    option: {
      grid: { left: 60, right: 20, top: 30, bottom: 20 },
      xAxis: { type: 'category', data: MONTH_ABBREVIATIONS, position: 'top', splitArea: { show: true } },
      yAxis: { type: 'category', data: yearNames, inverse: true, splitArea: { show: true } },
      visualMap: { show: false, min: 0, max, dimension: 2, inRange: { color: [COLORS.gridLow, COLORS.gridHigh] } },
      series: [
        {
          type: 'heatmap',
          data: months.map((month) => ({
            value: [Number(month.month.slice(5, 7)) - 1, rows.get(month.month.slice(0, 4))!, month.count],
            label: { show: true, fontSize: 11, color: month.count > max * 0.55 ? '#fff' : '#1b1f24', formatter: formatNumber(month.count) },
          })),
        },
      ],
    },
  };
}

/** Dispatches per year, one bar each (the empty years listed included); null for a single year. */
export function yearsChart(report: ArchiveReport): ChartSpec | null {
  const { years } = report.coverage;
  if (years.length < 2) return null;
  return barChart(
    years.map((year) => String(year.year).padStart(4, '0')),
    years.map((year) => year.count),
    'vertical',
    (name, value) => `${name}: ${counted(value, 'dated dispatch', 'dated dispatches')}`,
  );
}

/** Dispatches by where their year came from, with those without a year; null unless two kinds occur. */
export function yearSourcesChart(report: ArchiveReport): ChartSpec | null {
  const { years } = report;
  const names = [...years.bySource.entries.map((entry) => entry.name), 'no year source', 'no dateline'];
  const values = [...years.bySource.entries.map((entry) => entry.count), years.withoutYear, years.noDateline];
  const kept = names.map((name, i) => ({ name, value: values[i]! })).filter((entry) => entry.value > 0);
  if (kept.length < 2) return null;
  return barChart(
    kept.map((entry) => entry.name),
    kept.map((entry) => entry.value),
    'horizontal',
    (name, value) => `${name}: ${counted(value, 'dispatch', 'dispatches')}`,
  );
}

/** Whether a tally holds more than one value: one alone is a table row, not a chart. */
export function hasSeveral(tally: Tally): boolean {
  return tally.entries.length + (tally.other > 0 ? 1 : 0) > 1;
}

/** A tally's entries (the first twenty, then 'other') as horizontal bars; null for a single value. */
export function tallyChart(tally: Tally, unit: [string, string] = ['dispatch', 'dispatches']): ChartSpec | null {
  if (!hasSeveral(tally)) return null;
  const shown = tally.entries.slice(0, 20);
  let other = tally.other;
  for (const entry of tally.entries.slice(20)) other += entry.count;
  const names = shown.map((entry) => entry.name);
  const values = shown.map((entry) => entry.count);
  if (other > 0) {
    names.push('(other)');
    values.push(other);
  }
  return barChart(names, values, 'horizontal', (name, value) => `${name}: ${counted(value, unit[0], unit[1])}`);
}

/** Counts by code (warnings or failures) as horizontal bars; null for a single code. */
export function codesChart(codes: ReadonlyArray<{ code: string; count: number }>, unit: [string, string], color: string = COLORS.accent): ChartSpec | null {
  if (codes.length < 2) return null;
  return barChart(
    codes.map((entry) => entry.code),
    codes.map((entry) => entry.count),
    'horizontal',
    (name, value) => `${name}: ${counted(value, unit[0], unit[1])}`,
    color,
  );
}

/** How the teaser chart groups its dates. */
export type Bucket = 'day' | 'month' | 'year';

/** Days when the teasers' dates span at most 400 days, months up to 40 years, years beyond. */
export function teaserBucket(report: ArchiveReport): Bucket {
  const { days } = report.teasers;
  if (days.length === 0) return 'day';
  const span = dayNumber(days.at(-1)!.date) - dayNumber(days[0]!.date) + 1;
  if (span <= 400) return 'day';
  return span <= 40 * 366 ? 'month' : 'year';
}

/**
 * Teaser entries on a time axis, by day (or by month or year when the dates span too many days for
 * one bar each), split into those dated a day the archive holds a dispatch for and the others.
 */
export function teaserChart(report: ArchiveReport): ChartSpec | null {
  const { days } = report.teasers;
  if (days.length === 0) return null;
  const bucket = teaserBucket(report);
  const buckets: Array<{ label: string; at: number; held: number; missing: number; missingDays: number }> = [];
  for (const day of days) {
    const parts = partsOf(dayNumber(day.date));
    const label = bucket === 'day' ? day.date : bucket === 'month' ? `${MONTHS[parts.month - 1]} ${String(parts.year).padStart(4, '0')}` : String(parts.year).padStart(4, '0');
    let current = buckets.at(-1);
    if (current === undefined || current.label !== label) {
      // The bar stands in the middle of its day, month or year.
      const from = bucket === 'day' ? dayNumber(day.date) : bucket === 'month' ? monthStart(parts.year, parts.month) : monthStart(parts.year, 1);
      const to = bucket === 'day' ? from + 1 : bucket === 'month' ? (parts.month === 12 ? monthStart(parts.year + 1, 1) : monthStart(parts.year, parts.month + 1)) : monthStart(parts.year + 1, 1);
      current = { label, at: ((from + to) / 2) * 86_400_000, held: 0, missing: 0, missingDays: 0 };
      buckets.push(current);
    }
    if (day.held) current.held += day.count;
    else {
      current.missing += day.count;
      current.missingDays++;
    }
  }
  const half = (bucket === 'day' ? 1 : bucket === 'month' ? 31 : 366) * 43_200_000;
  const what = bucket === 'day' ? 'that day' : bucket === 'month' ? 'that month' : 'that year';
  return {
    width: WIDTH,
    height: 300,
    title: (series, index) => {
      const entry = buckets[index];
      if (entry === undefined) return null;
      if (series === 0) return entry.held === 0 ? null : `${entry.label}: ${counted(entry.held, 'teaser entry', 'teaser entries')} dated days the archive holds a dispatch for`;
      if (entry.missing === 0) return null;
      const daysNote = bucket === 'day' ? '' : ` (${counted(entry.missingDays, 'day')} ${what})`;
      return `${entry.label}: ${counted(entry.missing, 'teaser entry', 'teaser entries')} dated days the archive holds no dispatch for${daysNote}: missing articles`;
    },
    option: {
      grid: { left: 60, right: 30, top: 20, bottom: 40 },
      xAxis: { type: 'time', min: buckets[0]!.at - half, max: buckets.at(-1)!.at + half, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => formatNumber(value) } },
      series: [
        { type: 'bar', stack: 'teasers', color: COLORS.accent, barMaxWidth: 40, data: buckets.map((entry) => [entry.at, entry.held]) },
        { type: 'bar', stack: 'teasers', color: COLORS.missing, barMaxWidth: 40, data: buckets.map((entry) => [entry.at, entry.missing]) },
      ],
    },
  };
}

function barChart(names: string[], values: number[], direction: 'horizontal' | 'vertical', describe: (name: string, value: number) => string, color: string = COLORS.accent): ChartSpec {
  const horizontal = direction === 'horizontal';
  const category = { type: 'category' as const, data: names, inverse: horizontal, axisLabel: { width: 220, overflow: 'truncate' as const } };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { formatter: (n: number) => formatNumber(n) } };
  return {
    width: WIDTH,
    height: horizontal ? 50 + names.length * 24 : 300,
    title: (series, index) => (series === 0 && index < names.length ? describe(names[index]!, values[index]!) : null),
    option: {
      grid: horizontal ? { left: 240, right: 70, top: 10, bottom: 30 } : { left: 60, right: 20, top: 24, bottom: 40 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [
        {
          type: 'bar',
          color,
          data: values,
          barMaxWidth: 48,
          label: { show: true, position: horizontal ? 'right' : 'top', formatter: (params: { value?: unknown }) => formatNumber(Number(params.value)) },
        },
      ],
    },
  };
}
