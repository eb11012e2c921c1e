/**
 * The main command: convert inputs to JSON, NDJSON, CSV or ninjs. This is the one place that
 * decides where output goes and what the exit status is.
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { createAssembler, createRenderer, createWriter, type Assembler, type Format, type OutputSpec, type RecordKind } from '../emit/index.js';
import { KcnaError, isKcnaError } from '../errors.js';
import { renderHere, renderInPool } from '../pool/pool.js';
import type { Rendered } from '../pool/rendered.js';
import { UsageError, expandInputs, type InputRef } from '../io/inputs.js';
import { AtomicFileSink, OutputError, StreamSink, type Sink } from '../io/sink.js';
import { SCHEMA_VERSION } from '../parse/parse.js';
import { warn } from '../parse/warnings.js';
import type { Dispatch, Warning } from '../schema/types.js';
import { packageVersion } from '../package-info.js';
import { Reporter } from './render.js';
import { EXIT, type Streams } from './streams.js';

export interface ConvertCliOptions {
  format?: Format;
  records: RecordKind;
  output?: string;
  outDir?: string;
  year?: number;
  strict?: boolean;
  dedupe?: boolean;
  quiet?: boolean;
  report?: string;
  bom?: boolean;
  excelSafe?: boolean;
  maxBytes: number;
  /** Worker threads rendering in parallel; 1 (the default) means none. */
  jobs?: number;
}

const EXTENSIONS: Record<Format, string> = { json: '.json', ndjson: '.ndjson', csv: '.csv', ninjs: '.ninjs.json' };

