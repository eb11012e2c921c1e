/**
 * CSV (RFC 4180: CRLF record ends; a field holding a comma, a double quote, CR or LF is quoted),
 * UTF-8, with a header row, written by csv-stringify. The columns are the properties of the published row schema.
 */
import { stringify } from 'csv-stringify/sync';
import type { Dispatch } from '../schema/types.js';
import type { Assembler, Piece, Renderer } from './writer.js';

export interface CsvOptions {
  columns: readonly string[];
  toRows: (document: Dispatch) => object[];
  /** Start with a UTF-8 byte order mark, which Excel needs to read UTF-8. */
  bom: boolean;
  /** Prefix cells that start with = + - @ (or tab, CR) with a quote so spreadsheets do not run them. */
  excelSafe: boolean;
}

/**
 * RFC 4180 quoting: a field holding a comma, a double quote, a CR or an LF is quoted. csv-stringify
 * quotes commas and quotes by itself, but with a CRLF record delimiter it quotes only fields that
 * hold the whole CRLF, so a bare LF (every multi-paragraph text, a path with a line break) would be
 * written unquoted and split the record for every reader that accepts LF record ends (Python's csv,
 * Miller, SQLite). Stated here in full rather than relying on that default.
 */
const QUOTED = /[\r\n",]/;

/** Each row of a document as one CSV record. */
export function csvRenderer(options: CsvOptions): Renderer {
  const settings = {
    columns: [...options.columns],
    header: false,
    escape_formulas: options.excelSafe,
    record_delimiter: 'windows' as const,
    quote: '"',
    quoted_match: QUOTED,
  };
  return (document) => options.toRows(document).map((row) => stringify([row], settings));
}

/** The header row (after a BOM when asked), then the rows; an output with no rows is the header alone. */
export function csvAssembler(options: Pick<CsvOptions, 'columns' | 'bom'>): Assembler {
  let records = 0;
  let started = false;
  const header = () => {
    started = true;
    return `${options.bom ? '\ufeff' : ''}${stringify([], { columns: [...options.columns], header: true, record_delimiter: 'windows' })}`;
  };
  return {
    get records() {
      return records;
    },
    add(rendered) {
      if (rendered.length === 0) return '';
      records += rendered.length;
      return (started ? '' : header()) + rendered.join('');
    },
    pieces(rendered) {
      if (rendered.length === 0) return [];
      records += rendered.length;
      const pieces: Piece[] = started ? [] : [header()];
      for (const record of rendered) pieces.push(record);
      return pieces;
    },
    end() {
      return started ? '' : header();
    },
  };
}
