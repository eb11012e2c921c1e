/**
 * Command-line wiring: commander definitions only. Each command's work is in its own module; this
 * file turns argv into a call, and every usage mistake — commander's or ours — into one format:
 *
 *   kcna-parse: error: <what is wrong>
 *   hint: <what to do, from docs/errors.md> (kcna-parse explain CODE)
 *
 * and exit status 2.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMATS, RECORD_KINDS, type Format, type RecordKind } from '../emit/writer.js';
import { isKcnaError, type ErrorCode } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../io/read.js';
import { packageVersion } from '../package-info.js';
import { EXIT, exitStatusOf, isBrokenPipe } from './exit.js';
import { hintFor } from './explain.js';
import { COLOR_MODES, WARNINGS_MODES, escapeForTerminal, type ColorMode } from './render.js';
import type { Streams } from './streams.js';

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 1000) throw new InvalidArgumentError('must be a four-digit year, e.g. 2021.');
  return Number(value);
}

function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return value;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) throw new InvalidArgumentError("must be 'auto' or a whole number from 1 to 64.");
  return Number(value);
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** '16777216', '512K', '16M', '1G' (binary multiples). */
export function parseSize(value: string): number {
  const m = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('must be a size in bytes, optionally with K, M or G, e.g. 16M.');
  const size = Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!;
  if (!Number.isSafeInteger(size) || size < 1) throw new InvalidArgumentError('must be at least 1 byte.');
  return size;
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

const formatOption = (formats: readonly Format[], description = 'output format') => new Option('-f, --format <format>', description).choices(formats);
const recordsOption = () => new Option('--records <kind>', 'one record per dispatch, or one per teaser').choices(RECORD_KINDS);
const colorOption = () => new Option('--color <when>', 'colour diagnostics: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never').choices(COLOR_MODES).default('auto');

const maxBytesOption = () =>
  new Option('--max-bytes <size>', 'refuse inputs larger than SIZE (bytes, or with K, M, G)').argParser(parseSize).default(DEFAULT_MAX_BYTES, formatSize(DEFAULT_MAX_BYTES));

const EXIT_HELP = (lines: string) => `
Exit status:
${lines}`;

/** The commands, for "did you mean" when a first argument is neither a command nor a path. */
const COMMANDS = ['validate', 'schema', 'report', 'explain', 'help'];

export async function run(argv: readonly string[], io: Streams): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('kcna-parse')
    .description('Turn KCNA dispatch page dumps into schema-valid JSON, NDJSON, CSV or ninjs (IPTC News in JSON).')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .enablePositionalOptions()
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's own usage errors, in the one format (see usageError below).
      outputError: () => undefined,
    })
    .argument('[inputs...]', "files, directories (walked for *.txt), quoted glob patterns, or '-' for standard input")
    .addOption(formatOption(FORMATS, 'output format (default: json, or what the extension of -o says)'))
    .addOption(recordsOption().default('dispatches'))
    .option('-o, --output <file>', "write to FILE, atomically, instead of standard output ('-'); the format follows its extension")
    .option('--out-dir <dir>', 'write one output per input under DIR, mirroring relative paths')
    .option('--year <yyyy>', "the lead dateline's year, for every input", parseYear)
    .option('--strict', 'exit with status 1 when any warning occurs')
    .option('--dedupe', 'drop documents whose content id was already written, with a warning')
    .option('-q, --quiet', 'print no warnings, summary or progress (errors are still printed)')
    .addOption(new Option('--warnings <mode>', 'warnings printed: all (each one), summary (counts by code only), none').choices(WARNINGS_MODES).default('all'))
    .option('--report <file>', 'write a JSON report of every input (status, warnings, error) to FILE')
    .option('--bom', 'CSV: start with a UTF-8 byte order mark, for Excel')
    .option('--excel-safe', "CSV: prefix cells starting with = + - @ with ' so spreadsheets do not run them")
    .addOption(maxBytesOption())
    .option('--jobs <n>', 'worker threads: auto (default) starts one per core once a batch passes 5,000 inputs and a core is idle; 1 for none; output unchanged', parseJobs)
    .addOption(colorOption())
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse dump.txt                                     one JSON document (an array when the page holds several)
  kcna-parse 'archive/**/*.txt' -f ndjson | jq .id        one document per line
  kcna-parse archive -o dispatches.csv --report r.json    CSV file, JSON report
  kcna-parse archive --warnings summary                   warnings counted by code only
  kcna-parse validate dispatches.csv                      check earlier output
  kcna-parse report archive -o report.html                the archive at a glance
  kcna-parse explain PAGE_JUNK                            what a warning or error code means
