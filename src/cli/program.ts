/**
 * Command-line wiring: commander definitions only. Each command's work is in its own module; this
 * file turns argv into a call, and every usage mistake — commander's or ours — into one format:
 *
 *   kcna-parse: error: <what is wrong>
 *   hint: <what to do> (kcna-parse explain CODE)
 *
 * and exit status 2. The hint is about the mistake made: for a value an option does not take, what
 * that option takes (the same wording in every command); otherwise the docs' advice for the code
 * (docs/errors.md), pointing to the help of the command that was run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { FORMATS, SCHEMA_FORMATS, VALIDATED_FORMATS, type Format } from '../emit/formats/index.js';
import { RECORD_KINDS, type RecordKind } from '../emit/writer.js';
import { UsageError, isKcnaError, type ErrorCode } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../io/read.js';
import { parseShard, type Shard } from '../io/shard.js';
import { packageVersion } from '../package-info.js';
import { EXIT, exitStatusOf, isBrokenPipe } from './exit.js';
import { hintFor } from './explain.js';
import { HintedUsageError, closest, didYouMean, editDistance } from './suggest.js';
import { COLOR_MODES, WARNINGS_MODES, escapeForTerminal, type ColorMode } from './render.js';
import type { Streams } from './streams.js';

/**
 * A value an option does not take. Its hint is about that option — what it takes, with an example —
 * and is printed instead of the docs' general advice for INVALID_OPTION.
 */
export class OptionValueError extends HintedUsageError {
  constructor(message: string, hint: string) {
    super(message, hint, 'INVALID_OPTION');
  }
}

/** An option's parser that refuses a value with what is wrong (`why`, or nothing) and what the option takes. */
function refuse(option: string, value: string, takes: string, why?: string): never {
  throw new OptionValueError(`invalid value '${value}' for ${option}${why ? `: ${why}` : ''}`, `${option} takes ${takes}`);
}

/** 'a', 'a or b', 'a, b or c'. */
function either(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

const YEAR_TAKES = 'a four-digit year from 1000 to 9999, e.g. --year 2021';

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 1000) refuse('--year', value, YEAR_TAKES, 'not a four-digit year');
  return Number(value);
}

/** --default-year: the year of what nothing else dates (a mixed archive whose undated pages are of one year). */
const defaultYearOption = () =>
  new Option('--default-year <yyyy>', 'the year of the datelines nothing else dates (stamps, page dates and paths win over it; --year wins over them all)').argParser((value: string) => {
    if (!/^\d{4}$/.test(value) || Number(value) < 1000) refuse('--default-year', value, YEAR_TAKES.replace('--year', '--default-year'), 'not a four-digit year');
    return Number(value);
  });

function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return value;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) refuse('--jobs', value, "'auto' or a whole number of worker threads from 1 to 64, e.g. --jobs 4");
  return Number(value);
}

/** A regular expression for --accept-regex / --reject-regex, as JavaScript writes them (no flags). */
function parseRegex(option: string): (value: string) => RegExp {
  return (value) => {
    try {
      return new RegExp(value, 'u');
    } catch (error) {
      refuse(option, value, `a regular expression searched in each record's URL (JavaScript syntax), e.g. ${option} '/article/'`, (error as Error).message.replace(/^Invalid regular expression: /, ''));
    }
  };
}

function parseShardOption(value: string): Shard {
  const shard = parseShard(value);
  if (shard === null) refuse('--shard', value, 'K/N: the K-th of N shares, 1 ≤ K ≤ N ≤ 10000, e.g. --shard 2/8');
  return shard;
}

// The options that select records of web archives and shares of the inputs (convert and report).
const acceptRegexOption = () =>
  new Option('--accept-regex <regex>', "web archives: read only the records whose URL matches REGEX (searched, as wget's --accept-regex)").argParser(parseRegex('--accept-regex'));
const rejectRegexOption = () =>
  new Option('--reject-regex <regex>', "web archives: skip the records whose URL matches REGEX (as wget's --reject-regex)").argParser(parseRegex('--reject-regex'));
