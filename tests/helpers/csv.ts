/**
 * Reading CSV in tests as Python's csv module, Miller and SQLite do: a record ends at CRLF, LF or a
 * bare CR outside quotes. The same reader `kcna-parse validate` uses (src/validate/csv-records.ts),
 * so a field with an unquoted line break shows up as extra, short records, never glued back.
 */
import { readCsvRecords } from '../../src/validate/csv-records.js';

/** Every record of a CSV text, the header first; throws on text that is not CSV (a stray quote). */
export async function readCsv(text: string | Buffer): Promise<string[][]> {
  const records: string[][] = [];
  for await (const piece of readCsvRecords([text])) {
    if (piece.kind === 'broken') throw new Error(`line ${piece.line}: ${piece.message}`);
    records.push(piece.fields);
  }
  return records;
}

/** The records after the header as objects keyed by the header; throws when a record's field count differs from the header's. */
export async function readCsvRows(text: string | Buffer): Promise<Array<Record<string, string>>> {
  const [header, ...records] = await readCsv(text);
  if (header === undefined) throw new Error('no header row');
  return records.map((fields, index) => {
    if (fields.length !== header.length) throw new Error(`record ${index + 1} has ${fields.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, fields[i]!]));
  });
}