${EXIT_HELP(`  0    all inputs converted (warnings allowed)
  1    an input failed, an output could not be written, or --strict and a warning
  2    usage error (nothing converted)
  129/130/131/143  stopped by SIGHUP/SIGINT/SIGQUIT/SIGTERM
  141  the reader closed the pipe`)}`,
    )
    .action(async (inputs: string[], options) => {
      const unknown = unknownCommand(inputs[0], io.cwd);
      if (unknown) throw unknown;
      const { runConvert } = await import('./convert.js');
      exitCode = await runConvert(inputs, options, io);
    });

  program
    .command('validate')
    .description('check JSON, NDJSON, CSV or ninjs output against its schema, streaming')
    .argument(
      '<inputs...>',
      "output files, directories (walked for *.json, *.ndjson, *.jsonl, *.csv), quoted glob patterns, or '-' for standard input; the format comes from the extension (.ninjs.json: ninjs) unless --format is given",
    )
    .addOption(formatOption(FORMATS))
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
  kcna-parse archive -f ndjson | kcna-parse validate - -f ndjson
${EXIT_HELP(`  0    every record valid
  1    a record is invalid, or a file cannot be read or parsed
  2    usage error`)}`,
    )
    .action(async (inputs: string[], options: { format?: Format; records?: RecordKind; quiet?: boolean; color: ColorMode }) => {
      const { runValidate } = await import('./validate-command.js');
      exitCode = await runValidate(inputs, options, io);
    });

  program
    .command('report')
    .description('write one self-contained HTML page (or JSON) describing an archive of dumps as a whole')
    .argument('<inputs...>', "files, directories (walked for *.txt), quoted glob patterns, or '-' for standard input")
    .option('-o, --output <file>', 'write to FILE, atomically, instead of standard output (.json means --format json)')
    .addOption(new Option('-f, --format <format>', 'html page or its numbers as json (default: html, or json for -o *.json)').choices(['html', 'json']))
    .option('--year <yyyy>', "the lead dateline's year, for every input", parseYear)
    .addOption(maxBytesOption())
    .option('-q, --quiet', 'print no summary line (errors are still printed)')
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
      const { runReport } = await import('./report-command.js');
      exitCode = await runReport(inputs, options, io);
    });

  program
    .command('schema')
    .description('print a published JSON Schema, byte for byte the file in schemas/')
    .addOption(formatOption(['json', 'ndjson', 'csv']).default('json'))
    .addOption(recordsOption().default('dispatches'))
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse schema > dispatch.schema.json                the schema of every JSON/NDJSON record
  kcna-parse schema -f csv --records teasers              the columns of a teaser CSV row
${EXIT_HELP(`  0    printed
  1    standard output could not be written
  2    usage error`)}`,
    )
    .action(async (options: { format: Format; records: RecordKind }) => {
      const { runSchema } = await import('./schema-command.js');
      exitCode = await runSchema(options, io);
    });

  program
    .command('explain')
    .description('print what a warning or error code means, with an example and what to do')
    .argument('<code>', 'a code such as PAGE_JUNK or FILE_TOO_LARGE (any case)')
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse explain TEASER_MISSING_DATE
  kcna-parse explain file_too_large
${EXIT_HELP(`  0    explained
  2    unknown code`)}`,
    )
    .action(async (code: string) => {
      const { runExplain } = await import('./explain-command.js');
      exitCode = await runExplain(code, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return usageError(io, error.code === 'commander.invalidArgument' ? 'INVALID_OPTION' : 'USAGE_ERROR', error.message.replace(/^error: /, ''));
    }
    if (isKcnaError(error)) {
      if (isBrokenPipe(error)) return exitStatusOf(error);
      if (error.kind === 'usage') return usageError(io, error.code, error.message);
      io.stderr.write(`kcna-parse: error: ${escapeForTerminal(error.message)}\n`);
      return exitStatusOf(error);
    }
    throw error;
  }
}

/** Prints a usage error in the one format, with the docs' advice for its code; returns status 2. */
function usageError(io: Streams, code: ErrorCode, message: string): number {
  const hint = hintFor(code);
  const text = escapeForTerminal(message.replace(/\s*\n\s*/g, ' ').trim());
  io.stderr.write(`kcna-parse: error: ${text}\n${hint ? `hint: ${hint} (kcna-parse explain ${code})\n` : ''}`);
  return EXIT.usage;
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

/** Levenshtein distance, for short words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}
