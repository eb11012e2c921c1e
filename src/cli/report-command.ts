/**
 * `kcna-parse report INPUT...`: reads an archive as the main command does (the same inputs, the same
 * rule that no output replaces an input) and writes one report of it: a self-contained HTML page (default) or the same numbers as JSON.
 *
 * Exit status: 0 the report was written (inputs that failed are in it, not a reason to fail);
 * 1 the report could not be written; 2 usage error (no inputs, a glob matching nothing, a bad
 * option); 141 the reader closed the pipe.
 */
import path from 'node:path';
import { UsageError, isKcnaError } from '../errors.js';
import { expandInputs } from '../io/inputs.js';
import { openOutput, resolveOutput, type Sink } from '../io/sink.js';
import { convertEntries, resolveConvertOptions, type ConvertOptions } from '../pipeline/convert.js';
import { packageVersion } from '../package-info.js';
import { ReportAggregator } from '../report/aggregate.js';
import { withOutputLimits } from '../report/limits.js';
import { schemaViolation } from '../schema/validate.js';
import { exitStatusOf, isBrokenPipe } from './exit.js';
import { guardOutputs } from './output-safety.js';
import { selectUrlOption, takeShard, yearOptions } from './convert/plan.js';
import type { Shard } from '../io/shard.js';
import { plural } from './convert/summary.js';
import { Reporter, type ColorMode } from './render.js';
import { EXIT, type Streams } from './streams.js';
import { reportTime } from './clock.js';

export const REPORT_FORMATS = ['html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCliOptions {
  output?: string;
  format?: ReportFormat;
  year?: number;
  /** The year of the datelines nothing else dates. */
  defaultYear?: number;
  maxBytes: number;
  quiet?: boolean;
  color?: ColorMode;
  /** Web archives: read only the records whose URL this matches. */
  acceptRegex?: RegExp;
  /** Web archives: skip the records whose URL this matches. */
  rejectRegex?: RegExp;
  /** Read only this share of the inputs. */
  shard?: Shard;
}

/** The format the name of -o implies: .json is JSON, anything else HTML. */
export function reportFormatFromPath(file: string | undefined): ReportFormat {
  return file?.toLowerCase().endsWith('.json') ? 'json' : 'html';
}

export async function runReport(inputs: readonly string[], options: ReportCliOptions, io: Streams): Promise<number> {
  if (inputs.length === 0) throw new UsageError("no inputs given (name files, directories or glob patterns, or '-' for standard input)");
  const format = options.format ?? reportFormatFromPath(options.output);
  // The progress line is drawn while the inputs are read, and erased before the report is written.
  const reporter = await Reporter.create(io, { quiet: options.quiet === true, color: options.color ?? 'auto', stdoutCarriesOutput: false, activity: 'reading' });
  // Where the report goes is settled before any input is read: a missing folder fails at once.
  const target = await resolveOutput(options.output ?? '-', io.cwd);

  const convert: ConvertOptions = {
    // Standard input is set up only if an input is '-'.
    get stdin() {
      return io.stdin;
    },
    maxBytes: options.maxBytes,
    ...yearOptions(options),
    ...selectUrlOption(options),
  };
  // Options are checked before any input is expanded or read.
  resolveConvertOptions(convert);
  const expanded = await expandInputs(inputs, io.cwd);
  if (options.shard) takeShard(expanded, options.shard, expanded.listed.some((input) => input.kind === 'stdin'));
  // The same rule as the main command's: the report never replaces one of its inputs.
  guardOutputs([{ option: '-o/--output', given: path.resolve(io.cwd, options.output ?? '-'), target }], expanded, { stdin: () => io.stdin });

  const aggregator = new ReportAggregator({
    generator: `kcna-parse ${packageVersion()}`,
    run: { inputs, year: options.year ?? null, maxBytes: options.maxBytes, createdAt: reportTime(io.env) },
  });
  // A web archive's records that hold no page are counted in the report, not read.
  const results = convertEntries(expanded.entries, { ...convert, onSkip: (skip) => aggregator.skip(skip) });
  // On a terminal, folders are counted ahead, a little at a time, for a total and the time left.
  const ahead = reporter.showsProgress ? expanded.countAhead() : null;
  let done = 0;
  try {
    for await (const result of results) {
      // The limits converting applies to the records (RENDER_LIMIT) fail an input here as there.
      aggregator.add(withOutputLimits(result));
      if (ahead && ahead.total === null) ahead.advance(2);
      reporter.progress(++done, expanded.total ?? ahead?.total ?? undefined);
    }
  } finally {
    reporter.clearProgress();
  }
  // The summary holds all the page needs: the counting state (the id tables) is let go first.
  const report = aggregator.release();

  // The renderers, the report's validator and ECharts are loaded only now: they share no code with
  // the rest of the program, so each is a chunk of its own that no other command loads.
  const { checkReport } = await import('../report/validate.js');
  const check = checkReport(report);
  if (!check.valid) throw schemaViolation('the report does not follow its schema', check.issues, null);

  let sink: Sink | null = null;
  try {
    sink = await openOutput(target, io.stdout, { durable: true, sweep: true });
    if (format === 'json') await (await import('../report/json.js')).renderJson(report, sink);
    else await (await import('../report/html.js')).renderHtml(report, sink);
    await sink.commit();
  } catch (error) {
    await sink?.abort();
    if (!isKcnaError(error)) throw error;
    if (isBrokenPipe(error)) return exitStatusOf(error);
    reporter.fatal(error.message);
    return exitStatusOf(error);
  }
  const { inputs: counts, dispatches, warnings } = report;
  reporter.info(
    `report of ${plural(counts.total, 'input')}: ${plural(dispatches.total, 'dispatch')}, ${counts.failed} failed, ${plural(warnings.total, 'warning')}` +
      (options.output === undefined ? '' : `; written to ${options.output}`),
  );
  return EXIT.ok;
}
