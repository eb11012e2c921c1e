/**
 * One writer per output format, in two parts. A renderer turns one document into the text of its
 * records; it is pure and keeps no state, so it can run in a worker thread. For a text format an
 * assembler joins rendered records into the output (array brackets and commas, the CSV header) in
 * input order; for a table format (SQLite, Parquet) a table writer inserts the rows the renderer
 * gave as text into the file. Neither knows where the output goes (see src/io/sink.ts). Every
 * record is checked against its published schema before any of a document's text is produced.
 *
 * Each format is one module of the registry in ./formats/ (FormatModule, below).
 */
import type { Dispatch } from '../schema/types.js';
import { checkRecord, schemaViolation, type RecordSchema } from '../schema/validate.js';
import type { Format } from './formats/index.js';

export type { Format } from './formats/index.js';
export type RecordKind = 'dispatches' | 'teasers';

export const RECORD_KINDS: readonly RecordKind[] = ['dispatches', 'teasers'];

/** What an output looks like; plain data, so that it can be sent to a worker thread. */
export interface OutputSpec {
  format: Format;
  records: RecordKind;
  /** JSON and ninjs only: one value instead of an array. Ignored for --records teasers. */
  single: boolean;
  /** CSV: start with a UTF-8 byte order mark. */
  bom: boolean;
  /** CSV: escape cells that spreadsheets would run as formulas. */
  excelSafe: boolean;
  /**
   * --fields: the columns of CSV, in order, or the fields NDJSON and JSON records keep (top-level
   * names and dotted paths into objects); absent for all of them. Checked against the format's
   * fields() before it gets here.
   */
  fields?: readonly string[];
}

/** Turns one document into the text of each of its records (none for a dispatch without teasers). */
export type Renderer = (document: Dispatch) => string[];

/**
 * What an assembler hands over for the output: text, or text already encoded as UTF-8 (records
 * rendered by a worker thread arrive encoded, so that this thread only copies their bytes).
 */
export type Piece = string | Uint8Array;

/** Joins rendered records into the output, in order. */
export interface Assembler {
  /**
   * Text for the next input's rendered records. `total`: how many records the input gave before
   * any was dropped as a duplicate (default: records.length); a single input's JSON shape follows
   * it, never the number of records that survive.
   */
  add(records: readonly string[], total?: number): string;
  /**
   * The same as pieces to write in order, the records as they are, text or already encoded as
   * UTF-8: nothing is joined into one string first (for a long record, a copy of it saved).
   */
  pieces(records: readonly Piece[], total?: number): Piece[];
  /** Text that closes the output; also what an output with no records consists of. */
  end(): string;
  /**
   * Says, before the first record, that the output is a collection whatever it comes to hold (a
   * web archive's pages): JSON is then an array even of one record, or of none.
   */
  collection?(): void;
  /** Records added so far. */
  readonly records: number;
}

/** A renderer and an assembler together: documents in, output text out. */
export interface RecordWriter {
  add(document: Dispatch): string;
  end(): string;
  readonly records: number;
}

/** Checks each record against its schema; a failure is a bug, reported for that input only. */
export function checked<T>(schema: RecordSchema, records: T[], path: string | null): T[] {
  for (const record of records) {
    const result = checkRecord(schema, record);
    if (!result.valid) throw schemaViolation(`the ${schema} record does not follow its schema`, result.issues, path);
  }
  return records;
}

/** An option that only some formats take; the others refuse it as a usage error. */
export type FormatOption = 'bom' | 'excel-safe' | 'fields';

/** What `kcna-parse schema --format X` prints: a published file of schemas/, or text made from the module's own data. */
export type SchemaSource = { file: string } | { text: string };

/**
 * How `kcna-parse validate` reads a format's files: their syntax, and the schema their records are
 * checked against when it is not the project's own (ninjs: IPTC's).
 */
export interface FormatReader {
  syntax: 'json' | 'ndjson' | 'csv';
  schema?: 'ninjs';
}

