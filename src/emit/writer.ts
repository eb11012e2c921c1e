/**
 * One writer per output format, in two parts. A renderer turns one document into the text of its
 * records; it is pure and keeps no state, so it can run in a worker thread. An assembler joins
 * rendered records into the output (array brackets and commas, the CSV header) in input order.
 * Neither knows where the text goes (see src/io/sink.ts). Every record is checked against its
 * published schema before any of a document's text is produced.
 */
import type { Dispatch } from '../schema/types.js';
import { checkRecord, schemaViolation, type RecordSchema } from '../schema/validate.js';

export type Format = 'json' | 'ndjson' | 'csv' | 'ninjs';
export type RecordKind = 'dispatches' | 'teasers';

export const FORMATS: readonly Format[] = ['json', 'ndjson', 'csv', 'ninjs'];
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