const shardOption = () =>
  new Option('--shard <k/n>', 'read only the K-th of N shares of the inputs (by a hash of each path), for N machines whose outputs concatenate').argParser(parseShardOption);

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** The largest size: what a double holds exactly, in whole G (8 PiB, far past any input). */
const MAX_SIZE_G = Math.floor(Number.MAX_SAFE_INTEGER / 1024 ** 3);
const SIZE_TAKES = `a size in bytes, or with K, M or G, from 1 to ${MAX_SIZE_G}G, e.g. --max-bytes 64M`;

/** '16777216', '512K', '16M', '1G' (binary multiples). */
export function parseSize(value: string): number {
  const m = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  if (!m) refuse('--max-bytes', value, SIZE_TAKES, 'not a size');
  const size = Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!;
  if (!Number.isSafeInteger(size)) refuse('--max-bytes', value, SIZE_TAKES, `more than the largest size, ${MAX_SIZE_G}G`);
  if (size < 1) refuse('--max-bytes', value, SIZE_TAKES, 'must be at least 1 byte');
  return size;
}

/** An option of fixed choices, listed in its help, whose refusal names them in the hint. */
function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  const option = new Option(flags, description).choices(choices);
  const name = option.long!;
  return option.argParser((value: string) => {
    if (!choices.includes(value)) refuse(name, value, either(choices));
    return value;
  });
}

