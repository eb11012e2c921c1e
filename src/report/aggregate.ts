/**
 * The report's core: a reducer over conversion results. add() takes one FileResult at a time, in
 * input order, and keeps only bounded state — counts per day, month, place, agency, year source,
 * layout and mirror; the first examples of each warning and error code; duplicate ids in a compact
 * table; teaser dates per day with their first few entries. summary() turns that state into the
 * object `--format json` prints (schemas/report.schema.json). No file system, no clock, no output.
 *
 * What grows with the archive is bounded by its calendar (days, months) or by the number of
 * distinct ids (16 bytes and a path each, see SeenIds), never by the text of the dumps: every
 * string kept goes through detach(), so that it does not hold on to the text it was cut from.
 */
import type { FileResult } from '../pipeline/convert.js';
import { SCHEMA_VERSION } from '../parse/parse.js';
import type { ArchiveReport } from '../schema/types.generated.js';
import type { Dispatch } from '../schema/types.js';
import { dayNumber, isoDate } from './days.js';
import { documentsOf, pageFacts } from './documents.js';
import { SeenIds } from '../pipeline/seen-ids.js';
import { Tally, detach } from './tally.js';

/** How many of each kind of example are kept. */
export const LIMITS = {
  /** Examples per warning or error code. */
  examplesPerCode: 10,
  /** Duplicate-id groups listed. */
  duplicateGroups: 50,
  /** Paths listed per duplicate-id group. */
  pathsPerGroup: 10,
  /** Distinct teaser texts kept per teaser date. */
  teasersPerDay: 3,
  /** Missing days listed. */
  missingDays: 200,
  /** Characters of a teaser text kept. */
  teaserText: 160,
  /** Longest gaps listed. */
  gaps: 10,
} as const;

/** The name counted for a page without a layout or mirror. */
export const NONE = '(none)';

interface CodeState {
  count: number;
  files: number;
  examples: Array<{ path: string; line: number | null; message: string }>;
}

interface FailureState {
  count: number;
  examples: Array<{ path: string; message: string }>;
}

interface GroupState {
  id: string;
  count: number;
  paths: string[];
  morePaths: number;
}

interface TeaserDay {
  count: number;
  examples: Array<{ text: string; path: string; line: number }>;
}

export interface AggregatorOptions {
  /** Who wrote the report, e.g. 'kcna-parse 1.0.0'. */
  generator: string;
}

export class ReportAggregator {
  private inputs = 0;
  private converted = 0;
  private failed = 0;
  private dispatches = 0;
  private undated = 0;
  private multiStoryPages = 0;
  private storySeen = false;
  private withYear = 0;
  private withoutYear = 0;
  private noDateline = 0;
  private warningTotal = 0;
  private readonly perDay = new Map<number, number>();
  private readonly yearSources = new Tally();
  private readonly places = new Tally();
  private readonly agencies = new Tally();
  private layouts: Tally | null = null;
  private inputFormats: Tally | null = null;
  private mirrors: Tally | null = null;
  private readonly warningCodes = new Map<string, CodeState>();
  private readonly failureCodes = new Map<string, FailureState>();
  /** Every distinct id, with the input it was first met in. */
  private readonly ids = new SeenIds();
  /** The ids met more than once: one per duplicate group. */
  private readonly repeated = new SeenIds();
  private groups = 0;
  private readonly shownGroups = new Map<string, GroupState>();
  private teaserTotal = 0;
  private readonly teaserDays = new Map<number, TeaserDay>();

  constructor(private readonly options: AggregatorOptions) {}