/** What every format module says about itself: plain data, read by the command line's rules and help. */
interface FormatBase<Name extends string> {
  readonly name: Name;
  /**
   * The file-name extensions that stand for the format (lower case, with the dot). The first is the
   * one kcna-parse names files with (--out-dir); each implies the format for -o and validate.
   */
  readonly extensions: readonly string[];
  /** The --records kinds it writes; the others are refused. */
  readonly recordKinds: readonly RecordKind[];
  /** Why the kinds it does not write are refused (said in the usage error). */
  readonly recordKindsNote?: string;
  /** The options only some formats take that this one does. */
  readonly options: readonly FormatOption[];
  /** The names --fields takes for a kind of record (formats whose options include 'fields'). */
  fields?(records: RecordKind): readonly string[];
  /** What `kcna-parse schema --format NAME` prints; absent when kcna-parse publishes no schema of its own for it (ninjs: IPTC's). */
  schema?(records: RecordKind): SchemaSource;
  /** How `kcna-parse validate` reads its files; absent when it does not. */
  readonly reader?: FormatReader;
  /** Turns a document into its records; pure, so that it can run on a worker thread. */
  renderer(spec: OutputSpec): Promise<Renderer>;
}

/** A format written as text, to standard output or a file: records joined by an assembler. */
export interface TextFormat<Name extends string = string> extends FormatBase<Name> {
  readonly kind: 'text';
  assembler(spec: OutputSpec): Promise<Assembler>;
}

/**
 * A format written into a file of its own by a library (a database, a columnar file): it needs a
 * named regular file (-o), one for the whole run (no --out-dir). Its renderer gives each document's
 * rows as one JSON text (cheap to send from a worker thread); its table writer parses and writes
 * them in this thread, in input order.
 */
export interface TableFormat<Name extends string = string> extends FormatBase<Name> {
  readonly kind: 'table';
  /**
   * 'path': the library opens the file itself, at a temporary path it is given (SQLite); 'sink':
   * it hands over bytes, written to the output as text formats' are (Parquet).
   */
  readonly destination: 'path' | 'sink';
  /** What the usage errors say the file is: 'a database', 'a Parquet file'. */
  readonly noun: string;
  open(spec: OutputSpec, to: TableDestination, run: TableRun): Promise<TableWriter>;
}

export type FormatModule<Name extends string = string> = TextFormat<Name> | TableFormat<Name>;

/** Where a table writer writes: a path its library opens, or a sink for its bytes. */
export type TableDestination = { path: string } | { sink: { write(bytes: Uint8Array): void; maybeFlush(): Promise<void> } };

/** Facts of the run a table writer records (SQLite's meta table, Parquet's created_by). */
export interface TableRun {
  /** The package version. */
  toolVersion: string;
  /** When the run made the file: ISO 8601, UTC, to the second (SOURCE_DATE_EPOCH honoured). */
  createdAt: string;
}

/** One input of the run, as a table writer records it (SQLite's inputs table). */
export interface TableInput {
  /** The input as named in messages (a web archive's record: `archive@offset`). */
  path: string;
  status: 'converted' | 'failed' | 'duplicate';
  error: { code: string; message: string } | null;
}

/** Writes rows into a table format's file, input by input, in order. */
export interface TableWriter {
  /**
   * One input: its outcome, and the rendered records of each of its dispatches (text, or UTF-8
   * bytes from a worker thread), with `kept` the positions of those to write (duplicates are not).
   */
  add(input: TableInput, dispatches: ReadonlyArray<readonly Piece[]>, kept: readonly number[]): Promise<void>;
  /** Writes what is pending and closes the file (which the caller then makes final). */
  finish(): Promise<void>;
  /** Closes the file without finishing it (the caller removes it). Never throws. */
  abort(): void;
  /** Records written so far (rows of the main table). */
  readonly records: number;
}
