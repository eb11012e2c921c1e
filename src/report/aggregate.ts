/**
 * The report's core: a reducer over conversion results. add() takes one FileResult at a time, in
 * input order, and keeps only bounded state — counts per day, place, agency, year source, layout
 * and mirror; the first examples of each warning and error code and of the undated dispatches;
 * duplicate ids in a compact table; teaser dates per day with a small hash of each distinct
 * article. summary() turns that state into the object `--format json` prints
 * (schemas/report.schema.json). No file system, no clock, no output.
 *
 * What grows with the archive is bounded by the days that hold dispatches or teasers, by the
 * distinct articles a day's teasers point to (a number each), or by the number of distinct ids
 * (16 bytes, a path, a date and a title each, see SeenIds), never by the span of its dates alone
 * nor by the text of the dumps: every string kept goes through detach(), so that it does not hold
 * on to the text it was cut from.
 */
import type { FileResult } from '../pipeline/convert.js';
import { skippedKind, type SkippedRecord } from '../pipeline/archives.js';
import { SCHEMA_VERSION } from '../parse/parse.js';
import type { ArchiveReport } from '../schema/types.generated.js';
import type { Dispatch } from '../schema/types.js';
import { dayNumber, daysInMonth, isoDate, isoMonth, monthIndex, monthStart, partsOf } from './days.js';
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
  /** Characters of a teaser text or a title kept. */
  teaserText: 160,
  /** Longest gaps listed. */
  gaps: 10,
  /** Undated dispatches listed. */
  undatedExamples: 50,
  /** Empty years in a row listed with their months; a longer run is summarised (omittedYears). */
  emptyYearRun: 10,
  /** Inputs of the command line listed in `run`. */
  runInputs: 20,
  /** Capture days of web archives listed (ten years of daily crawls). */
  captureDays: 3660,
  /** Dispatches listed as the most captured. */
  mostCaptured: 10,
} as const;

/** The name counted for a page without a layout or mirror. */
export const NONE = '(none)';

/** Below this share of the span's months holding a dispatch, the archive is sparse. */
export const SPARSE_BELOW = 0.5;

interface CodeState {
  count: number;
  files: number;
  examples: Array<{ path: string; line: number | null; message: string }>;
}

interface FailureState {
  count: number;
  examples: Array<{ path: string; message: string }>;
}

interface Member {
  path: string;
  date: string | null;
  title: string | null;
}

interface GroupState {
  id: string;
  count: number;
  members: Member[];
  morePaths: number;
}

interface TeaserDay {
  count: number;
  /**
   * Entries per distinct article of the day, by a 30-bit hash of its text (a small integer: no
   * allocation per entry); null once the archive holds a dispatch of that day, which makes none of
   * its articles missing: from then on the day's entries are only counted.
   */
  articles: Map<number, number> | null;
  examples: Array<{ text: string; path: string; line: number; hash: number }>;
}

type UndatedReason = ArchiveReport['undated']['examples'][number]['reason'];

/** The command line a report was made from (`run` in the summary). */
export interface RunFacts {
  inputs: readonly string[];
  year: number | null;
  maxBytes: number;
  /** When the report was made (an ISO date-time, UTC). */
  createdAt: string;
}

export interface AggregatorOptions {
  /** Who wrote the report, e.g. 'kcna-parse 1.0.0'. */
  generator: string;
  /** The command line, when there is one. */
  run?: RunFacts;
}

