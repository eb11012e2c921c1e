/**
 * Converting inputs: read → parse → check. One result per input, in input order; every document is
 * checked against the published schema before it is handed on, and one bad input never stops the
 * others: whatever goes wrong with an input, including a bug, becomes that input's error.
 *
 * This folder is the engine behind both the command line and the library. It reads through
 * src/io/ and parses through src/parse/; it never imports the command line (src/cli/) or the
 * thread pool (src/pool/), which build on it.
 */
import { invalidArgument, optionsObject } from '../arguments.js';
import { KcnaError, UsageError, internalError, isKcnaError } from '../errors.js';
import { expandInputs, placeOf, type ArchivePlace, type Entry, type InputRef } from '../io/inputs.js';
import { escapeFileName } from '../io/file-names.js';
import { DEFAULT_MAX_BYTES, readFileBounded, readStdin } from '../io/read.js';
import { loadHtmlReader } from '../parse/html-loader.js';
import { isHtml } from '../parse/html/sniff.js';
import { parseDispatch, type ParseOptions } from '../parse/parse.js';
import type { Dispatch, Warning } from '../schema/types.js';
import { checkDocument, schemaViolation } from '../schema/validate.js';
import { expandArchives, type ArchiveProgress, type SkippedRecord } from './archives.js';

export type { SkippedRecord } from './archives.js';

/** Options for converting files, as the CLI's conversion options without the output ones. */
export interface ConvertOptions {
  /**
   * The lead's year for every input (the CLI's --year): a whole number from 1000 to 9999.
   * @default undefined
   */
  year?: number;
  /**
   * The year of the datelines no other source dates (the CLI's --default-year), from 1000 to 9999;
   * unlike `year`, it overrides nothing.
   * @default undefined
   */
  defaultYear?: number;
  /**
   * Inputs larger than this many bytes are refused from their size, unread: a whole number ≥ 1.
   * @default 16777216 (16 MiB)
   */
  maxBytes?: number;
  /**
   * Where '-' reads from.
   * @default process.stdin
   */
  stdin?: NodeJS.ReadableStream;
  /**
   * Which records of web archives to read, by their WARC-Target-URI: a regular expression searched
   * in the address, or a function. Decided before a record's payload is read; the others are
   * skipped (reason 'selected-out'). All records when absent.
   * @default undefined
   */
  selectUrl?: RegExp | ((uri: string) => boolean);
  /**
   * Told of each record of a web archive that holds no page (a request, a redirect, a stylesheet,
   * a record selectUrl refused...): skipped, never an error, and not yielded.
   * @default undefined
   */
  onSkip?: (skip: SkippedRecord) => void;
}

/** ConvertOptions checked and with their defaults filled in. */
export interface ResolvedConvertOptions {
  year: number | undefined;
  defaultYear: number | undefined;
  maxBytes: number;
  /**
   * Where '-' reads from. A function: process.stdin sets up a stream (a few milliseconds) when it
   * is first touched, which a run that does not read standard input should not pay.
   */
  stdin: () => NodeJS.ReadableStream;
  /** Which web-archive records to read, by address; null: all. */
  select: ((uri: string) => boolean) | null;
  onSkip: ((skip: SkippedRecord) => void) | null;
}

/**
 * Checks conversion options once, up front.
 * @throws UsageError with code INVALID_OPTION, naming the option, the rule and the value given.
 */
export function resolveConvertOptions(options: ConvertOptions = {}): ResolvedConvertOptions {
  // stdin is not read here: the command line's is a getter, which sets standard input up.
  const { year, defaultYear, maxBytes = DEFAULT_MAX_BYTES } = optionsObject(options) as ConvertOptions;
  for (const [name, value] of [
    ['year', year],
    ['defaultYear', defaultYear],
  ] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > 9999)) {
      throw new UsageError(`Invalid option ${name}: must be a whole number from 1000 to 9999, got ${String(value)}`, 'INVALID_OPTION');
    }
  }
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new UsageError(`Invalid option maxBytes: must be a whole number of bytes, at least 1, got ${String(maxBytes)}`, 'INVALID_OPTION');
  }
  const { selectUrl, onSkip } = options;
  if (selectUrl !== undefined && !(selectUrl instanceof RegExp) && typeof selectUrl !== 'function') {
    throw new UsageError(`Invalid option selectUrl: must be a RegExp or a function, got ${typeof selectUrl}`, 'INVALID_OPTION');
  }
  if (onSkip !== undefined && typeof onSkip !== 'function') throw new UsageError(`Invalid option onSkip: must be a function, got ${typeof onSkip}`, 'INVALID_OPTION');
  const select = selectUrl === undefined ? null : selectUrl instanceof RegExp ? regexSelector(selectUrl) : selectUrl;
  // Read when '-' is: a getter for it (the command line's) is not asked before.
  return { year, defaultYear, maxBytes, stdin: () => options.stdin ?? process.stdin, select, onSkip: onSkip ?? null };
}