/** 16777216 → '16M', 1536 → '1536' (the largest unit that divides it exactly). */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['G', 1024 ** 3],
    ['M', 1024 ** 2],
    ['K', 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

const formatOption = (formats: readonly string[], description = 'output format') => choiceOption('-f, --format <format>', description, formats);
const recordsOption = () => choiceOption('--records <kind>', 'one record per dispatch, or one per teaser', RECORD_KINDS);
const colorOption = (what = 'diagnostics') =>
  choiceOption('--color <when>', `colour ${what}: auto (on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it), always, never`, COLOR_MODES).default('auto');

const maxBytesOption = () =>
  new Option('--max-bytes <size>', 'refuse inputs larger than SIZE (bytes, or with K, M, G)').argParser(parseSize).default(DEFAULT_MAX_BYTES, formatSize(DEFAULT_MAX_BYTES));

const EXIT_HELP = (lines: string) => `
Exit status:
${lines}`;

/** The commands, for "did you mean" when a first argument is neither a command nor a path. */
const COMMANDS = ['validate', 'schema', 'report', 'explain', 'help'];

const noInputs = () => new UsageError("no inputs given (name files, directories or glob patterns, or '-' for standard input)");

export async function run(argv: readonly string[], io: Streams): Promise<number> {
  let exitCode: number = EXIT.ok;
  /** The command being run, for the hints of its usage errors: '' for the main command. */
  let active = '';
  const program = new Command('kcna-parse')
    .description('Turn KCNA dispatch page dumps into schema-valid JSON, NDJSON, CSV or ninjs (IPTC News in JSON), or a typed SQLite database or Parquet file.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .enablePositionalOptions()
    // Our own help command (below): commander's prints the main help for an unknown command.
    .helpCommand(false)
    .hook('preSubcommand', (_program, command) => {
      active = command.name();
    })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's own usage errors, in the one format (see usageError below).
      outputError: () => undefined,
    })
    .argument(
      '[inputs...]',
      "files, directories (walked for *.txt, saved web pages: *.html, *.htm, *.xhtml, *.kcmsf, and web archives: *.warc, *.warc.gz, *.wacz), quoted glob patterns, or '-' for standard input",
    )
    .addOption(formatOption(FORMATS, 'output format (default: json, or what the extension of -o says)'))
    .addOption(recordsOption().default('dispatches'))
    .option('-o, --output <file>', "write to FILE, atomically, instead of standard output ('-'); the format follows its extension")
    .option('--out-dir <dir>', 'write one output per input under DIR, mirroring relative paths')
    .option('--year <yyyy>', "the lead dateline's year, for every input, over every other source (a folder that is all one year)", parseYear)
    .addOption(defaultYearOption())
    .option('--strict', 'exit with status 1 when any warning occurs')
    .option('--dedupe', 'drop documents whose content id was already written, with a warning')
    .option('-q, --quiet', 'print no warnings, summary or progress (errors are still printed)')
    .addOption(
      choiceOption('--warnings <mode>', 'warnings printed: summary (the first 3 of each code, then how many more), all (each one), none', WARNINGS_MODES).default(
        'summary',
      ),
    )
    .option('--report <file>', 'write a JSON report of every input (status, warnings, error) to FILE')
    .option('--force', 'let -o or --report replace an existing file named like an input (.txt, .html, .warc...)')
    .option('--bom', 'CSV: start with a UTF-8 byte order mark, for Excel')
    .option('--excel-safe', "CSV: prefix cells starting with = + - @ with ' so spreadsheets do not run them")
    .option('--fields <list>', 'CSV: the columns, in this order; JSON, NDJSON: the fields each record keeps (top-level names and dotted paths, lead.title); `kcna-parse schema -f csv` lists the columns')
    .addOption(maxBytesOption())
    .option('--jobs <n>', 'worker threads: auto (default) starts one per core once a batch passes 5,000 inputs and a core is idle; 1 for none; output unchanged', parseJobs)
    .addOption(acceptRegexOption())
    .addOption(rejectRegexOption())
    .addOption(shardOption())
    .addOption(colorOption())
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse dump.txt                                     one JSON document (an array when the page holds several)
  kcna-parse 'archive/**/*.txt' -f ndjson | jq .id        one document per line
  kcna-parse archive -o dispatches.csv --report r.json    CSV file, JSON report
  kcna-parse archive -o kcna.sqlite                       one SQLite database (tables: kcna-parse schema -f sqlite)
  kcna-parse archive -o kcna.parquet                      one Parquet file, for DuckDB, Polars, pandas
  kcna-parse archive -f csv --fields id,date,title        the columns you name, in that order
  kcna-parse archive --warnings all                       every warning, not only the first of each code
  kcna-parse validate dispatches.csv                      check earlier output
  kcna-parse report archive -o report.html                the archive at a glance
  kcna-parse explain PAGE_JUNK                            what a warning or error code means
  kcna-parse crawl.warc.gz --accept-regex /article/       a web archive's article pages
${EXIT_HELP(`  0    all inputs converted (warnings allowed)
  1    an input failed, an output could not be written, or --strict and a warning
  2    usage error (nothing converted)
  129/130/131/143  stopped by SIGHUP/SIGINT/SIGQUIT/SIGTERM
  141  the reader closed the pipe`)}`,
    )
    .action(async (inputs: string[], options) => {
      const unknown = unknownCommand(inputs[0], io.cwd);
      if (unknown) throw unknown;
      if (inputs.length === 0) throw noInputs();
      const { runConvert } = await import('./convert.js');
      exitCode = await runConvert(inputs, options, io);
    });

  program
    .command('validate')
    .description('check JSON, NDJSON, CSV or ninjs output against its schema, streaming')
    .argument(
      '[inputs...]',
      "output files, directories (walked for *.json, *.ndjson, *.jsonl, *.csv), quoted glob patterns, or '-' for standard input; the format comes from the extension (.ninjs.json: ninjs) unless --format is given",
    )
    .addOption(formatOption(VALIDATED_FORMATS))
    .addOption(recordsOption())
    .option('-q, --quiet', 'print only the invalid records')
    .addOption(colorOption())
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse validate dispatches.ndjson                   every record against its schema
  kcna-parse validate out.csv --records teasers           CSV rows of --records teasers
  kcna-parse validate archive-out/                        every .json, .ndjson, .jsonl and .csv below
  kcna-parse validate report.json                         an archive report (report -f json), by its shape
  kcna-parse archive -f ndjson | kcna-parse validate - -f ndjson
${EXIT_HELP(`  0    every record valid
  1    a record is invalid, or a file cannot be read or parsed
  2    usage error`)}`,
    )
    .action(async (inputs: string[], options: { format?: Format; records?: RecordKind; quiet?: boolean; color: ColorMode }) => {
      if (inputs.length === 0) throw noInputs();
      const { runValidate } = await import('./validate-command.js');
      exitCode = await runValidate(inputs, options, io);
    });

  program
    .command('report')
    .description('write one self-contained HTML page (or JSON) describing an archive of dumps as a whole')
    .argument('[inputs...]', "files, directories (walked for *.txt, saved web pages and web archives), quoted glob patterns, or '-' for standard input")
    .option('-o, --output <file>', 'write to FILE, atomically, instead of standard output (.json means --format json)')
    .addOption(formatOption(['html', 'json'], 'html page or its numbers as json (default: html, or json for -o *.json)'))
    .option('--year <yyyy>', "the lead dateline's year, for every input, over every other source (a folder that is all one year)", parseYear)
    .addOption(defaultYearOption())
    .addOption(maxBytesOption())
    .option('--force', 'let -o replace an existing file named like an input (.txt, .html, .warc...)')
    .option('-q, --quiet', 'print no summary or progress line (errors are still printed)')
    .addOption(acceptRegexOption())
    .addOption(rejectRegexOption())
    .addOption(shardOption())
    .addOption(colorOption())
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse report archive -o report.html                open it in a browser, or print it
  kcna-parse report archive -f json | jq .coverage.emptyDays