/** The format an output file's name implies: .json, .ndjson/.jsonl, .csv. */
export function formatFromPath(file: string | undefined): Format | undefined {
  const lower = file?.toLowerCase() ?? '';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

interface FileReport {
  path: string;
  status: 'converted' | 'failed' | 'duplicate';
  id: string | null;
  warnings: Warning[];
  error: { code: string; message: string } | null;
}

export async function runConvert(args: readonly string[], options: ConvertCliOptions, io: Streams): Promise<number> {
  if (args.length === 0) throw new UsageError("no inputs given (name files, directories or glob patterns, or '-' for standard input)");
  if (options.output !== undefined && options.outDir !== undefined) throw new UsageError('-o/--output and --out-dir cannot be used together');
  const format = options.format ?? formatFromPath(options.output) ?? 'json';
  if ((options.bom || options.excelSafe) && format !== 'csv') throw new UsageError('--bom and --excel-safe apply to --format csv only');
  if (format === 'ninjs' && options.records === 'teasers') throw new UsageError('--records teasers does not apply to --format ninjs (its teasers are associations)');

  const expanded = await expandInputs(args, io.cwd);
  const reporter = await Reporter.create(io, { quiet: options.quiet === true });
  const spec: OutputSpec = { format, records: options.records, single: expanded.single, bom: options.bom === true, excelSafe: options.excelSafe === true };
  let total = 0;
  const reports: FileReport[] | null = options.report === undefined ? null : [];
  const seen = options.dedupe ? new Map<string, string | null>() : null;
  let converted = 0;
  let failed = 0;
  let duplicates = 0;
  let warningCount = 0;

  let sink: Sink | null = null;
  let assembler: Assembler | null = null;
  let outDir: OutDir | null = null;
  try {
    const renderOptions = { ...(options.year === undefined ? {} : { year: options.year }), maxBytes: options.maxBytes, stdin: io.stdin, keepDocuments: options.outDir !== undefined };
    let results: AsyncIterable<Rendered>;
    if (options.outDir !== undefined) {
      // One output per input, written from the document itself: rendered in this thread.
      outDir = await OutDir.create(path.resolve(io.cwd, options.outDir), expanded.listed, format);
      results = renderHere(expanded.entries, () => [], renderOptions);
    } else {
      assembler = await createAssembler(spec);
      sink = options.output === undefined ? new StreamSink(io.stdout) : await AtomicFileSink.open(path.resolve(io.cwd, options.output), true);
      const jobs = options.jobs ?? 1;
      results =
        jobs > 1
          ? renderInPool(expanded.entries, { spec, year: options.year, maxBytes: options.maxBytes }, jobs, () => createRenderer(spec), renderOptions)
          : renderHere(expanded.entries, await createRenderer(spec), renderOptions);
    }

    for await (const result of results) {
      total++;
      const display = result.display;
      // A failed input gets its one-line error only; what was noticed before is in the report.
      if (result.ok) {
        for (const warning of result.warnings) reporter.warning(display, warning);
        warningCount += result.warnings.length;
      }
      const outcome = await emit(result);
      if (outcome.error) {
        failed++;
        reporter.error(display, outcome.error.code, outcome.error.message);
      }
      reports?.push(outcome.report);
      reporter.progress(total);
    }

    if (sink && assembler) {
      sink.write(assembler.end());
      // -o keeps the previous file unless this run produced a record; standard output always ends.
      if (sink instanceof AtomicFileSink && assembler.records === 0) await sink.abort();
      else await sink.commit();
    }
  } catch (error) {
    reporter.clearProgress();
    await sink?.abort();
    if (error instanceof OutputError) {
      if (error.errno === 'EPIPE') return EXIT.brokenPipe;
      reporter.fatal(error.message);
      return EXIT.failed;
    }
    throw error;
  }
  reporter.clearProgress();

  if (!expanded.single) {
    const parts = [`converted ${converted} of ${total} file${total === 1 ? '' : 's'}`, `${failed} failed`];
    if (seen) parts.push(`${duplicates} duplicate${duplicates === 1 ? '' : 's'} dropped`);
    parts.push(`${warningCount} warning${warningCount === 1 ? '' : 's'}`);
    reporter.info(parts.join(', '));
  }
  const exitCode = failed > 0 || (options.strict && warningCount > 0) ? EXIT.failed : EXIT.ok;
  if (reports && options.report !== undefined) {
    const report = {
      tool: 'kcna-parse',
      version: packageVersion(),
      schemaVersion: SCHEMA_VERSION,
      exitCode,
      summary: { files: total, converted, failed, duplicates, warnings: warningCount },
      files: reports,
    };
    try {
      const file = await AtomicFileSink.open(path.resolve(io.cwd, options.report), true);
      file.write(`${JSON.stringify(report, null, 2)}\n`);
      await file.commit();
    } catch (error) {
      if (!(error instanceof OutputError)) throw error;
      reporter.fatal(error.message);
      return EXIT.failed;
    }
  }
  return exitCode;

  /** Writes one result's records; returns what the report says of it. */
  async function emit(result: Rendered): Promise<{ report: FileReport; error?: FileReport['error'] }> {
    const { display } = result;
    if (!result.ok) {
      return { report: fileReport(display, 'failed', null, result.warnings, result.error), error: result.error };
    }
    const { id } = result;
    if (seen) {
      const first = seen.get(id);
      if (first !== undefined) {
        const warning = warn.duplicateId(id, first);
        reporter.warning(display, warning);
        warningCount++;
        duplicates++;
        return { report: fileReport(display, 'duplicate', id, [...result.warnings, warning], null) };
      }
      seen.set(id, result.path);
    }
    try {
      if (outDir) await outDir.write(result.input!, result.document!, spec);
      else {
        sink!.write(assembler!.add(result.records));
        await sink!.maybeFlush();
      }
    } catch (error) {
      if (!isKcnaError(error)) throw error;
      const failure = { code: error.code, message: error.message };
      return { report: fileReport(display, 'failed', id, result.warnings, failure), error: failure };
    }
    converted++;
    return { report: fileReport(display, 'converted', id, result.warnings, null) };
  }
}

function fileReport(display: string, status: FileReport['status'], id: string | null, warnings: Warning[], error: FileReport['error']): FileReport {
  return { path: display, status, id, warnings, error };
}

/**
 * --out-dir: one output per input at DIR/<path relative to where it was found>, with the format's
 * extension in place of .txt. Never outside DIR, never over an input file.
 */
class OutDir {
  private constructor(
    private readonly root: string,
    private readonly inputs: ReadonlySet<string>,
    private readonly format: Format,
  ) {}

  /**
   * @param listed the inputs named or matched before the walk. Directory walks yield only *.txt
   *   files, and no output name ends in .txt, so only these can collide with an output.
   */
  static async create(root: string, listed: readonly InputRef[], format: Format): Promise<OutDir> {
    try {
      await mkdir(root, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create --out-dir ${root}: ${(error as Error).message}`);
    }
    const inputs = new Set<string>();
    for (const input of listed) {
      if (input.absolute !== null) inputs.add(await realpath(input.absolute).catch(() => input.absolute!));
    }
    return new OutDir(await realpath(root), inputs, format);
  }

  async write(input: InputRef, document: Dispatch, options: OutputSpec): Promise<void> {
    const relative = input.absolute === null ? 'stdin' : path.relative(input.base, input.absolute).replace(/\.txt$/i, '');
    const target = path.join(this.root, relative + EXTENSIONS[this.format]);
    const fromRoot = path.relative(this.root, target);
    if (fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
      throw new KcnaError('INVALID_OPTION', `its output ${target} would fall outside --out-dir`, { path: input.display });
    }
    await mkdir(path.dirname(target), { recursive: true });
    const resolved = path.join(await realpath(path.dirname(target)), path.basename(target));
    if (this.inputs.has(resolved)) {
      throw new KcnaError('INVALID_OPTION', `its output ${target} would overwrite an input file`, { path: input.display });
    }
    const writer = await createWriter({ ...options, single: true });
    const sink = await AtomicFileSink.open(target, false);
    sink.write(writer.add(document) + writer.end());
    await sink.commit();
  }
}