/** A selector searching an address with a regular expression (a global or sticky one from its start each time). */
function regexSelector(pattern: RegExp): (uri: string) => boolean {
  return (uri) => {
    pattern.lastIndex = 0;
    return pattern.test(uri);
  };
}

/** An input converted into schema-valid documents. */
export interface FileSuccess {
  ok: true;
  input: InputRef;
  /** The first (usually the only) dispatch of the input. */
  document: Dispatch;
  /** Every dispatch of the input, in file order (a daily page or a listing holds several). */
  documents: Dispatch[];
  /** Every warning of the input, in line order. */
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
  /** For a record of a web archive, or damage in one: where in the archive. */
  place?: ArchivePlace;
}

/** What parseFiles yields for each input, in input order. */
export type FileResult = FileSuccess | FileFailure;

/** An input's bytes, read; or why it could not be read. */
export type ReadResult = { ok: true; input: InputRef; bytes: Uint8Array } | FileFailure;

/** Inputs handled between two turns of the event loop. */
const EVENT_LOOP_EVERY = 32;

/**
 * Reads every entry in order, giving the event loop a turn every few inputs: reads are
 * synchronous, and without a pause now and then a long batch would hold the event loop until its
 * end (a server embedding the library would stall; the command line would not see a signal).
 * Web archives must have been expanded into their records first (expandEntries).
 */
