/**
 * The main command: convert inputs to JSON, NDJSON, CSV or ninjs. It wires the parts together —
 * the plan (options checked once), the pipeline (in this thread or on workers), the output, the
 * streamed report and the run summary — and returns the exit status.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createRenderer } from '../emit/index.js';
import { isKcnaError, type KcnaError } from '../errors.js';
import { warn } from '../parse/warnings.js';
import type { Rendered, RenderedSuccess } from '../pipeline/render.js';
import { renderAuto, renderHere, renderInPool, type AutoThreads, type RenderOptions, type WorkerSetup } from '../pool/pool.js';
import type { Warning } from '../schema/types.js';
import { EXIT, exitStatusOf, isBrokenPipe } from './exit.js';
import { FolderOutput, SingleOutput, TableOutput, type Output } from './convert/outputs.js';
import { formatModule } from '../emit/formats/index.js';
import { packageVersion } from '../package-info.js';
import { reportTime } from './clock.js';
import { makePlan, type ConvertCliOptions } from './convert/plan.js';
import { ReportFile } from './convert/report-file.js';
import { SeenIds } from '../pipeline/seen-ids.js';
import { expandEntries } from '../pipeline/convert.js';
import type { ArchiveProgress, SkippedRecord } from '../pipeline/archives.js';
import { RunSummary, type FileOutcome } from './convert/summary.js';
import { CAPTURE_EXTENSIONS } from '../io/inputs.js';
import { Reporter, escapeForTerminal, formatElapsed } from './render.js';
import type { Streams } from './streams.js';

export type { ConvertCliOptions } from './convert/plan.js';

/**
 * Inputs converted in this thread before the default run considers worker threads: a worker costs
 * about half a second of CPU to start (loading, compiling, its own heap), which the inputs left
 * after these are many enough to repay on idle cores (BENCHMARKS.md, Threads).
 */
export const AUTO_THREADS_AFTER = 5000;

/**
 * The default (--jobs auto): once a batch is past AUTO_THREADS_AFTER inputs, a worker for every
 * core (this thread then only walks the inputs and writes), if the machine has a core to spare:
 * on a machine whose cores are all busy, workers only add their own CPU time to the run's
 * (measured: +40% CPU and a slower run at every batch size). None on a machine with one core.
 */
export function autoThreads(env: NodeJS.ProcessEnv, cores = availableParallelism(), load = () => loadavg()[0] ?? 0): AutoThreads {
  const workers = cores > 1 ? Math.min(cores, MAX_AUTO_WORKERS) : 0;
  // For tests and measurements only: a smaller threshold, so that a small batch runs on workers
  // (one at least, whatever the machine and its load, and handed the rest at once, so that they
  // convert it however slowly they load). Not a user setting, documented only here.
  const forced = env['KCNA_PARSE_TEST_AUTO_THREADS_AFTER'];
  if (forced !== undefined && /^\d+$/.test(forced)) return { workers: () => Math.max(workers, 1), afterInputs: Number(forced), handOverAtOnce: true };
  // Asked when the threshold is reached. The load average (over a minute) counts the runnable
  // threads of the whole machine; it has barely begun to count this run's own.
  return { workers: () => (load() <= cores - 1 ? workers : 0), afterInputs: AUTO_THREADS_AFTER };
}

/** Not measured beyond this; more workers would wait on the one thread that writes. */
const MAX_AUTO_WORKERS = 4;

/** How long counting the folders ahead may take after each input, in milliseconds (a few folders). */
const COUNT_AHEAD_BUDGET_MS = 2;

/**
 * The files a folder walk passed over, by extension (most first): '3 files (.pdf 2, no extension 1)',
 * or undefined when there were none.
 */
export function describeSkipped(skipped: ReadonlyMap<string, number>): { count: number; text: string } | undefined {
  if (skipped.size === 0) return undefined;
  const byCount = [...skipped].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const count = byCount.reduce((sum, [, n]) => sum + n, 0);
  const kinds = byCount.map(([extension, n]) => `${extension === '' ? 'no extension' : extension} ${n}`).join(', ');
  return { count, text: `${count} file${count === 1 ? '' : 's'} (${kinds})` };
}

