/**
 * The report's figures: ECharts options built from the summary, rendered to static SVG in Node by
 * ECharts' server-side renderer. No chart code of our own draws anything; this module only says
 * what to plot. ECharts is loaded on first use, so only the report pays for it.
 */
import type { EChartsOption } from 'echarts';
import type { ArchiveReport, Tally } from '../schema/types.generated.js';

type EChartsModule = typeof import('echarts');
let loading: Promise<EChartsModule> | undefined;

/** A chart ready to render: its option and its size in CSS pixels. */
export interface ChartSpec {
  option: EChartsOption;
  width: number;
  height: number;
}

/** Renders a chart to an SVG element (a string of bounded size: one figure). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const echarts = await (loading ??= import('echarts'));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...spec.option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export const WIDTH = 960;
const ACCENT = '#2f6f9f';
const MISSING = '#d9534f';
const GAP = '#f2c4bd';
const GREENS = ['#c6e48b', '#7bc96f', '#239a3b', '#196127'];

/**
 * Coverage as a calendar heat map: one row of weeks per year that holds a dispatch. Days inside
 * the archive's span with no dispatch are drawn in the gap colour; days outside it stay blank.
 */
export function calendarChart(report: ArchiveReport): ChartSpec | null {
  const { coverage } = report;
  if (coverage.first === null || coverage.last === null) return null;
  const years = coverage.years.filter((year) => year.count > 0).map((year) => year.year);
  const counts = new Map(coverage.days.map((day) => [day.date, day.count]));
  const data: Array<[string, number]> = [];
  let max = 1;
  for (let day = Date.parse(coverage.first); day <= Date.parse(coverage.last); day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (!years.includes(Number(date.slice(0, 4)))) continue;
    const count = counts.get(date) ?? 0;
    if (count > max) max = count;
    data.push([date, count]);
  }
  const rowHeight = 150;
  return {
    width: WIDTH,
    height: 70 + years.length * rowHeight,
    option: {
      tooltip: {},
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        top: 0,
        // Server-side, label widths are estimated: room between the entries keeps them apart.
        itemGap: 24,
        pieces: [{ value: 0, color: GAP, label: 'no dispatch' }, ...levels(max)],
      },
      calendar: years.map((year, index) => ({
        top: 70 + index * rowHeight,
        left: 70,
        right: 20,
        cellSize: ['auto', 15],
        range: String(year),
        splitLine: { show: true, lineStyle: { color: '#999', width: 1 } },
        itemStyle: { color: '#fafafa', borderColor: '#fff', borderWidth: 1 },
        yearLabel: { show: true, position: 'left', margin: 40 },
        dayLabel: { firstDay: 1, nameMap: 'EN' },
        monthLabel: { nameMap: 'EN' },
      })),
      series: years.map((year, index) => ({
        type: 'heatmap',
        coordinateSystem: 'calendar',
        calendarIndex: index,
        data: data.filter(([date]) => date.startsWith(`${year}-`)),
      })),
    },
  };
}

/** Four colour levels from 1 to max dispatches a day. */
function levels(max: number): Array<{ min: number; max: number; color: string; label: string }> {
  const bounds: number[] = [];
  for (let k = 1; k <= GREENS.length; k++) {
    const bound = Math.ceil((max * k) / GREENS.length);
    if (bound > (bounds.at(-1) ?? 0)) bounds.push(bound);
  }
  return bounds.map((upper, i) => {
    const lower = i === 0 ? 1 : bounds[i - 1]! + 1;
    return { min: lower, max: upper, color: GREENS[GREENS.length - bounds.length + i]!, label: lower === upper ? String(lower) : `${lower}–${upper}` };
  });
}