export async function* readEntries(entries: AsyncIterable<Entry> | Iterable<Entry>, options: ResolvedConvertOptions): AsyncGenerator<ReadResult> {
  let count = 0;
  for await (const entry of entries) {
    if (++count % EVENT_LOOP_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    yield await readEntry(entry, options);
  }
}

/**
 * The inputs with every web archive among them replaced by its records, and standard input read
 * (pipeline/archives.ts): what readEntries and the worker pool take.
 */
export function expandEntries(entries: AsyncIterable<Entry> | Iterable<Entry>, options: ResolvedConvertOptions, progress?: ArchiveProgress): AsyncGenerator<Entry> {
  const reading = { maxBytes: options.maxBytes, stdin: options.stdin, select: options.select, onSkip: options.onSkip };
  return expandArchives(entries, progress === undefined ? reading : { ...reading, progress });
}

/**
 * Reads one entry: a file (bounded, synchronous), or the bytes read while expanding (a record of a
 * web archive, standard input). Never throws. A web page's reader is loaded before the first web
 * page is handed on (html-loader.ts).
 */
export async function readEntry(entry: Entry, options: ResolvedConvertOptions): Promise<ReadResult> {
  const read = await readBytes(entry, options);
  if (read.ok && (isHtml(read.bytes, read.input.display) || (read.input.kind === 'archive-record' && read.input.record.contentType !== 'text/plain'))) await loadHtmlReader();
  return read;
}

async function readBytes(entry: Entry, options: ResolvedConvertOptions): Promise<ReadResult> {
  if ('problem' in entry) {
    const { display, error, place } = entry.problem;
    return place === undefined ? { ok: false, input: null, display, error, warnings: [] } : { ok: false, input: null, display, error, warnings: [], place };
  }
  const { input } = entry;
  if (entry.bytes !== undefined) return { ok: true, input, bytes: entry.bytes };
  if (input.kind === 'file') return readFile(input, options.maxBytes);
  try {
    return { ok: true, input, bytes: await readStdin(options.stdin(), options.maxBytes, input.display) };
  } catch (error) {
    return readFailure(input, error);
  }
}

/** Reads one file (not standard input), bounded and synchronous. Never throws. */
function readFile(input: InputRef & { kind: 'file' }, maxBytes: number): ReadResult {
  try {
    return { ok: true, input, bytes: readFileBounded(input.absolute, input.display, maxBytes) };
  } catch (error) {
    return readFailure(input, error);
  }
}

function readFailure(input: InputRef, error: unknown): FileFailure {
  return withPlace({ ok: false, input, display: input.display, error: isKcnaError(error) ? error : internalError(input.display, error), warnings: [] }, input);
}

/** A failure of a web archive's record, with where it lies in the archive. */
function withPlace(failure: FileFailure, input: InputRef): FileFailure {
  const place = placeOf(input);
  if (place !== undefined) failure.place = place;
  return failure;
}

/** Converts expanded inputs one by one, in order. */
export async function* convertEntries(entries: AsyncIterable<Entry> | Iterable<Entry>, options: ConvertOptions = {}): AsyncGenerator<FileResult> {
  const resolved = resolveConvertOptions(options);
  for await (const read of readEntries(expandEntries(entries, resolved), resolved)) yield read.ok ? convertBytes(read.input, read.bytes, resolved) : read;
}

/** Reads, parses and checks one file (not standard input). Never throws. */
export function convertFile(input: InputRef & { kind: 'file' }, maxBytes: number, years: Years): FileResult {
  const read = readFile(input, maxBytes);
  return read.ok ? convertBytes(input, read.bytes, years) : read;
}

/** Parses and checks one input's bytes. Never throws: a bug becomes an INTERNAL_ERROR result. */
/** The years a conversion is given: --year and --default-year (a number alone is --year). */
export type Years = { year: number | undefined; defaultYear?: number | undefined } | number | undefined;

export function convertBytes(input: InputRef, bytes: Uint8Array, years: Years): FileResult {
  const fail = (error: KcnaError, warnings: Warning[] = []): FileFailure => withPlace({ ok: false, input, display: input.display, error, warnings }, input);
  try {
    const result = parseDispatch(bytes, parseOptionsOf(input, years));
    const record = input.kind === 'archive-record' ? { offset: input.record.offset, recordId: input.record.recordId } : {};
    if (!result.ok) return fail(new KcnaError(result.code, result.message, { path: input.display, ...record }), result.diagnostics);
    const documents = documentsOf(result);
    for (const document of documents) {
      const check = checkDocument(document);
      if (!check.valid) return fail(schemaViolation('the document does not follow the schema', check.issues, input.display), result.diagnostics);
    }
    return { ok: true, input, document: documents[0]!, documents, warnings: result.diagnostics };
  } catch (error) {
    return fail(internalError(input.display, error));
  }
}

/** How an input is parsed: its path, and for a web archive's record, its provenance and how the archive said to read it. */
function parseOptionsOf(input: InputRef, years: Years): ParseOptions {
  const { year, defaultYear } = typeof years === 'object' ? years : { year: years, defaultYear: undefined };
  const options: ParseOptions = {};
  if (year !== undefined) options.year = year;
  if (defaultYear !== undefined) options.defaultYear = defaultYear;
  // A name that is not valid UTF-8 is recorded with those bytes as \xHH (io/file-names.ts).
  if (input.kind !== 'archive-record') options.path = input.kind === 'stdin' ? null : escapeFileName(input.display);
  else {
    const { archive } = input;
    const { contentType, charset, ...record } = input.record;
    options.path = archive.absolute === null ? null : escapeFileName(archive.display);
    options.format = contentType === 'text/plain' ? 'text' : 'html';
    options.charset = charset;
    options.archive = { format: archive.format, ...record };
  }
  return options;
}

/** Every dispatch a parse found, in file order. */
function documentsOf(result: { document: Dispatch; documents?: Dispatch[] }): Dispatch[] {
  return result.documents ?? [result.document];
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
 * Converts every file named by `patterns` (paths, directories walked for *.txt and saved web pages,
 * glob patterns, '-' for standard input), yielding one result per input in input order. A single
 * string is one pattern (never its characters).
 * @throws UsageError (before yielding anything) when an argument or option is invalid (code
 *   INVALID_OPTION: patterns neither a string nor an array of strings, options not an object, a
 *   cwd that is not a string...) or a glob pattern matches nothing (code USAGE_ERROR).
 */
export async function* parseFiles(patterns: string | readonly string[], options?: ParseFilesOptions): AsyncGenerator<FileResult> {
  const list = patternList(patterns);
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) throw usageArgument('argument options', 'an object (or left out)', options);
  const given: ParseFilesOptions = options ?? {};
  const { cwd } = given;
  if (cwd !== undefined && (typeof cwd !== 'string' || cwd === '')) throw usageArgument('option cwd', 'the path of a folder (a non-empty string)', cwd);
  const { stdin } = given;
  if (stdin !== undefined && (stdin === null || typeof (stdin as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== 'function')) {
    throw usageArgument('option stdin', 'a readable stream', stdin);
  }
  resolveConvertOptions(given);
  const { entries } = await expandInputs(list, cwd ?? process.cwd());
  yield* convertEntries(entries, given);
}

/** parseFiles' patterns as a list: a string is one pattern. @throws UsageError INVALID_OPTION */
function patternList(patterns: unknown): readonly string[] {
  if (typeof patterns === 'string') return [patterns];
  const mustBe = "a path, folder, glob pattern or '-' (a string), or an array of them";
  if (!Array.isArray(patterns)) throw usageArgument('argument patterns', mustBe, patterns);
  const index = patterns.findIndex((pattern) => typeof pattern !== 'string');
  if (index >= 0) throw usageArgument(`argument patterns[${index}]`, "a path, folder, glob pattern or '-' (a string)", patterns[index]);
  return patterns as string[];
}

/** invalidArgument as a UsageError, as parseFiles throws for its options. */
function usageArgument(what: string, mustBe: string, got: unknown): UsageError {
  return new UsageError(invalidArgument(what, mustBe, got).message, 'INVALID_OPTION');
}
