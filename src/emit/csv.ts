/**
 * CSV (RFC 4180: CRLF record ends, double-quoted fields where needed), UTF-8, with a header row,
 * written by csv-stringify. The columns are the properties of the published row schema.
 */
import { stringify } from 'csv-stringify/sync';
import type { Dispatch } from '../schema/types.js';
import type { RecordWriter } from './writer.js';

export interface CsvOptions {
  columns: readonly string[];
  toRows: (document: Dispatch) => object[];
  /** Start with a UTF-8 byte order mark, which Excel needs to read UTF-8. */
  bom: boolean;
  /** Prefix cells that start with = + - @ (or tab, CR) with a quote so spreadsheets do not run them. */
  excelSafe: boolean;
}

export class CsvWriter implements RecordWriter {
  records = 0;
  private started = false;

  constructor(private readonly options: CsvOptions) {}

  add(document: Dispatch): string {
    const rows = this.options.toRows(document);
    if (rows.length === 0) return '';
    const text = this.render(rows);
    this.records += rows.length;
    return text;
  }

  end(): string {
    // An output with no rows still gets its header, so that it reads as an empty table.
    return this.started ? '' : this.render([]);
  }

  private render(rows: object[]): string {
    const header = !this.started;
    this.started = true;
    return stringify(rows, {
      columns: [...this.options.columns],
      header,
      bom: header && this.options.bom,
      escape_formulas: this.options.excelSafe,
      record_delimiter: 'windows',
    });
  }
}