  /** Takes one input's result into account. */
  add(result: FileResult): void {
    this.inputs++;
    if (!result.ok) {
      this.failed++;
      const state = getOrCreate(this.failureCodes, result.error.code, () => ({ count: 0, examples: [] }));
      state.count++;
      if (state.examples.length < LIMITS.examplesPerCode) state.examples.push({ path: detach(result.display), message: detach(result.error.message) });
      return;
    }
    this.converted++;
    const path = result.input.display;
    const codesHere = new Set<string>();
    for (const warning of result.warnings) {
      this.warningTotal++;
      const state = getOrCreate(this.warningCodes, warning.code, () => ({ count: 0, files: 0, examples: [] }));
      state.count++;
      if (!codesHere.has(warning.code)) {
        codesHere.add(warning.code);
        state.files++;
      }
      if (state.examples.length < LIMITS.examplesPerCode) state.examples.push({ path: detach(path), line: warning.line, message: detach(warning.message) });
    }
    const documents = documentsOf(result);
    const first = documents[0];
    if (first !== undefined) {
      const format = (first.source as { format?: unknown }).format;
      if (typeof format === 'string') (this.inputFormats ??= new Tally()).add(`${format} ${pageFacts(first).layout ?? NONE}`);
    }
    for (const document of documents) this.addDocument(document, path);
  }

  private addDocument(document: Dispatch, path: string): void {
    this.dispatches++;
    const { lead } = document;
    const dateline = lead.dateline;
    if (dateline === null) this.noDateline++;
    else {
      this.places.add(dateline.place);
      this.agencies.add(dateline.agency);
      if (dateline.year === null) this.withoutYear++;
      else {
        this.withYear++;
        this.yearSources.add(dateline.yearSource ?? NONE);
      }
    }
    if (lead.date === null) this.undated++;
    else {
      const day = dayNumber(lead.date);
      this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
    }

    const page = pageFacts(document);
    if (page.layout !== undefined) (this.layouts ??= new Tally()).add(page.layout ?? NONE);
    if (page.mirror !== undefined) (this.mirrors ??= new Tally()).add(page.mirror ?? NONE);
    if (page.story !== undefined) {
      this.storySeen = true;
      if (page.story.count > 1 && page.story.index === 1) this.multiStoryPages++;
    }

    this.addId(document.id, path);

    for (const teaser of document.teasers) {
      this.teaserTotal++;
      const state = getOrCreate(this.teaserDays, dayNumber(teaser.date), () => ({ count: 0, examples: [] }));
      state.count++;
      if (state.examples.length < LIMITS.teasersPerDay) {
        const text = teaser.dateline ? `${teaser.dateline.text} ${teaser.text}` : teaser.text;
        const cut = text.length > LIMITS.teaserText ? `${text.slice(0, LIMITS.teaserText - 1)}…` : text;
        if (!state.examples.some((example) => example.text === cut)) state.examples.push({ text: detach(cut), path: detach(path), line: teaser.line });
      }
    }
  }

  private addId(id: string, path: string): void {
    const firstPath = this.ids.firstPath(id);
    if (firstPath === undefined) {
      this.ids.add(id, path);
      return;
    }
    // Met before: the second time starts a duplicate group, shown while there is room.
    if (this.repeated.firstPath(id) === undefined) {
      this.repeated.add(id, null);
      this.groups++;
      if (this.shownGroups.size < LIMITS.duplicateGroups) this.shownGroups.set(id, { id: detach(id), count: 1, paths: [detach(firstPath ?? '')], morePaths: 0 });
    }
    const group = this.shownGroups.get(id);
    if (group === undefined) return;
    group.count++;
    if (group.paths.length < LIMITS.pathsPerGroup) group.paths.push(detach(path));
    else group.morePaths++;
  }

  /** The report so far, as schemas/report.schema.json describes it. */
  summary(): ArchiveReport {
    return {
      schemaVersion: SCHEMA_VERSION,
      generator: this.options.generator,
      inputs: { total: this.inputs, converted: this.converted, failed: this.failed },
      dispatches: {
        total: this.dispatches,
        dated: this.dispatches - this.undated,
        undated: this.undated,
        distinctIds: this.ids.size,
        multiStoryPages: this.storySeen ? this.multiStoryPages : null,
      },
      coverage: this.coverage(),
      years: { withYear: this.withYear, withoutYear: this.withoutYear, noDateline: this.noDateline, bySource: this.yearSources.summary() },
      places: this.places.summary(),
      agencies: this.agencies.summary(),
      layouts: this.layouts?.summary() ?? null,
      inputFormats: this.inputFormats?.summary() ?? null,
      mirrors: this.mirrors?.summary() ?? null,
      warnings: {
        total: this.warningTotal,
        codes: [...this.warningCodes]
          .map(([code, state]) => ({ code, count: state.count, files: state.files, examples: state.examples }))
          .sort(byCountThenCode),
      },
      failures: {
        total: this.failed,
        codes: [...this.failureCodes].map(([code, state]) => ({ code, count: state.count, examples: state.examples })).sort(byCountThenCode),
      },
      duplicates: {
        groups: this.groups,
        extraDispatches: this.dispatches - this.ids.size,
        shown: [...this.shownGroups.values()].map((group) => ({ ...group, paths: [...group.paths] })),
        moreGroups: this.groups - this.shownGroups.size,
      },
      teasers: this.teasers(),
    };
  }

