/**
 * The main command's options, checked once and turned into a plan before any input is read: which
 * inputs, which format, where output and report go. Every mistake found here is reported before
 * anything is converted or written, and no output may overwrite an input or another output.
 */
import path from 'node:path';
import { formatFromPath, formatModule, formatsTaking, outputExtension, type Format } from '../../emit/formats/index.js';
import type { FormatOption, OutputSpec, RecordKind } from '../../emit/writer.js';
import { UsageError } from '../../errors.js';
import { expandInputs, type ExpandedInputs } from '../../io/inputs.js';
import { shardEntries, type Shard } from '../../io/shard.js';
import { canonicalPath, OutputFolder } from '../../io/outdir.js';
import { resolveOutput, type OutputTarget } from '../../io/sink.js';
import { resolveConvertOptions, type ResolvedConvertOptions } from '../../pipeline/convert.js';
import { guardOutputs, refuseReplacingCaptures, sameTarget, type NamedOutput } from '../output-safety.js';
import type { ColorMode, WarningsMode } from '../render.js';
import type { Streams } from '../streams.js';
import { didYouMean, HintedUsageError } from '../suggest.js';

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
  /** --fields: the comma-separated columns (CSV) or fields (JSON, NDJSON) to keep, in order. */
  fields?: string;
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
  checkFormatOptions(format, options);
  const fields = parseFields(format, options.records, options.fields);
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
  checkTableTarget(format, target, options.output);
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
    : { kind: 'folder', folder: await OutputFolder.create(path.resolve(io.cwd, options.outDir!)), extension: outputExtension(format) };
  return {
    inputs,
    spec: { format, records: options.records, single: inputs.single, bom: options.bom === true, excelSafe: options.excelSafe === true, ...(fields === undefined ? {} : { fields }) },
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

/** The options that only some formats take, as the command line names them. */
const FORMAT_OPTION_FLAGS: ReadonlyArray<readonly [FormatOption, keyof ConvertCliOptions, string]> = [
  ['bom', 'bom', '--bom'],
  ['excel-safe', 'excelSafe', '--excel-safe'],
  ['fields', 'fields', '--fields'],
];

/** 'a', 'a or b', 'a, b or c'. */
function either(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/**
 * The rules a format's module states: the records it writes, and the options only some formats
 * take. @throws UsageError.
 */
export function checkFormatOptions(format: Format, options: ConvertCliOptions): void {
  const module = formatModule(format);
  for (const [option, key, flag] of FORMAT_OPTION_FLAGS) {
    if (options[key] === undefined || options[key] === false || module.options.includes(option)) continue;
    throw new UsageError(`${flag} applies to --format ${either(formatsTaking(option))} only`);
  }
  if (!module.recordKinds.includes(options.records)) {
    throw new UsageError(`--records ${options.records} does not apply to --format ${format}${module.recordKindsNote ? ` (${module.recordKindsNote})` : ''}`);
  }
  if (module.kind === 'table') {
    // A database or a Parquet file is one file for the whole run, written by its library.
    if (options.outDir !== undefined) throw new UsageError(`--out-dir does not apply to --format ${format}, which writes ${module.noun} for the whole run: name it with -o (e.g. -o out${module.extensions[0]})`);
    if (options.output === undefined || options.output === '-') throw new UsageError(`--format ${format} writes ${module.noun}, not text: name the file with -o (e.g. -o out${module.extensions[0]})`);
  }
}

/**
 * --fields as a list, each name checked against the fields the format's records have. @throws
 * HintedUsageError naming the first unknown (or repeated) name, the hint listing the valid ones.
 */
export function parseFields(format: Format, records: RecordKind, given: string | undefined): readonly string[] | undefined {
  if (given === undefined) return undefined;
  const module = formatModule(format);
  const valid = module.fields?.(records) ?? [];
  const kind = module.name === 'csv' ? 'columns' : 'fields';
  const hint = `--fields takes a comma-separated list of the ${kind} of --format ${format}${records === 'teasers' ? ' --records teasers' : ''}: ${valid.join(', ')}`;
  const fields = given.split(',').map((field) => field.trim());
  if (fields.every((field) => field === '')) throw new HintedUsageError('--fields names no field', hint, 'INVALID_OPTION');
  const seen = new Set<string>();
  for (const field of fields) {
    if (field === '') throw new HintedUsageError(`--fields ${given} holds an empty name (two commas, or one at an end)`, hint, 'INVALID_OPTION');
    if (!valid.includes(field)) throw new HintedUsageError(`unknown ${kind === 'columns' ? 'column' : 'field'} '${field}' for --fields${didYouMean(field, valid)}`, hint, 'INVALID_OPTION');
    if (seen.has(field)) throw new HintedUsageError(`--fields names '${field}' twice`, hint, 'INVALID_OPTION');
    seen.add(field);
  }
  return fields;
}

/** A table format's output must be a regular file (new or replaced): not a device, a pipe or standard output. */
function checkTableTarget(format: Format, target: OutputTarget | null, given: string | undefined): void {
  const module = formatModule(format);
  if (module.kind !== 'table' || target === null || target.kind === 'file') return;
  throw new UsageError(`--format ${format} writes ${module.noun}, which needs a regular file; -o ${given ?? '-'} is ${target.kind === 'stdout' ? 'standard output' : 'a device or a pipe'}`);
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