${EXIT_HELP(`  0    report written (failed inputs are listed in it)
  1    the report could not be written
  2    usage error`)}`,
    )
    .action(async (inputs: string[], options) => {
      if (inputs.length === 0) throw noInputs();
      await refuseReportOverCapture(inputs, options as { output?: string; force?: boolean }, io);
      const { runReport } = await import('./report-command.js');
      exitCode = await runReport(inputs, options, io);
    });

  program
    .command('schema')
    .description("print a published JSON Schema, byte for byte the file in schemas/; for csv, sqlite and parquet, the columns, the tables' DDL or the Parquet schema")
    .argument('[name]', "a schema by name: report (the archive report's), dispatch, teaser-record, dispatch-row or teaser-row; without one, the records' schema that --format and --records choose")
    .addOption(formatOption(SCHEMA_FORMATS).default('json'))
    .addOption(recordsOption().default('dispatches'))
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse schema > dispatch.schema.json                the schema of every JSON/NDJSON record
  kcna-parse schema -f csv --records teasers              the columns of a teaser CSV row, one per line
  kcna-parse schema dispatch-row                          the JSON Schema of a CSV row
  kcna-parse schema -f sqlite                             the CREATE statements of the database's tables
  kcna-parse schema -f parquet                            the Parquet file's columns and their types
  kcna-parse schema report                                what kcna-parse report -f json writes
${EXIT_HELP(`  0    printed
  1    standard output could not be written
  2    usage error`)}`,
    )
    .action(async (name: string | undefined, options: { format: Format; records: RecordKind }) => {
      const { runSchema } = await import('./schema-command.js');
      exitCode = await runSchema({ ...options, ...(name === undefined ? {} : { name }) }, io);
    });

  program
    .command('explain')
    .description('print what a warning or error code means, with an example and what to do; with no code, list the codes')
    .argument('[code]', 'a code such as PAGE_JUNK or FILE_TOO_LARGE (any case)')
    .addOption(colorOption('the text'))
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse explain                                      every code, with its meaning in a line
  kcna-parse explain TEASER_MISSING_DATE
  kcna-parse explain file_too_large
