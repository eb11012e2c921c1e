/**
 * Command-line wiring: commander definitions only. Each command's work is in its own module; this
 * file turns argv into a call and usage mistakes into exit status 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMATS, RECORD_KINDS, type Format, type RecordKind } from '../emit/writer.js';
import { KcnaError } from '../errors.js';
import { UsageError } from '../io/inputs.js';
import { DEFAULT_MAX_BYTES } from '../io/read.js';
import { packageVersion } from '../package-info.js';
import { EXIT, type Streams } from './streams.js';

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 1000) throw new InvalidArgumentError('must be a four-digit year, e.g. 2021.');
  return Number(value);
}

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) throw new InvalidArgumentError('must be a whole number from 1 to 64.');
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

const formatOption = (formats: readonly Format[], description = 'output format') => new Option('-f, --format <format>', description).choices(formats);
const recordsOption = () => new Option('--records <kind>', 'one record per dispatch, or one per teaser').choices(RECORD_KINDS);

export async function run(argv: readonly string[], io: Streams): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('kcna-parse')
    .description('Turn KCNA dispatch page dumps into schema-valid JSON, NDJSON or CSV.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run kcna-parse --help for usage)')
    .argument('[inputs...]', "files, directories (walked for *.txt), quoted glob patterns, or '-' for standard input")
    .addOption(formatOption(FORMATS, 'output format (default: json, or what the extension of -o says)'))
    .addOption(recordsOption().default('dispatches'))
    .option('-o, --output <file>', 'write to FILE, atomically, instead of standard output (format from its extension)')
    .option('--out-dir <dir>', 'write one output per input under DIR, mirroring relative paths')
    .option('--year <yyyy>', "the lead dateline's year, for every input", parseYear)
    .option('--strict', 'exit with status 1 when any warning occurs')
    .option('--dedupe', 'drop documents whose content id was already written, with a warning')
    .option('-q, --quiet', 'print no warnings, summary or progress (errors are still printed)')
    .option('--report <file>', 'write a JSON report of every input (status, warnings, error) to FILE')
    .option('--bom', 'CSV: start with a UTF-8 byte order mark, for Excel')
    .option('--excel-safe', "CSV: prefix cells starting with = + - @ with ' so spreadsheets do not run them")
    .option('--max-bytes <size>', 'refuse inputs larger than SIZE (bytes, or with K, M, G)', parseSize, DEFAULT_MAX_BYTES)
    .option('--jobs <n>', 'render on N worker threads (default 1: none; see BENCHMARKS.md), output unchanged', parseJobs)
    .addHelpText(
      'after',
      `
Examples:
  kcna-parse dump.txt                                     one JSON document
  kcna-parse 'archive/**/*.txt' -f ndjson | jq .id        one document per line
  kcna-parse archive -o dispatches.csv --report r.json    CSV file, JSON report
  kcna-parse validate dispatches.csv                      check earlier output

Exit status: 0 all inputs converted (warnings allowed); 1 an input failed, an
output could not be written, or --strict and a warning; 2 usage error;
130/143 interrupted; 141 the reader closed the pipe.`,
    )
    .action(async (inputs: string[], options) => {
      const { runConvert } = await import('./convert.js');
      exitCode = await runConvert(inputs, options, io);
    });

  program
    .command('validate')
    .description('check JSON, NDJSON or CSV output against the published schemas')
    .argument('<files...>', 'output files; the format comes from the extension unless --format is given')
    .addOption(formatOption(['json', 'ndjson', 'csv']))
    .addOption(recordsOption())
    .option('-q, --quiet', 'print only the invalid records')
    .action(async (files: string[], options: { format?: Format; records?: RecordKind; quiet?: boolean }) => {
      const { runValidate } = await import('./validate-command.js');
      exitCode = await runValidate(files, options, io);
    });

  program
    .command('report')
    .description('write one self-contained HTML page (or JSON) describing an archive of dumps as a whole')
    .argument('<inputs...>', "files, directories (walked for *.txt), quoted glob patterns, or '-' for standard input")
    .option('-o, --output <file>', 'write to FILE, atomically, instead of standard output (.json means --format json)')
    .addOption(new Option('-f, --format <format>', 'html page or its numbers as json (default: html, or json for -o *.json)').choices(['html', 'json']))
    .option('--year <yyyy>', "the lead dateline's year, for every input", parseYear)
    .addOption(new Option('--max-bytes <size>', 'refuse inputs larger than SIZE (bytes, or with K, M, G)').argParser(parseSize).default(DEFAULT_MAX_BYTES, '16M'))
    .option('-q, --quiet', 'print no summary line (errors are still printed)')
    .addHelpText('after', '\nExamples:\n  kcna-parse report archive -o report.html\n  kcna-parse report archive -f json | jq .coverage.emptyDays\n\nExit status: 0 report written (failed inputs are listed in it); 1 it could not\nbe written; 2 usage error.')
    .action(async (inputs: string[], options) => {
      const { runReport } = await import('./report-command.js');
      exitCode = await runReport(inputs, options, io);
    });

  program
    .command('schema')
    .description('print a published JSON Schema, byte for byte the file in schemas/')
    .addOption(formatOption(['json', 'ndjson', 'csv']).default('json'))
    .addOption(recordsOption().default('dispatches'))
    .action(async (options: { format: Format; records: RecordKind }) => {
      const { runSchema } = await import('./schema-command.js');
      exitCode = await runSchema(options, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || (error instanceof KcnaError && error.code === 'INVALID_OPTION')) {
      io.stderr.write(`kcna-parse: error: ${error.message}\n(run kcna-parse --help for usage)\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
