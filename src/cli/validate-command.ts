/**
 * `kcna-parse validate INPUT...`: checks existing output (this run's or an older one's) against the
 * published schemas, reporting each invalid record with its line and the JSON Pointer of each
 * problem. Inputs are taken as by the main command: files, '-' for standard input, folders (walked
 * for *.json, *.ndjson, *.jsonl and *.csv) and glob patterns. An archive report (`kcna-parse report
 * -f json`) is recognised by its shape and checked against schemas/report.schema.json. The checking itself is
 * src/validate/validate.ts; this file opens the inputs, renders findings and sets the exit status.
 */
import type { RecordKind } from '../emit/writer.js';
import { formatFromPath, readerOf, VALIDATED_EXTENSIONS, VALIDATED_FORMATS, type Format } from '../emit/formats/index.js';
import { isKcnaError } from '../errors.js';
import { expandInputs } from '../io/inputs.js';
import { readFileChunks } from '../io/read-stream.js';
import { validateStream, type Finding } from '../validate/validate.js';
import { Reporter } from './render.js';
import { EXIT, type Streams } from './streams.js';

export interface ValidateCommandOptions {
  format?: Format;
  records?: RecordKind;
  quiet?: boolean;
}

/** What a folder walk yields: the extensions of the formats validate reads. */
export { VALIDATED_EXTENSIONS };

/** At most this many problems are listed per record; the count says how many there were. */
const ISSUES_PER_RECORD = 5;

export async function runValidate(args: readonly string[], options: ValidateCommandOptions, io: Streams): Promise<number> {
  const expanded = await expandInputs(args, io.cwd, { extensions: VALIDATED_EXTENSIONS });
  const reporter = await Reporter.create(io, { quiet: options.quiet === true });
  // Diagnostics are this command's output: a reader that closed the pipe ends the run quietly
  // (141), any other failure to write them (a full disk) stops it with status 1.
  let outputFailure: NodeJS.ErrnoException | undefined;
  const onStderrError = (error: NodeJS.ErrnoException) => {
    outputFailure ??= error;
  };
  io.stderr.on('error', onStderrError);
  const stopped = () => outputFailure !== undefined;

  let files = 0;
  let records = 0;
  let invalid = 0;
  let unreadable = 0;
  let malformed = 0;
  try {
    for await (const entry of expanded.entries) {
      if (stopped()) break;
      files++;
      if ('problem' in entry) {
        reporter.error(entry.problem.display, entry.problem.error.code, entry.problem.error.message);
        unreadable++;
        continue;
      }
      const { input } = entry;
      const { display } = input;
      const absolute = input.kind === 'file' ? input.absolute : null;
      const format = options.format ?? (absolute === null ? undefined : formatFromPath(display));
      if (format === undefined) {
        const what = absolute === null ? 'standard input has no file name to tell its format by' : 'cannot tell the format from the file name';
        reporter.error(display, 'INVALID_OPTION', `${what}; name it with --format ${VALIDATED_FORMATS.join('|')}`);
        unreadable++;
        continue;
      }
      if (readerOf(format) === undefined) {
        // A file of a table format (a database, Parquet) holds typed tables, not records to check.
        reporter.error(display, 'INVALID_OPTION', `validate reads ${VALIDATED_FORMATS.join(', ')}; a --format ${format} file is checked by the program that reads it`);
        unreadable++;
        continue;
      }
      const chunks = absolute === null ? (io.stdin as AsyncIterable<Buffer | string>) : readFileChunks(absolute, display);
      const show = (finding: Finding) => {
        if (stopped()) throw new OutputStopped();
        render(reporter, display, finding);
      };
      try {
        const summary = await validateStream(chunks, { format, ...(options.records ? { records: options.records } : {}) }, show);
        records += summary.records;
        invalid += summary.invalid;
        if (!summary.complete) malformed++;
      } catch (error) {
        if (error instanceof OutputStopped) break;
        if (!isKcnaError(error)) throw error;
        reporter.error(display, error.code, error.message);
        unreadable++;
      }
    }
    if (!stopped()) {
      const parts = [`${invalid} invalid`];
      if (malformed > 0) parts.push(`${malformed} file${malformed === 1 ? '' : 's'} malformed`);
      if (unreadable > 0) parts.push(`${unreadable} file${unreadable === 1 ? '' : 's'} unreadable`);
      reporter.info(`validated ${records} record${records === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}: ${parts.join(', ')}`);
      // Let a write error of the last lines arrive before deciding the status.
      await new Promise<void>((resolve) => io.stderr.write('', () => resolve()));
    }
  } finally {
    io.stderr.off('error', onStderrError);
  }
  if (outputFailure !== undefined) return outputFailure.code === 'EPIPE' ? EXIT.brokenPipe : EXIT.failed;
  return invalid > 0 || unreadable > 0 || malformed > 0 ? EXIT.failed : EXIT.ok;
}

/** Thrown from the finding handler to stop reading once diagnostics can no longer be written. */
class OutputStopped extends Error {}

function render(reporter: Reporter, display: string, finding: Finding): void {
  const where = `${display}:${finding.line}`;
  if (finding.schema === null) {
    for (const issue of finding.issues) reporter.error(where, finding.code, issue.message);
    return;
  }
  const shown = finding.issues.slice(0, ISSUES_PER_RECORD);
  const what = finding.schema === 'report' ? 'archive report' : `${finding.schema} record`;
  for (const issue of shown) reporter.error(where, finding.code, `${what}: ${issue.pointer || '/'} ${issue.message}`);
  const more = finding.issues.length - shown.length;
  if (more > 0) reporter.error(where, finding.code, `${what}: ${more} more problem${more === 1 ? '' : 's'}`);
}
