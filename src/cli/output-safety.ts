/**
 * Checks shared by every command that writes files (convert's -o and --report, report's -o):
 * - no output may replace an input of the same run. An input is protected by its identity (device
 *   and inode), so a symbolic link, a second name or standard input redirected from the file
 *   (`- -o a.txt < a.txt`) cannot get around it; a file that a walked folder would yield is
 *   protected by its name, since the walk has not reached it yet.
 * - no output replaces an existing file named like a capture (a .txt dump, a saved page, a web
 *   archive) unless --force says so: `kcna-parse -o dir/*.txt`, where the shell expanded the glob,
 *   would otherwise replace the first dump with the output of the others.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { CAPTURE_EXTENSIONS, type Entry, type ExpandedInputs } from '../io/inputs.js';
import { fileIdentity, streamIdentity } from '../io/outdir.js';
import type { OutputTarget } from '../io/sink.js';
import { GENERATOR_META, REPORT_MARK_WINDOW } from '../report/mark.js';
import { HintedUsageError } from './suggest.js';

/**
 * The name endings of the files kcna-parse reads, compared without case: the folder walk's text
 * captures and saved web pages (CAPTURE_EXTENSIONS), and the web archives (.warc, .warc.gz, .wacz).
 * An existing file named so is taken for a capture, which no output replaces without --force.
 */
export const INPUT_KIND_EXTENSIONS: readonly string[] = [...new Set<string>([...CAPTURE_EXTENSIONS, '.warc', '.warc.gz', '.wacz'])];

/** The input kind's ending `file` has ('.warc.gz' before '.gz'), in lower case; undefined for none. */
export function inputKindOf(file: string): string | undefined {
  const lower = path.basename(file).toLowerCase();
  return INPUT_KIND_EXTENSIONS.filter((extension) => lower.endsWith(extension)).sort((a, b) => b.length - a.length)[0];
}

/**
 * Refuses to replace an existing file whose name is an input kind's (a capture), unless `force`.
 * Outputs that do not exist yet, standard output and devices are never refused.
 * @throws HintedUsageError (USAGE_ERROR, status 2) naming the option and the file, with --force in its hint.
 */
export function refuseReplacingCaptures(outputs: readonly NamedOutput[], force: boolean): void {
  if (force) return;
  for (const { option, target } of outputs) {
    if (target.kind !== 'file' || !target.exists) continue;
    const kind = inputKindOf(target.file);
    if (kind === undefined || isOwnReport(target.file)) continue;
    throw new HintedUsageError(
      `${option} ${target.file} exists and is named like an input (${kind}): writing it would replace what may be a capture`,
      `name an output file of its own (a glob the shell expanded after -o gives it the first match: quote the pattern), or give --force to replace ${path.basename(target.file)}`,
    );
  }
}

/**
 * Whether `file` is an HTML report an earlier run wrote (its head holds the generator mark), which
 * a run may replace as it replaces its own JSON or CSV: re-running `report … -o report.html` is
 * not writing over a saved page. A file that cannot be read is not one.
 */
function isOwnReport(file: string): boolean {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const head = Buffer.alloc(REPORT_MARK_WINDOW);
    const read = readSync(descriptor, head, 0, head.length, 0);
    return head.subarray(0, read).toString('latin1').includes(GENERATOR_META);
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** An output of the run, as the command line named it. */
export interface NamedOutput {
  /** The option that named it, for the message: '-o/--output', '--report'. */
  option: string;
  /** The path as given, resolved against the working folder (before links are followed). */
  given: string;
  target: OutputTarget;
}

export interface OutputGuardOptions {
  /** Where '-' reads from: asked only when an input is '-'. */
  stdin: () => unknown;
  /** Protect the inputs' identities even when no output file exists yet (--out-dir writes many). */
  alwaysProtect?: boolean;
}

/**
 * Refuses outputs that are, or would be read as, inputs of the run, and guards a folder walk against
 * reaching an existing output through a symbolic link.
 * @returns the identities of the inputs known before the walk (what one output per input must not replace).
 * @throws UsageError naming the option and the input it would destroy.
 */
export function guardOutputs(outputs: readonly NamedOutput[], inputs: ExpandedInputs, options: OutputGuardOptions): Set<string> {
  const existing = outputs.filter((output) => output.target.kind === 'file' && output.target.exists);
  const protectedFiles = new Set<string>();
  // Only an existing output file, or one output per input, can be an input: a plain run to
  // standard output does not stat every listed input up front.
  if (options.alwaysProtect || existing.length > 0) {
    for (const input of inputs.listed) {
      const identity = input.kind === 'stdin' ? streamIdentity(options.stdin()) : input.kind === 'file' ? fileIdentity(input.absolute) : null;
      if (identity !== null) protectedFiles.add(identity);
    }
  }
  for (const output of outputs) checkNotAnInput(output, inputs, protectedFiles);

  // A walked input that is an existing output file, reached through a symbolic link from inside a
  // walked folder, can only be seen as the walk reaches it: the run stops there, before anything
  // is made final, as for any other output that would destroy an input.
  if (existing.length > 0 && inputs.folders.length > 0) {
    inputs.entries = guardWalk(
      inputs.entries,
      existing.map((output) => ({ identity: fileIdentity((output.target as { file: string }).file), file: (output.target as { file: string }).file })),
    );
  }
  return protectedFiles;
}

/** Whether two outputs are one file (by path, or by identity through a link). */
export function sameTarget(a: OutputTarget, b: OutputTarget): boolean {
  if (a.kind !== 'file' || b.kind !== 'file') return false;
  if (a.file === b.file) return true;
  const identity = a.exists ? fileIdentity(a.file) : null;
  return identity !== null && identity === (b.exists ? fileIdentity(b.file) : null);
}

function checkNotAnInput(output: NamedOutput, inputs: ExpandedInputs, protectedFiles: ReadonlySet<string>): void {
  const { target } = output;
  if (target.kind !== 'file') return;
  const identity = target.exists ? fileIdentity(target.file) : null;
  const named = identity !== null && protectedFiles.has(identity);
  // A file below a folder given as input is read if the walk takes its name (and no part of its
  // path is hidden). Both the path as given and the one its links lead to: either may be walked.
  const walkedBy = [output.given, target.file]
    .map((file) =>
      inputs.accepts(path.basename(file))
        ? inputs.folders.find((folder) => {
            const relative = path.relative(folder, file);
            return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.split(path.sep).some((part) => part.startsWith('.'));
          })
        : undefined,
    )
    .find((folder) => folder !== undefined);
  if (named || (walkedBy !== undefined && target.exists)) throw new UsageError(`${output.option} ${target.file} is also an input of this run; writing it would destroy the input`);
  // Not there yet, but the walk would take it (now, or in the next run of the same command).
  if (walkedBy !== undefined) {
    throw new UsageError(
      `${output.option} ${target.file} lies in the folder ${walkedBy} this run reads, and the walk takes files named like it: it would be read as an input; write it outside the folder`,
    );
  }
}

async function* guardWalk(entries: AsyncIterable<Entry>, outputs: ReadonlyArray<{ identity: string | null; file: string }>): AsyncGenerator<Entry> {
  for await (const entry of entries) {
    if ('input' in entry && entry.input.kind === 'file') {
      const identity = fileIdentity(entry.input.absolute);
      const output = identity === null ? undefined : outputs.find((candidate) => candidate.identity === identity);
      if (output) throw new UsageError(`${output.file} is an output of this run and also the input ${entry.input.display}; writing it would destroy the input`);
    }
    yield entry;
  }
}
