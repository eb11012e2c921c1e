/**
 * Reading CSV as the programs people open it with do (Python's csv module, Miller, SQLite's
 * `.import`): a record ends at CRLF, LF or a bare CR, wherever it stands outside quotes, and only a
 * quoted field may hold a line break. A file that breaks a record with an unquoted line break so
 * reads with a short record, which the caller reports, instead of being glued back together.
 *
 * csv-parse does the reading, through its streaming parser, fed one chunk at a time: memory is
 * bounded by a chunk and the largest record. Records are taken from its on_record hook as they are
 * parsed, so that those before a syntax error are all given out before the error, in order. It is
 * loaded only when a CSV file is read.
 */
import type { CsvError } from 'csv-parse';
import type { Chunks } from './lines.js';

export type CsvPiece =
  /** A record, with the line it starts on (lines as Python's csv module counts them: CRLF, LF or a bare CR end one). */
  | { kind: 'record'; line: number; fields: string[] }
  /** The file cannot be read as CSV from here on (a stray quote); nothing after it is read. */
  | { kind: 'broken'; line: number; message: string };

/** Every record of a CSV stream, the header included, in order. */
export async function* readCsvRecords(chunks: Chunks): AsyncGenerator<CsvPiece> {
  const { parse, CsvError } = await import('csv-parse');
  let parsed: string[][] = [];
  const parser = parse({
    bom: true,
    // The record lengths are the caller's to check, so that a short record is reported with its line.
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    // Taken here, not from the stream: nothing waits in the stream's buffer to be lost on an error.
    on_record: (record: string[]) => {
      parsed.push(record);
      return null;
    },
  });
  parser.resume();
  let failure: unknown;
  parser.on('error', (error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('error', () => resolve());
  });
  let line = 1;
  function* drain(): Generator<CsvPiece> {
    const records = parsed;
    parsed = [];
    for (const fields of records) {
      yield { kind: 'record', line, fields };
      line += 1 + lineBreaks(fields);
    }
  }
  try {
    for await (const chunk of chunks) {
      await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
      yield* drain();
      if (failure !== undefined) break;
    }
    if (failure === undefined) {
      parser.end();
      await ended;
      yield* drain();
    }
    if (failure !== undefined) {
      if (!(failure instanceof CsvError)) throw failure;
      yield { kind: 'broken', line, message: describe(failure) };
    }
  } finally {
    parser.destroy();
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
