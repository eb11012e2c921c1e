/**
 * The main command's options, checked once and turned into a plan before any input is read: which
 * inputs, which format, where output and report go. Every mistake found here is reported before
 * anything is converted or written, and no output may overwrite an input or another output.
 */
import path from 'node:path';
import { FORMAT_EXTENSIONS, formatFromPath } from '../../emit/formats.js';
import type { Format, OutputSpec, RecordKind } from '../../emit/writer.js';
import { UsageError } from '../../errors.js';
import { expandInputs, type ExpandedInputs } from '../../io/inputs.js';
import { shardEntries, type Shard } from '../../io/shard.js';
import { canonicalPath, OutputFolder } from '../../io/outdir.js';
import { resolveOutput, type OutputTarget } from '../../io/sink.js';
import { resolveConvertOptions, type ResolvedConvertOptions } from '../../pipeline/convert.js';
import { guardOutputs, refuseReplacingCaptures, sameTarget, type NamedOutput } from '../output-safety.js';
import type { ColorMode, WarningsMode } from '../render.js';
import type { Streams } from '../streams.js';

/** The main command's options as commander gives them. */
export interface ConvertCliOptions {
  format?: Format;
  records: RecordKind;
  output?: string;
  outDir?: string;
  year?: number;
  /** The year of the datelines nothing else dates. */
  defaultYear?: number;
  strict?: boolean;
  dedupe?: boolean;
  quiet?: boolean;
  report?: string;
  bom?: boolean;
  excelSafe?: boolean;
  maxBytes: number;
  /** Worker threads rendering in parallel; 1 means none; 'auto' (the default) starts them on large batches. */
  jobs?: number | 'auto';
  warnings?: WarningsMode;
  color?: ColorMode;
  /** Replace an existing -o or --report file even when it is named like a capture (.txt, .html...). */
  force?: boolean;
  /** Web archives: read only the records whose URL this matches. */
  acceptRegex?: RegExp;
  /** Web archives: skip the records whose URL this matches. */
  rejectRegex?: RegExp;
  /** Read only this share of the inputs. */
  shard?: Shard;
}

export interface Plan {
  inputs: ExpandedInputs;
  spec: OutputSpec;
  /** One output for the whole run, or one per input below a folder. */
  output: { kind: 'single'; target: OutputTarget } | { kind: 'folder'; folder: OutputFolder; extension: string };
  /** Where the JSON report goes, if asked for. */
  report: OutputTarget | null;
  convert: ResolvedConvertOptions;
  /** Identities of the inputs named or matched up front: no output may replace one of them. */
  protectedFiles: ReadonlySet<string>;
  strict: boolean;
  dedupe: boolean;
  quiet: boolean;
  warnings: WarningsMode;
  color: ColorMode;
  jobs: number | 'auto';
}

/**
 * Checks the options and arguments and resolves the outputs.
 * @throws UsageError for a mistake on the command line; KcnaError WRITE_ERROR for an output that
 *   cannot be written (a missing folder, a directory named as a file).
 */