  private coverage(): ArchiveReport['coverage'] {
    const days = [...this.perDay.keys()].sort((a, b) => a - b);
    if (days.length === 0) {
      return { first: null, last: null, spanDays: 0, daysWithDispatches: 0, emptyDays: 0, days: [], months: [], years: [], longestGaps: [] };
    }
    const first = days[0]!;
    const last = days[days.length - 1]!;
    const months = new Map<string, number>();
    const years = new Map<number, number>();
    const gaps: Array<{ from: string; to: string; days: number }> = [];
    let previous: number | null = null;
    for (const day of days) {
      const count = this.perDay.get(day)!;
      const date = isoDate(day);
      months.set(date.slice(0, 7), (months.get(date.slice(0, 7)) ?? 0) + count);
      years.set(Number(date.slice(0, 4)), (years.get(Number(date.slice(0, 4))) ?? 0) + count);
      if (previous !== null && day - previous > 1) gaps.push({ from: isoDate(previous + 1), to: isoDate(day - 1), days: day - previous - 1 });
      previous = day;
    }
    const firstDate = isoDate(first);
    const lastDate = isoDate(last);
    const monthList: Array<{ month: string; count: number }> = [];
    for (let y = Number(firstDate.slice(0, 4)), m = Number(firstDate.slice(5, 7)); ; ) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      monthList.push({ month: key, count: months.get(key) ?? 0 });
      if (key === lastDate.slice(0, 7)) break;
      if (++m > 12) [y, m] = [y + 1, 1];
    }
    const yearList: Array<{ year: number; count: number }> = [];
    for (let y = Number(firstDate.slice(0, 4)); y <= Number(lastDate.slice(0, 4)); y++) yearList.push({ year: y, count: years.get(y) ?? 0 });
    return {
      first: firstDate,
      last: lastDate,
      spanDays: last - first + 1,
      daysWithDispatches: days.length,
      emptyDays: last - first + 1 - days.length,
      days: days.map((day) => ({ date: isoDate(day), count: this.perDay.get(day)! })),
      months: monthList,
      years: yearList,
      // Longest first; sort is stable, so equal lengths stay in date order.
      longestGaps: gaps.sort((a, b) => b.days - a.days).slice(0, LIMITS.gaps),
    };
  }

  private teasers(): ArchiveReport['teasers'] {
    const days = [...this.teaserDays.keys()].sort((a, b) => a - b);
    const missing: ArchiveReport['teasers']['missing'] = [];
    let missingDays = 0;
    let missingTeasers = 0;
    for (let i = days.length - 1; i >= 0; i--) {
      const day = days[i]!;
      if (this.perDay.has(day)) continue;
      const state = this.teaserDays.get(day)!;
      missingDays++;
      missingTeasers += state.count;
      if (missing.length < LIMITS.missingDays) missing.push({ date: isoDate(day), count: state.count, teasers: state.examples.map((e) => ({ ...e })) });
    }
    return {
      total: this.teaserTotal,
      days: days.map((day) => ({ date: isoDate(day), count: this.teaserDays.get(day)!.count, held: this.perDay.has(day) })),
      missingDays,
      missingTeasers,
      missing,
      moreMissingDays: missingDays - missing.length,
    };
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function byCountThenCode(a: { code: string; count: number }, b: { code: string; count: number }): number {
  return b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