export async function runConvert(args: readonly string[], options: ConvertCliOptions, io: Streams): Promise<number> {
  const started = performance.now();
  const plan = await makePlan(args, options, io);
  const reporter = await Reporter.create(io, {
    quiet: plan.quiet,
    warnings: plan.warnings,
    color: plan.color,
    stdoutCarriesOutput: plan.output.kind === 'single' && plan.output.target.kind === 'stdout',
  });
  const summary = new RunSummary();
  /** With dedupe: the content ids written so far, and the input each came from. */
  const seen = plan.dedupe ? new SeenIds() : null;

  let output: Output | undefined;
  let report: ReportFile | undefined;
  try {
    // The report first: a report that cannot be written fails the run before any input is read.
    if (plan.report) report = await ReportFile.open(plan.report, io.stdout);
    const format = formatModule(plan.spec.format);
    output =
      plan.output.kind === 'folder'
        ? new FolderOutput(plan.output.folder, plan.output.extension, plan.spec, plan.protectedFiles, escapeForTerminal(options.outDir ?? plan.output.folder.root))
        : format.kind === 'table' && plan.output.target.kind === 'file'
          ? await TableOutput.open(plan.output.target, plan.spec, format, { toolVersion: packageVersion(), createdAt: reportTime(io.env) }, io.stdout, escapeForTerminal(options.output!))
          : await SingleOutput.open(plan.output.target, plan.spec, io.stdout, options.output === undefined ? undefined : escapeForTerminal(options.output));

    const setup: WorkerSetup = { spec: plan.spec, year: plan.convert.year, defaultYear: plan.convert.defaultYear, maxBytes: plan.convert.maxBytes, keepDocuments: !output.rendersRecords };
    const renderOptions: RenderOptions = { ...plan.convert, keepDocuments: setup.keepDocuments };
    // One output per input is written from the documents: nothing to render in the run's format.
    const render = output.rendersRecords ? await createRenderer(plan.spec) : () => [];
    // Web archives become their records here (read in this thread, converted wherever the others
    // are); the records that hold no page are counted.
    const archiveProgress: ArchiveProgress = { archive: null, read: 0, size: null };
    const out = output;
    const onSkip = (skip: SkippedRecord) => {
      summary.skip(skip);
      // A web archive is a collection even when none of its records is a page.
      out.collection();
    };
    const entries = expandEntries(plan.inputs.entries, { ...plan.convert, onSkip }, archiveProgress);
    const results = !output.rendersRecords || plan.jobs === 1
        ? renderHere(entries, render, setup, renderOptions)
        : plan.jobs === 'auto'
          ? renderAuto(entries, setup, autoThreads(io.env), render, renderOptions)
          : renderInPool(entries, setup, plan.jobs, render, renderOptions);

    // On a terminal, the folders to walk are counted ahead, a little at a time, so that the
    // progress line can give a total and the time left.
    const ahead = reporter.showsProgress ? plan.inputs.countAhead() : null;
    for await (const result of results) {
      const { outcome, duplicates } = await handle(result, output);
      await output.inputDone?.(outcome, result);
      summary.add(outcome, duplicates);
      if (report) await report.add(outcome);
      if (ahead && ahead.total === null) ahead.advance(COUNT_AHEAD_BUDGET_MS);
      reporter.progress(summary.files, plan.inputs.total ?? ahead?.total ?? undefined, archiveProgress);
    }
    await output.finish();
  } catch (error) {
    reporter.clearProgress();
    await output?.abort();
    await report?.abort();
    if (!isKcnaError(error)) throw error;
    if (isBrokenPipe(error)) return exitStatusOf(error);
    reporter.fatal(error.message);
    return exitStatusOf(error);
  }
  reporter.clearProgress();

  const hidden = reporter.hiddenWarnings();
  if (hidden !== undefined) reporter.info(hidden);
  const skippedRecords = summary.skippedLine();
  if (skippedRecords !== undefined) reporter.info(escapeForTerminal(skippedRecords));
  const skipped = describeSkipped(plan.inputs.skipped);
  // Folders that held files but no capture: the run converted nothing it was pointed at.
  const nothingFound = summary.files === 0 && skipped !== undefined;
  if (nothingFound) {
    const taken = CAPTURE_EXTENSIONS.map((extension) => `*${extension}`).join(', ');
    reporter.fatal(
      `nothing converted: the folders given hold ${skipped.text} but no text capture, web page or web archive ` +
        `(a folder walk takes ${taken}; name other files, or give a glob pattern, to read them)`,
    );
  } else if (skipped !== undefined) {
    // Extensions come from file names: escaped as names are (fatal() escapes its message itself).
    reporter.info(escapeForTerminal(`skipped ${skipped.text} that ${skipped.count === 1 ? 'is neither a text capture, a web page nor a web archive' : 'are neither text captures, web pages nor web archives'}`));
  }
  // A single web archive is many inputs: its run is summed up as a batch's.
  if (!plan.inputs.single || summary.archiveRecords > 0 || summary.skippedRecords > 0) {
    reporter.info(
      summary.line({
        dedupe: plan.dedupe,
        records: plan.spec.records,
        written: output!.records,
        destination: output!.destination(),
        elapsed: formatElapsed(started, io.env),
      }),
    );
  }
  const exitCode = nothingFound ? EXIT.failed : summary.exitStatus(plan.strict);
  if (report) {
    try {
      await report.finish(summary.counts(), exitCode);
    } catch (error) {
      if (!isKcnaError(error)) throw error;
      if (isBrokenPipe(error)) return exitStatusOf(error);
      reporter.fatal(error.message);
      return exitStatusOf(error);
    }
  }
  return exitCode;

  /** Writes one input's records and prints its diagnostics; returns what the report says of it. */
  async function handle(result: Rendered, out: Output): Promise<{ outcome: FileOutcome; duplicates: number }> {
    const { display } = result;
    if (!result.ok) {
      // A failed input gets its one-line error only; what was noticed before is in the report.
      reporter.inputFailed(display, result.error.code, result.error.message);
      const failed: FileOutcome = { path: display, status: 'failed', id: null, ids: [], warnings: result.warnings, error: result.error };
      if (result.place !== undefined) failed.archive = result.place;
      return { outcome: failed, duplicates: 0 };
    }
    const ids = result.dispatches.map((dispatch) => dispatch.id);
    const { warnings, kept } = dedupe(result);
    reporter.warnings(display, warnings);
    const duplicates = ids.length - kept.length;
    // Keys in this order: the report writes them as they come (and its bytes are tested).
    const outcome: FileOutcome = { path: display, id: ids[0] ?? null, ids, warnings, status: 'duplicate', error: null };
    if (result.place !== undefined) outcome.archive = result.place;
    if (kept.length === 0) return { outcome, duplicates };
    const failure: KcnaError | null = await out.write(result, kept);
    if (failure) {
      reporter.inputFailed(display, failure.code, failure.message);
      outcome.status = 'failed';
      outcome.error = { code: failure.code, message: failure.message };
      return { outcome, duplicates };
    }
    // Only what was written counts as seen: a later copy of a story whose output failed is kept.
    if (seen) for (const index of kept) seen.add(result.dispatches[index]!.id, result.path);
    outcome.status = 'converted';
    return { outcome, duplicates };
  }

  /**
   * The input's warnings, with a DUPLICATE_ID warning for each dispatch whose id was already
   * written (by an earlier input, or earlier in this one), and the positions of those to write.
   */
  function dedupe(result: RenderedSuccess): { warnings: Warning[]; kept: number[] } {
    const kept: number[] = [];
    if (!seen) {
      for (let index = 0; index < result.dispatches.length; index++) kept.push(index);
      return { warnings: result.warnings, kept };
    }
    // Copied once, then appended to: an input can hold many copies of one story.
    let warnings: Warning[] | undefined;
    /** Ids kept earlier in this input, with no output yet. */
    const here = new Set<string>();
    result.dispatches.forEach(({ id }, index) => {
      const earlier = seen.firstPath(id);
      const first = earlier !== undefined ? earlier : here.has(id) ? result.path : undefined;
      if (first === undefined) {
        here.add(id);
        kept.push(index);
      } else {
        (warnings ??= result.warnings.slice()).push(warn.duplicateId(id, first));
      }
    });
    return { warnings: warnings ?? result.warnings, kept };
  }
}
