/** Picks the writer for a format and record kind. Format modules load only when chosen. */
import { KcnaError } from '../errors.js';
import type { Dispatch } from '../schema/types.js';
import { DISPATCH_COLUMNS, TEASER_COLUMNS } from '../schema/validate.js';
import { JsonWriter, NdjsonWriter } from './json.js';
import { dispatchRow, teaserRecords, teaserRows } from './records.js';
import { checked, type Format, type RecordKind, type RecordWriter } from './writer.js';

export interface WriterOptions {
  format: Format;
  records: RecordKind;
  /** JSON and ninjs only: one value instead of an array. Ignored for --records teasers. */
  single: boolean;
  bom: boolean;
  excelSafe: boolean;
}

export async function createWriter(options: WriterOptions): Promise<RecordWriter> {
  const { format, records } = options;
  if (format === 'csv') {
    const { CsvWriter } = await import('./csv.js');
    const teasers = records === 'teasers';
    return new CsvWriter({
      columns: teasers ? TEASER_COLUMNS : DISPATCH_COLUMNS,
      toRows: teasers
        ? (document) => checked('teaser-row', teaserRows(document), document.source.path)
        : (document) => checked('dispatch-row', [dispatchRow(document)], document.source.path),
      bom: options.bom,
      excelSafe: options.excelSafe,
    });
  }
  if (format === 'ninjs') {
    if (records === 'teasers') throw new KcnaError('INVALID_OPTION', '--records teasers does not apply to --format ninjs (teasers are its associations)');
    const { toNinjs } = await import('./ninjs.js');
    return new JsonWriter((document) => [toNinjs(document)], options.single);
  }
  const toRecords =
    records === 'teasers'
      ? (document: Dispatch) => checked('teaser-record', teaserRecords(document), document.source.path)
      : (document: Dispatch) => [document];
  return format === 'ndjson' ? new NdjsonWriter(toRecords) : new JsonWriter(toRecords, options.single && records === 'dispatches');
}

export { FORMATS, RECORD_KINDS, type Format, type RecordKind, type RecordWriter } from './writer.js';
