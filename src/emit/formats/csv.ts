/**
 * CSV (RFC 4180), one row per dispatch or per teaser: the columns are the properties of the
 * published row schemas, or those --fields names, in its order (the rows are checked whole first). The writer (../csv.ts, with csv-stringify) is loaded when a run writes CSV.
 */
import { DISPATCH_COLUMNS, TEASER_COLUMNS } from '../../schema/validate.js';
import { dispatchRow, teaserRows } from '../records.js';
import { checked, RECORD_KINDS, type RecordKind, type TextFormat } from '../writer.js';

/** The columns of a CSV file of a kind of record, in order. */
export function csvColumns(records: RecordKind): readonly string[] {
  return records === 'teasers' ? TEASER_COLUMNS : DISPATCH_COLUMNS;
}

export const csvFormat: TextFormat<'csv'> = {
  kind: 'text',
  name: 'csv',
  extensions: ['.csv'],
  recordKinds: RECORD_KINDS,
  options: ['bom', 'excel-safe', 'fields'],
  fields: csvColumns,
  // The columns, one per line, as --fields takes them; the row schemas themselves are
  // `kcna-parse schema dispatch-row` and `teaser-row`.
  schema: (records) => ({ text: `${csvColumns(records).join('\n')}\n` }),
  reader: { syntax: 'csv' },
  async renderer(spec) {
    const { csvRenderer } = await import('../csv.js');
    const teasers = spec.records === 'teasers';
    return csvRenderer({
      columns: spec.fields ?? csvColumns(spec.records),
      toRows: teasers
        ? (document) => checked('teaser-row', teaserRows(document), document.source.path)
        : (document) => checked('dispatch-row', [dispatchRow(document)], document.source.path),
      bom: spec.bom,
      excelSafe: spec.excelSafe,
    });
  },
  async assembler(spec) {
    const { csvAssembler } = await import('../csv.js');
    return csvAssembler({ columns: spec.fields ?? csvColumns(spec.records), bom: spec.bom });
  },
};
