/**
 * Converting files: inputs in, one result per input out, in input order. Every document is checked
 * against the published schema before it is handed on; one bad input never stops the others.
 */
import { KcnaError, isKcnaError } from './errors.js';
import { expandInputs, type Entry, type InputRef } from './io/inputs.js';
import { DEFAULT_MAX_BYTES, readFileBounded, readStdin } from './io/read.js';
import { parseDispatch } from './parse/parse.js';
import type { Dispatch, Warning } from './schema/types.js';
import { checkDocument, schemaViolation } from './schema/validate.js';

/** Options for converting files, as the CLI's conversion options without the output ones. */
export interface ConvertOptions {
  /**
   * The lead's year for every input (the CLI's --year).
   * @default undefined
   */
  year?: number;
  /**
   * Inputs larger than this many bytes are refused from their size, unread.
   * @default 16777216 (16 MiB)
   */
  maxBytes?: number;
  /**
   * Where '-' reads from.
   * @default process.stdin
   */
  stdin?: NodeJS.ReadableStream;
}

/** An input converted into a schema-valid document. */
export interface FileSuccess {
  ok: true;
  input: InputRef;
  document: Dispatch;
  warnings: Warning[];
}

/** An input that could not be converted, and why (never thrown: yielded in its place). */
export interface FileFailure {
  ok: false;
  input: InputRef | null;
  /** The input as shown ('-' for standard input). */
  display: string;
  error: KcnaError;
  /** Warnings raised before the input was found not to be a dispatch. */
  warnings: Warning[];
}

/** What parseFiles yields for each input, in input order. */
export type FileResult = FileSuccess | FileFailure;

/** Inputs converted between two turns of the event loop. */
const EVENT_LOOP_EVERY = 32;

/** Converts expanded inputs one by one, in order. */
export async function* convertEntries(entries: AsyncIterable<Entry> | Iterable<Entry>, options: ConvertOptions = {}): AsyncGenerator<FileResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const stdin = options.stdin ?? process.stdin;
  let count = 0;
  for await (const entry of entries) {
    // Reads are synchronous: without a pause now and then, a long batch would hold the event loop
    // until its end (a server embedding the library would stall; the CLI would not see SIGINT).
    if (++count % EVENT_LOOP_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if ('problem' in entry) {
      yield { ok: false, input: null, display: entry.problem.display, error: entry.problem.error, warnings: [] };
      continue;
    }
    const { input } = entry;
    if (input.absolute !== null) {
      yield convertFile(input, maxBytes, options.year);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readStdin(stdin, maxBytes, input.display);
    } catch (error) {
      yield readFailure(input, error);
      continue;
    }
    yield convertBytes(input, bytes, options.year);
  }
}

/** Reads, parses and checks one file (not standard input). Never throws. */
export function convertFile(input: InputRef, maxBytes: number, year: number | undefined): FileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileBounded(input.absolute!, input.display, maxBytes);
  } catch (error) {
    return readFailure(input, error);
  }
  return convertBytes(input, bytes, year);
}

function readFailure(input: InputRef, error: unknown): FileFailure {
  const failure = isKcnaError(error) ? error : internalError(input.display, error);
  return { ok: false, input, display: input.display, error: failure, warnings: [] };
}

/** Parses and checks one input's bytes. Never throws: a bug becomes an INTERNAL_ERROR result. */
export function convertBytes(input: InputRef, bytes: Uint8Array, year: number | undefined): FileResult {
  const path = input.absolute === null ? null : input.display;
  const fail = (error: KcnaError, warnings: Warning[] = []): FileFailure => ({ ok: false, input, display: input.display, error, warnings });
  try {
    const result = parseDispatch(bytes, year === undefined ? { path } : { path, year });
    if (!result.ok) return fail(new KcnaError(result.code, result.message, { path: input.display }), result.diagnostics);
    const check = checkDocument(result.document);
    if (!check.valid) return fail(schemaViolation('the document does not follow the schema', check.issues, input.display), result.diagnostics);
    return { ok: true, input, document: result.document, warnings: result.diagnostics };
  } catch (error) {
    return fail(internalError(input.display, error));
  }
}

function internalError(display: string, error: unknown): KcnaError {
  const detail = error instanceof Error ? error.message : String(error);
  return new KcnaError('INTERNAL_ERROR', `internal error: ${detail}; please report this with the input file`, { path: display, cause: error });
}

/** Options of parseFiles: the conversion options, and where relative paths start. */
export interface ParseFilesOptions extends ConvertOptions {
  /**
   * Directory that relative paths and patterns are resolved against.
   * @default process.cwd()
   */
  cwd?: string;
}

/**
 * Converts every file named by `patterns` (paths, directories walked for *.txt, glob patterns, '-'
 * for standard input), yielding one result per input in input order.
 * @throws UsageError (before yielding anything) when a glob pattern matches nothing.
 */
export async function* parseFiles(patterns: readonly string[], options: ParseFilesOptions = {}): AsyncGenerator<FileResult> {
  const { entries } = await expandInputs(patterns, options.cwd ?? process.cwd());
  yield* convertEntries(entries, options);
}