${EXIT_HELP(`  0    explained
  2    unknown code`)}`,
    )
    .action(async (code: string | undefined, options: { color: ColorMode }) => {
      const { runExplain } = await import('./explain-command.js');
      exitCode = await runExplain(code, options, io);
    });

  program
    .command('help')
    .description('show the help of a command, with examples and exit statuses')
    .argument('[command]', 'validate, report, schema or explain; none for the main command (converting)')
    .action((name: string | undefined) => {
      if (name === undefined) {
        program.outputHelp();
        return;
      }
      const command = program.commands.find((candidate) => candidate.name() === name);
      if (command) {
        command.outputHelp();
        return;
      }
      // Converting is what kcna-parse does without a command word.
      const near = name === 'convert' ? ' (converting is the main command, run without a command word)' : didYouMean(name, COMMANDS);
      throw new HintedUsageError(`unknown command '${name}'${near}`, '`kcna-parse --help` lists the commands; `kcna-parse help COMMAND` shows the help of one');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const command = active === '' ? program : (program.commands.find((candidate) => candidate.name() === active) ?? program);
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      const message = error.message.replace(/^error: /, '');
      if (error.code === 'commander.unknownOption') return usageError(io, 'USAGE_ERROR', suggestOption(message, command), active);
      return usageError(io, error.code === 'commander.invalidArgument' ? 'INVALID_OPTION' : 'USAGE_ERROR', message, active);
    }
    if (error instanceof HintedUsageError) return usageError(io, error.code, error.message, active, error.hint);
    if (isKcnaError(error)) {
      if (isBrokenPipe(error)) return exitStatusOf(error);
      if (error.kind === 'usage') return usageError(io, error.code, error.message, active);
      io.stderr.write(`kcna-parse: error: ${escapeForTerminal(error.message)}\n`);
      return exitStatusOf(error);
    }
    throw error;
  }
}

/**
 * The report's -o, checked as the main command's outputs are: an existing file named like an input
 * (a capture) is not replaced without --force. An -o that is an input of the run is refused as
 * such first (the check the report command makes itself), and any other trouble with the output or
 * the inputs is the report command's to report.
 */
async function refuseReportOverCapture(inputs: readonly string[], options: { output?: string; force?: boolean }, io: Streams): Promise<void> {
  if (options.output === undefined || options.force === true) return;
  // Loaded here: the report command loads them anyway, and the other commands never need them.
  const { guardOutputs, inputKindOf, refuseReplacingCaptures } = await import('./output-safety.js');
  if (inputKindOf(options.output) === undefined) return;
  const [{ expandInputs }, { resolveOutput }] = await Promise.all([import('../io/inputs.js'), import('../io/sink.js')]);
  const target = await resolveOutput(options.output, io.cwd).catch(() => undefined);
  if (target?.kind !== 'file' || !target.exists) return;
  const output = { option: '-o/--output', given: path.resolve(io.cwd, options.output), target };
  const expanded = await expandInputs(inputs, io.cwd).catch(() => undefined);
  if (expanded === undefined) return;
  guardOutputs([output], expanded, { stdin: () => io.stdin });
  refuseReplacingCaptures([output], false);
}

/**
 * Prints a usage error in the one format, with advice for its code (the docs' "What to do", which
 * points to the help of the command that was run, or `hint` when the error has its own); returns
 * status 2.
 */
function usageError(io: Streams, code: ErrorCode, message: string, command: string, hint?: string): number {
  const text = escapeForTerminal(message.replace(/\s*\n\s*/g, ' ').trim());
  // The docs' advice points to the main help: the help of the command that was run is the one to read.
  const advice = hint ?? hintFor(code)?.replace('`kcna-parse --help`', `\`kcna-parse ${command === '' ? '' : `${command} `}--help\``);
  io.stderr.write(`kcna-parse: error: ${text}\n${advice ? `hint: ${advice} (kcna-parse explain ${code})\n` : ''}`);
  return EXIT.usage;
}

/**
 * Commander's "unknown option" message, with a "did you mean" for the `--name=value` form too
 * (commander compares the whole '--formt=csv' with the option names, and finds none).
 */
function suggestOption(message: string, command: Command): string {
  const m = /^unknown option '(--[^=']+)=([^']*)'$/.exec(message);
  if (!m) return message;
  const names = [...command.options.filter((option) => !option.hidden && option.long).map((option) => option.long!), '--help'];
  const near = closest(m[1]!.slice(2), names.map((name) => name.slice(2)));
  return near.length === 0 ? message : `${message} (Did you mean ${near.map((name) => `--${name}=${m[2]}`).join(' or ')}?)`;
}

/**
 * A first argument that is no path but reads like a misspelt command ('valdate'): a usage error
 * naming the command, instead of an attempt to read a file of that name.
 */
function unknownCommand(first: string | undefined, cwd: string): CommanderError | undefined {
  if (first === undefined || !/^[a-z][a-z-]*$/.test(first) || existsSync(path.resolve(cwd, first))) return undefined;
  const near = COMMANDS.filter((command) => editDistance(first, command) <= Math.max(1, Math.floor(command.length / 3)));
  if (near.length === 0) return undefined;
  return new CommanderError(EXIT.usage, 'commander.unknownCommand', `unknown command '${first}' (Did you mean ${near.join(' or ')}?)`);
}