export async function makePlan(args: readonly string[], options: ConvertCliOptions, io: Streams): Promise<Plan> {
  if (args.length === 0) throw new UsageError("no inputs given (name files, directories or glob patterns, or '-' for standard input)");
  if (options.output !== undefined && options.outDir !== undefined) throw new UsageError('-o/--output and --out-dir cannot be used together');
  const format = options.format ?? formatFromPath(options.output) ?? 'json';
  if ((options.bom || options.excelSafe) && format !== 'csv') throw new UsageError('--bom and --excel-safe apply to --format csv only');
  if (format === 'ninjs' && options.records === 'teasers') throw new UsageError('--records teasers does not apply to --format ninjs (its teasers are associations)');
  const convert = resolveConvertOptions({
    maxBytes: options.maxBytes,
    // Standard input is set up only if an input is '-' (it costs a few milliseconds).
    get stdin() {
      return io.stdin;
    },
    ...yearOptions(options),
    ...selectUrlOption(options),
  });

  const inputs = await expandInputs(args, io.cwd);
  const usesStdin = inputs.listed.some((input) => input.kind === 'stdin');
  if (options.shard) takeShard(inputs, options.shard, usesStdin);

  // The output folder is made last, once nothing else can refuse the command line.
  const target = options.outDir === undefined ? await resolveOutput(options.output ?? '-', io.cwd) : null;
  const report = options.report === undefined ? null : await resolveOutput(options.report, io.cwd);
  const outputs: NamedOutput[] = [];
  if (target) outputs.push({ option: '-o/--output', given: path.resolve(io.cwd, options.output ?? '-'), target });
  if (report) outputs.push({ option: '--report', given: path.resolve(io.cwd, options.report!), target: report });
  const protectedFiles = guardOutputs(outputs, inputs, { stdin: () => io.stdin, alwaysProtect: options.outDir !== undefined });
  refuseReplacingCaptures(outputs, options.force === true);
  if (report) {
    if (report.kind === 'file' && options.outDir !== undefined) {
      const folder = await canonicalPath(path.resolve(io.cwd, options.outDir));
      if (report.file.startsWith(folder + path.sep)) throw new UsageError(`--report ${report.file} lies inside --out-dir, where an output could take its name; name a file outside it`);
    }
    if (report.kind === 'stdout' && target?.kind === 'stdout') {
      throw new UsageError('--report - would mix the report into the records on standard output; name a file for one of them');
    }
    if (target && sameTarget(report, target)) throw new UsageError('--report and -o/--output name the same file; each needs its own');
  }
  if (usesStdin && report?.kind === 'stdout') throw new UsageError("--report - and the input '-' would both use the standard streams");

  const planned: Plan['output'] = target
    ? { kind: 'single', target }
    : { kind: 'folder', folder: await OutputFolder.create(path.resolve(io.cwd, options.outDir!)), extension: FORMAT_EXTENSIONS[format] };
  return {
    inputs,
    spec: { format, records: options.records, single: inputs.single, bom: options.bom === true, excelSafe: options.excelSafe === true },
    output: planned,
    report,
    convert,
    protectedFiles,
    strict: options.strict === true,
    dedupe: options.dedupe === true,
    quiet: options.quiet === true,
    warnings: options.quiet ? 'none' : (options.warnings ?? 'summary'),
    color: options.color ?? 'auto',
    jobs: options.jobs ?? 'auto',
  };
}

/**
 * --accept-regex and --reject-regex as the pipeline's selectUrl: as wget's, a URL is read when it
 * matches the first (if given) and not the second (if given).
 */
export function selectUrlOption(options: { acceptRegex?: RegExp; rejectRegex?: RegExp }): { selectUrl?: (uri: string) => boolean } {
  const { acceptRegex: accept, rejectRegex: reject } = options;
  if (accept === undefined && reject === undefined) return {};
  return { selectUrl: (uri) => (accept === undefined || accept.test(uri)) && (reject === undefined || !reject.test(uri)) };
}

/** Keeps the inputs of one share (--shard); standard input has no path to share by. */
export function takeShard(inputs: ExpandedInputs, shard: Shard, usesStdin: boolean): void {
  if (usesStdin) throw new UsageError("--shard shares files by their paths; standard input ('-') has none: convert it in one run of its own");
  inputs.entries = shardEntries(inputs.entries, shard);
  // How many inputs fall in this share is known only as they are read.
  inputs.total = null;
}

/**
 * --year and --default-year as conversion options. --year dates every dispatch, whatever else says
 * a year; --default-year only those nothing else dates: given both, the second would do nothing.
 */
export function yearOptions(options: { year?: number; defaultYear?: number }): { year?: number; defaultYear?: number } {
  if (options.year !== undefined && options.defaultYear !== undefined) {
    throw new UsageError('--year and --default-year cannot be used together: --year already dates every dispatch (use --default-year to date only those nothing else dates)');
  }
  if (options.year !== undefined) return { year: options.year };
  if (options.defaultYear !== undefined) return { defaultYear: options.defaultYear };
  return {};
}
