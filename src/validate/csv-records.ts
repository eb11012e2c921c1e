/**
 * Reading CSV as the programs people open it with do (Python's csv module, Miller, SQLite's
 * `.import`): a record ends at CRLF, LF or a bare CR, wherever it stands outside quotes, and only a
 * quoted field may hold a line break. A file that breaks a record with an unquoted line break so
 * reads with a short record, which the caller reports, instead of being glued back together.
 *
 * csv-parse does the reading, through its streaming interface: one record at a time, memory bounded
 * by the largest record. It is loaded only when a CSV file is read.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvError } from 'csv-parse';

export type CsvPiece =
  /** A record, with the line it starts on (lines as Python's csv module counts them: CRLF, LF or a bare CR end one). */
  | { kind: 'record'; line: number; fields: string[] }
  /** The file cannot be read as CSV from here on (a stray quote); nothing after it is read. */
  | { kind: 'broken'; line: number; message: string };

/** Every record of a CSV stream, the header included, in order. */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvPiece> {
  const { parse, CsvError } = await import('csv-parse');
  const parser = parse({
    bom: true,
    // The record lengths are the caller's to check, so that a short record is reported with its line.
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const source = Readable.from(chunks, { objectMode: false });
  // Errors reach the loop below through the parser; the pipeline's own promise only settles them.
  const piped = pipeline(source, parser).catch(() => undefined);
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      yield { kind: 'record', line, fields };
      line += 1 + lineBreaks(fields);
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    yield { kind: 'broken', line, message: describe(error) };
  } finally {
    source.destroy();
    parser.destroy();
    await piped;
  }
}

/** Line breaks inside the quoted fields of a record: CRLF, LF and a bare CR count one each. */
function lineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\r'); i !== -1; i = field.indexOf('\r', i + 1)) if (field.charCodeAt(i + 1) !== 10) count++;
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}

function describe(error: CsvError): string {
  switch (error.code) {
    case 'INVALID_OPENING_QUOTE':
      return 'not CSV: a double quote inside a field that is not quoted (RFC 4180 quotes the whole field and doubles the quote)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'not CSV: text after the closing quote of a field';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'not CSV: a quoted field opened here is never closed';
    default:
      return `not CSV: ${error.message}`;
  }
}