/** Dispatches per month as a year × month grid, each cell labelled with its count. */
export function monthGridChart(report: ArchiveReport): ChartSpec | null {
  const { months, years } = report.coverage;
  if (months.length === 0) return null;
  const yearNames = years.map((year) => String(year.year));
  const max = Math.max(1, monthMax(months));
  return {
    width: WIDTH,
    height: 80 + yearNames.length * 26,
    option: {
      tooltip: {},
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'], position: 'top', splitArea: { show: true } },
      yAxis: { type: 'category', data: yearNames, inverse: true, splitArea: { show: true } },
      visualMap: { show: false, min: 0, max, inRange: { color: ['#f7fbff', '#08519c'] } },
      series: [
        {
          type: 'heatmap',
          label: { show: true, fontSize: 11 },
          data: months.map((month) => [Number(month.month.slice(5, 7)) - 1, yearNames.indexOf(month.month.slice(0, 4)), month.count]),
        },
      ],
    },
  };
}

function monthMax(months: ArchiveReport['coverage']['months']): number {
  let max = 0;
  for (const month of months) if (month.count > max) max = month.count;
  return max;
}

/** Dispatches per year, one bar each, empty years included. */
export function yearsChart(report: ArchiveReport): ChartSpec | null {
  const { years } = report.coverage;
  if (years.length === 0) return null;
  return barChart(
    years.map((year) => String(year.year)),
    years.map((year) => year.count),
    'vertical',
  );
}

/** Dispatches by where their year came from, with those without a year. */
export function yearSourcesChart(report: ArchiveReport): ChartSpec | null {
  const { years } = report;
  const names = [...years.bySource.entries.map((entry) => entry.name), 'no year source', 'no dateline'];
  const values = [...years.bySource.entries.map((entry) => entry.count), years.withoutYear, years.noDateline];
  if (values.every((value) => value === 0)) return null;
  return barChart(names, values, 'horizontal');
}

/** A tally's entries (the first twenty, then 'other') as horizontal bars. */
export function tallyChart(tally: Tally): ChartSpec | null {
  if (tally.entries.length === 0) return null;
  const shown = tally.entries.slice(0, 20);
  let other = tally.other;
  for (const entry of tally.entries.slice(20)) other += entry.count;
  const names = shown.map((entry) => entry.name);
  const values = shown.map((entry) => entry.count);
  if (other > 0) {
    names.push('(other)');
    values.push(other);
  }
  return barChart(names, values, 'horizontal');
}

/** Counts by code (warnings or failures) as horizontal bars. */
export function codesChart(codes: ReadonlyArray<{ code: string; count: number }>, color = ACCENT): ChartSpec | null {
  if (codes.length === 0) return null;
  return barChart(
    codes.map((entry) => entry.code),
    codes.map((entry) => entry.count),
    'horizontal',
    color,
  );
}

/** Teaser entries per date, split into dates the archive holds a dispatch for and dates it does not. */
export function teaserChart(report: ArchiveReport): ChartSpec | null {
  const { days } = report.teasers;
  if (days.length === 0) return null;
  return {
    width: WIDTH,
    height: 300,
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: days.map((day) => day.date) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'archive holds a dispatch that day', type: 'bar', stack: 'teasers', color: ACCENT, data: days.map((day) => (day.held ? day.count : 0)) },
        { name: 'archive holds none (missing articles)', type: 'bar', stack: 'teasers', color: MISSING, data: days.map((day) => (day.held ? 0 : day.count)) },
      ],
    },
  };
}

function barChart(names: string[], values: number[], direction: 'horizontal' | 'vertical', color = ACCENT): ChartSpec {
  const horizontal = direction === 'horizontal';
  const category = { type: 'category' as const, data: names, inverse: horizontal, axisLabel: { width: 220, overflow: 'truncate' as const } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    width: WIDTH,
    height: horizontal ? 50 + names.length * 24 : 300,
    option: {
      tooltip: {},
      grid: horizontal ? { left: 240, right: 60, top: 10, bottom: 30 } : { left: 60, right: 20, top: 20, bottom: 40 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: 'bar', color, data: values, barMaxWidth: 48, label: { show: true, position: horizontal ? 'right' : 'top' } }],
    },
  };
}
