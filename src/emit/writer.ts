/**
 * One writer per output format. A writer turns documents into text and knows nothing of where the
 * text goes (see src/io/sink.ts). Every record is checked against its published schema before any
 * of a document's text is produced, so an invalid record never reaches the output.
 */
import type { Dispatch } from '../schema/types.js';
import { KcnaError } from '../errors.js';
import { checkRecord, type RecordSchema } from '../schema/validate.js';

export type Format = 'json' | 'ndjson' | 'csv' | 'ninjs';
export type RecordKind = 'dispatches' | 'teasers';

export const FORMATS: readonly Format[] = ['json', 'ndjson', 'csv', 'ninjs'];
export const RECORD_KINDS: readonly RecordKind[] = ['dispatches', 'teasers'];

export interface RecordWriter {
  /** Text for one document's records ('' when it has none, e.g. no teasers). */
  add(document: Dispatch): string;
  /** Text that closes the output; also what an output with no records consists of. */
  end(): string;
  /** Records written so far. */
  readonly records: number;
}

/** Checks each record against its schema; a failure is a bug, reported for that input only. */
export function checked<T>(schema: RecordSchema, records: T[], path: string | null): T[] {
  for (const record of records) {
    const result = checkRecord(schema, record);
    if (!result.valid) {
      const first = result.issues[0];
      throw new KcnaError(
        'SCHEMA_VIOLATION',
        `internal error: the ${schema} record does not follow its schema (${first ? `${first.pointer || '/'} ${first.message}` : 'no detail'}); please report this with the input file`,
        { path },
      );
    }
  }
  return records;
}