/** Separates the parts of what is kept per id in the SeenIds table (no path or title holds a NUL). */
const SEP = '\u0000';

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
  private perDay = new Map<number, number>();
  private readonly yearSources = new Tally();
  private readonly places = new Tally();
  private readonly agencies = new Tally();
  private layouts: Tally | null = null;
  private inputFormats: Tally | null = null;
  private mirrors: Tally | null = null;
  private readonly warningCodes = new Map<string, CodeState>();
  private readonly failureCodes = new Map<string, FailureState>();
  /** Every distinct id, with the path, date and title of the dispatch it was first met in. */
  private ids = new SeenIds();
  /** The ids met more than once: one per duplicate group. */
  private repeated = new SeenIds();
  /** The folders of the inputs (with their final separator), numbered: an id keeps its input's folder as a number. */
  private folders = new Map<string, number>();
  private folderNames: string[] = [];
  private groups = 0;
  private readonly shownGroups = new Map<string, GroupState>();
  private teaserTotal = 0;
  private teaserDays = new Map<number, TeaserDay>();
  private released = false;
  private readonly undatedReasons = { 'no-dateline': 0, 'no-year': 0, 'impossible-date': 0 };
  private readonly undatedFolders = new Tally();
  private readonly undatedExamples: ArchiveReport['undated']['examples'] = [];
  /** Web archives: records read as pages, and records skipped by kind; null until one is met. */
  private archive: {
    records: number;
    skipped: Tally;
    skippedTotal: number;
    /** Documents read from archives, and the distinct ids among them. */
    captures: number;
    dispatches: number;
    /** Captures of each id captured more than once (bounded by the duplicate ids). */
    repeated: Map<string, number>;
    /** Captures by day number (UTC): bounded by the days a crawl ran. */
    byDay: Map<number, number>;
  } | null = null;

  constructor(private readonly options: AggregatorOptions) {}

  /** Takes a record of a web archive that holds no page into account (skipped, not an input). */
  skip(skip: SkippedRecord): void {
    if (this.released) throw new Error('ReportAggregator.skip() after release()');
    const archive = this.archiveState();
    archive.skippedTotal++;
    archive.skipped.add(skippedKind(skip));
  }

  private archiveState(): NonNullable<ReportAggregator['archive']> {
    return (this.archive ??= { records: 0, skipped: new Tally(), skippedTotal: 0, captures: 0, dispatches: 0, repeated: new Map(), byDay: new Map() });
  }

  /** Takes one input's result into account. */
  add(result: FileResult): void {
    if (this.released) throw new Error('ReportAggregator.add() after release()');
    this.inputs++;
    if ((result.ok && result.input.kind === 'archive-record') || (!result.ok && result.place?.recordId != null)) this.archiveState().records++;
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
    const day = lead.date === null ? Number.NaN : dayNumber(lead.date);
    if (Number.isFinite(day)) {
      this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
      // The teasers of this day point to an article the archive holds a day of: what was kept to
      // tell its missing articles apart is no longer needed.
      const teaserDay = this.teaserDays.get(day);
      if (teaserDay !== undefined && teaserDay.articles !== null) {
        teaserDay.articles = null;
        teaserDay.examples = [];
      }
    } else this.addUndated(document, path);

    const page = pageFacts(document);
    if (page.layout !== undefined) (this.layouts ??= new Tally()).add(page.layout ?? NONE);
    if (page.mirror !== undefined) (this.mirrors ??= new Tally()).add(page.mirror ?? NONE);
    if (page.story !== undefined) {
      this.storySeen = true;
      if (page.story.count > 1 && page.story.index === 1) this.multiStoryPages++;
    }

    if (document.source.archive) this.addCapture(document);
    this.addId(document, path);

    for (const teaser of document.teasers) {
      const teaserDay = dayNumber(teaser.date);
      if (!Number.isFinite(teaserDay)) continue;
      this.teaserTotal++;
      const state = getOrCreate(this.teaserDays, teaserDay, () => ({ count: 0, articles: this.perDay.has(teaserDay) ? null : new Map<number, number>(), examples: [] }));
      state.count++;
      if (state.articles === null) continue;
      const text = teaser.dateline ? `${teaser.dateline.text} ${teaser.text}` : teaser.text;
      // One article: the same date and text (a title or dateline printed by one page and not another does not make another).
      const hash = hash30(teaser.text.replace(/\s+/g, ' ').trim());
      const entries = state.articles.get(hash);
      state.articles.set(hash, (entries ?? 0) + 1);
      if (entries === undefined && state.examples.length < LIMITS.teasersPerDay) {
        state.examples.push({ text: detach(cut(text)), path: detach(path), line: teaser.line, hash });
      }
    }
  }

  /** A document read from a web archive: a capture of its dispatch (before addId has seen its id). */
  private addCapture(document: Dispatch): void {
    const archive = this.archiveState();
    archive.captures++;
    const day = dayNumber(document.source.archive!.capturedAt.slice(0, 10));
    if (Number.isFinite(day)) archive.byDay.set(day, (archive.byDay.get(day) ?? 0) + 1);
    const { id } = document;
    if (this.ids.firstPath(id) === undefined) archive.dispatches++;
    else archive.repeated.set(id, (archive.repeated.get(id) ?? 1) + 1);
  }

  private addUndated(document: Dispatch, path: string): void {
    this.undated++;
    const { dateline } = document.lead;
    const reason: UndatedReason = dateline === null ? 'no-dateline' : dateline.year === null ? 'no-year' : 'impossible-date';
    this.undatedReasons[reason]++;
    this.undatedFolders.add(folderOf(path));
    if (this.undatedExamples.length < LIMITS.undatedExamples) {
      this.undatedExamples.push({ path: detach(path), line: document.lead.datelineLine ?? document.lead.paragraphLines[0] ?? null, reason });
    }
  }

  private addId(document: Dispatch, path: string): void {
    const { id } = document;
    const first = this.ids.firstPath(id);
    const member = (): Member => ({ path: detach(path), date: document.lead.date, title: document.lead.title === null ? null : detach(cut(document.lead.title)) });
    if (first === undefined) {
      // Kept with the id, in the table's compact UTF-8 store: what a duplicate group shows of the
      // first dispatch, known to belong to a group only when a second one comes.
      this.ids.add(id, this.pack(path, document.lead.date, document.lead.title === null ? null : cut(document.lead.title)));
      return;
    }
    // Met before: the second time starts a duplicate group, shown while there is room.
    if (this.repeated.firstPath(id) === undefined) {
      this.repeated.add(id, null);
      this.groups++;
      if (this.shownGroups.size < LIMITS.duplicateGroups) this.shownGroups.set(id, { id: detach(id), count: 1, members: [this.unpack(first ?? '')], morePaths: 0 });
    }
    const group = this.shownGroups.get(id);
    if (group === undefined) return;
    group.count++;
    if (group.members.length < LIMITS.pathsPerGroup) group.members.push(member());
    else group.morePaths++;
  }

  /**
   * What the id table keeps of a dispatch, as one string in its compact UTF-8 store:
   * `folder-number NUL file-name NUL date NUL (0 | 1 title)`. A duplicate group shows the first
   * dispatch of its id, known to belong to a group only when a second one comes.
   */
  private pack(path: string, date: string | null, title: string | null): string {
    const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
    const folder = path.slice(0, at);
    let index = this.folders.get(folder);
    if (index === undefined) {
      index = this.folderNames.length;
      this.folders.set(detach(folder), index);
      this.folderNames.push(detach(folder));
    }
    return `${index}${SEP}${path.slice(at)}${SEP}${date ?? ''}${SEP}${title === null ? '0' : `1${title}`}`;
  }

  private unpack(packed: string): Member {
    const [index = '', name = '', date = '', ...rest] = packed.split(SEP);
    const title = rest.join(SEP);
    return { path: `${this.folderNames[Number(index)] ?? ''}${name}`, date: date === '' ? null : date, title: title.startsWith('1') ? title.slice(1) : null };
  }

  /**
   * Takes the summary and lets go of what was kept to count: the id tables above all (tens of
   * megabytes at 100,000 inputs), which the page need not keep while it is drawn.
   */
  release(): ArchiveReport {
    const report = this.summary();
    this.released = true;
    this.ids = new SeenIds();
    this.repeated = new SeenIds();
    this.folders = new Map();
    this.folderNames = [];
    this.perDay = new Map();
    this.teaserDays = new Map();
    return report;
  }

  /** The report so far, as schemas/report.schema.json describes it. */
  summary(): ArchiveReport {
    if (this.released) throw new Error('ReportAggregator.summary() after release()');
    const run = this.options.run;
    return {
      schemaVersion: SCHEMA_VERSION,
      generator: this.options.generator,
      run:
        run === undefined
          ? null
          : {
              inputs: run.inputs.slice(0, LIMITS.runInputs).map(detach),
              moreInputs: Math.max(0, run.inputs.length - LIMITS.runInputs),
              year: run.year,
              maxBytes: run.maxBytes,
              createdAt: run.createdAt,
            },
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
      undated: {
        total: this.undated,
        noDateline: this.undatedReasons['no-dateline'],
        noYear: this.undatedReasons['no-year'],
        impossibleDate: this.undatedReasons['impossible-date'],
        folders: this.undatedFolders.summary(),
        examples: this.undatedExamples.map((example) => ({ ...example })),
        moreExamples: this.undated - this.undatedExamples.length,
      },
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
        shown: [...this.shownGroups.values()].map((group) => ({
          id: group.id,
          count: group.count,
          paths: group.members.map((member) => member.path),
          members: group.members.map((member) => ({ ...member })),
          morePaths: group.morePaths,
        })),
        moreGroups: this.groups - this.shownGroups.size,
      },
      teasers: this.teasers(),
      archives: this.archives(),
    };
  }

  private archives(): ArchiveReport['archives'] {
    const archive = this.archive;
    if (archive === null) return null;
    // How many dispatches were captured how many times: once, unless the id was met again.
    const byCount = new Map<number, number>();
    if (archive.dispatches - archive.repeated.size > 0) byCount.set(1, archive.dispatches - archive.repeated.size);
    for (const captures of archive.repeated.values()) byCount.set(captures, (byCount.get(captures) ?? 0) + 1);
    const most = [...archive.repeated].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, LIMITS.mostCaptured);
    const days = [...archive.byDay.keys()].sort((a, b) => a - b);
    return {
      records: archive.records,
      skipped: { total: archive.skippedTotal, byKind: archive.skipped.summary() },
      captures: {
        total: archive.captures,
        dispatches: archive.dispatches,
        byCount: [...byCount].sort((a, b) => a[0] - b[0]).map(([captures, dispatches]) => ({ captures, dispatches })),
        mostCaptured: most.map(([id, captures]) => ({ id: detach(id), captures, ...this.unpack(this.ids.firstPath(id) ?? '') })),
      },
      byDay: days.slice(0, LIMITS.captureDays).map((day) => ({ date: isoDate(day), captures: archive.byDay.get(day)!, dispatches: this.perDay.get(day) ?? 0 })),
      moreDays: Math.max(0, days.length - LIMITS.captureDays),
    };
  }

  private coverage(): ArchiveReport['coverage'] {
    const days = [...this.perDay.keys()].sort((a, b) => a - b);
    if (days.length === 0) {
      return {
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
      };
    }
    const first = days[0]!;
    const last = days[days.length - 1]!;
    // Counts per month and year, and the days holding dispatches per month: all bounded by the days.
    const months = new Map<number, { count: number; days: number }>();
    const years = new Map<number, number>();
    const gaps: Array<{ from: string; to: string; days: number }> = [];
    let previous: number | null = null;
    for (const day of days) {
      const count = this.perDay.get(day)!;
      const { year, month } = partsOf(day);
      const state = getOrCreate(months, monthIndex(year, month), () => ({ count: 0, days: 0 }));
      state.count += count;
      state.days++;
      years.set(year, (years.get(year) ?? 0) + count);
      if (previous !== null && day - previous > 1) gaps.push({ from: isoDate(previous + 1), to: isoDate(day - 1), days: day - previous - 1 });
      previous = day;
    }
    const firstParts = partsOf(first);
    const lastParts = partsOf(last);
    const firstMonth = monthIndex(firstParts.year, firstParts.month);
    const lastMonth = monthIndex(lastParts.year, lastParts.month);
    const spanMonths = lastMonth - firstMonth + 1;
    const sparse = months.size / spanMonths < SPARSE_BELOW;
    const spanDays = last - first + 1;
    let gapDays = spanDays - days.length;
    if (sparse) {
      // Only the empty days of the months holding a dispatch (within the span) count as gaps.
      gapDays = 0;
      for (const [index, state] of months) {
        const year = Math.floor(index / 12);
        const month = (index % 12) + 1;
        const start = Math.max(first, monthStart(year, month));
        const end = Math.min(last, monthStart(year, month) + daysInMonth(year, month) - 1);
        gapDays += end - start + 1 - state.days;
      }
    }

    // Years holding dispatches, and the empty years between them while a run is short.
    const yearList: ArchiveReport['coverage']['years'] = [];
    const omittedYears: ArchiveReport['coverage']['omittedYears'] = [];
    const heldYears = [...years.keys()].sort((a, b) => a - b);
    heldYears.forEach((year, i) => {
      if (i > 0) {
        const before = heldYears[i - 1]!;
        const empty = year - before - 1;
        if (empty > LIMITS.emptyYearRun) omittedYears.push({ from: before + 1, to: year - 1, years: empty });
        else for (let y = before + 1; y < year; y++) yearList.push({ year: y, count: 0 });
      }
      yearList.push({ year, count: years.get(year)! });
    });
    const monthList: ArchiveReport['coverage']['months'] = [];
    for (const { year } of yearList) {
      for (let month = 1; month <= 12; month++) {
        const index = monthIndex(year, month);
        if (index >= firstMonth && index <= lastMonth) monthList.push({ month: isoMonth(index), count: months.get(index)?.count ?? 0 });
      }
    }
    return {
      first: isoDate(first),
      last: isoDate(last),
      spanDays,
      daysWithDispatches: days.length,
      emptyDays: spanDays - days.length,
      spanMonths,
      monthsWithDispatches: months.size,
      sparse,
      gapDays,
      days: days.map((day) => ({ date: isoDate(day), count: this.perDay.get(day)! })),
      months: monthList,
      years: yearList,
      omittedYears,
      // Longest first; sort is stable, so equal lengths stay in date order.
      longestGaps: gaps.sort((a, b) => b.days - a.days).slice(0, LIMITS.gaps),
    };
  }

  private teasers(): ArchiveReport['teasers'] {
    const days = [...this.teaserDays.keys()].sort((a, b) => a - b);
    const missing: ArchiveReport['teasers']['missing'] = [];
    let missingDays = 0;
    let missingTeasers = 0;
    let missingEntries = 0;
    for (let i = days.length - 1; i >= 0; i--) {
      const day = days[i]!;
      if (this.perDay.has(day)) continue;
      const state = this.teaserDays.get(day)!;
      const articles = state.articles!;
      missingDays++;
      missingTeasers += articles.size;
      missingEntries += state.count;
      if (missing.length < LIMITS.missingDays) {
        missing.push({
          date: isoDate(day),
          count: state.count,
          articles: articles.size,
          teasers: state.examples.map(({ text, path, line, hash }) => ({ text, path, line, entries: articles.get(hash)! })),
        });
      }
    }
    return {
      total: this.teaserTotal,
      days: days.map((day) => ({ date: isoDate(day), count: this.teaserDays.get(day)!.count, held: this.perDay.has(day) })),
      missingDays,
      missingTeasers,
      missingEntries,
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

/** A text cut to LIMITS.teaserText characters, with an ellipsis when cut. */
function cut(text: string): string {
  return text.length > LIMITS.teaserText ? `${text.slice(0, LIMITS.teaserText - 1)}…` : text;
}

/** FNV-1a over the UTF-16 code units, folded to 30 bits: a small integer, which V8 stores without allocating. */
function hash30(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash ^ (hash >>> 30)) & 0x3fffffff;
}

/** The folder of an input as shown: '.' for a bare file name, '-' for standard input. */
export function folderOf(display: string): string {
  if (display === '-') return '-';
  const at = Math.max(display.lastIndexOf('/'), display.lastIndexOf('\\'));
  return at < 0 ? '.' : at === 0 ? display.slice(0, 1) : display.slice(0, at);
}
