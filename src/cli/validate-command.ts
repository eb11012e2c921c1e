/**
 * `kcna-parse validate FILE...`: checks existing JSON, NDJSON or CSV output (this run's or an older
 * one's) against the published schemas, reporting each invalid record with its line and the JSON
 * Pointer of each problem. Which schema applies is told by --records, or else by each record.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Format, RecordKind } from '../emit/index.js';
import { readError } from '../io/inputs.js';
import { checkRecord, type RecordSchema } from '../schema/validate.js';
import { formatFromPath } from './convert.js';
import { Reporter } from './render.js';
import { EXIT, type Streams } from './streams.js';

export interface ValidateOptions {
  format?: Format;
  records?: RecordKind;
  quiet?: boolean;
}

interface LocatedRecord {
  line: number;
  value: unknown;
}

/** At most this many problems are listed per record; the count says how many there were. */
const ISSUES_PER_RECORD = 5;

export async function runValidate(files: readonly string[], options: ValidateOptions, io: Streams): Promise<number> {
  const reporter = await Reporter.create(io, { quiet: options.quiet === true });
  let records = 0;
  let invalid = 0;
  let brokenFiles = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      const failure = readError(file, error as NodeJS.ErrnoException);
      reporter.error(file, failure.code, failure.message);
      brokenFiles++;
      continue;
    }
    const format = options.format ?? formatFromPath(file);
    if (format === undefined || format === 'ninjs') {
      reporter.error(file, 'INVALID_OPTION', 'cannot tell the format from the file name; name it with --format json|ndjson|csv');
      brokenFiles++;
      continue;
    }
    let located: LocatedRecord[];
    let schemaOf: (value: unknown) => RecordSchema;
    try {
      if (format === 'csv') {
        located = await csvRecords(text);
        const teasers = options.records === 'teasers' || (options.records === undefined && /^\ufeff?[^\r\n]*\bdispatch_id\b/.test(text));
        schemaOf = () => (teasers ? 'teaser-row' : 'dispatch-row');
      } else {
        located = format === 'ndjson' ? ndjsonRecords(text) : jsonRecords(text);
        schemaOf = (value) =>
          options.records === 'teasers' || (options.records === undefined && typeof value === 'object' && value !== null && 'dispatchId' in value)
            ? 'teaser-record'
            : 'dispatch';
      }
    } catch (error) {
      reporter.error(file, 'INVALID_RECORD', (error as Error).message);
      brokenFiles++;
      continue;
    }
    for (const { line, value } of located) {
      records++;
      const schema = schemaOf(value);
      const result = checkRecord(schema, value);
      if (result.valid) continue;
      invalid++;
      const shown = result.issues.slice(0, ISSUES_PER_RECORD);
      for (const issue of shown) {
        reporter.error(`${file}:${line}`, 'INVALID_RECORD', `${schema} record: ${issue.pointer || '/'} ${issue.message}`);
      }
      if (result.issues.length > shown.length) {
        reporter.error(`${file}:${line}`, 'INVALID_RECORD', `${schema} record: ${result.issues.length - shown.length} more problems`);
      }
    }
  }
  reporter.info(
    `validated ${records} record${records === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${invalid} invalid` +
      (brokenFiles > 0 ? `, ${brokenFiles} file${brokenFiles === 1 ? '' : 's'} unreadable` : ''),
  );
  return invalid > 0 || brokenFiles > 0 ? EXIT.failed : EXIT.ok;
}

function ndjsonRecords(text: string): LocatedRecord[] {
  const records: LocatedRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      records.push({ line: i + 1, value: JSON.parse(line) });
    } catch (error) {
      throw new Error(`line ${i + 1} is not JSON: ${(error as Error).message}`);
    }
  }
  return records;
}

/** A JSON document: one value, or an array whose elements are the records (each with its start line). */
function jsonRecords(text: string): LocatedRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) return [{ line: firstValueLine(text), value }];
  const lines = elementLines(text);
  return value.map((element, index) => ({ line: lines[index] ?? 1, value: element }));
}

function firstValueLine(text: string): number {
  const at = text.search(/\S/);
  return at < 0 ? 1 : countLines(text, at);
}

/** Line of the start of each element of a top-level JSON array, found by tracking depth and strings. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

async function csvRecords(text: string): Promise<LocatedRecord[]> {
  const { parse } = await import('csv-parse/sync');
  const rows = parse(text, { columns: true, bom: true, info: true, skip_empty_lines: true }) as Array<{ record: unknown; info: { lines: number } }>;
  // info.lines is the line the record ends on; report where it starts, as an editor shows it.
  return rows.map(({ record, info }) => ({ line: info.lines - countNewlines(record) , value: record }));
}

function countNewlines(record: unknown): number {
  let count = 0;
  for (const cell of Object.values(record as Record<string, string>)) {
    for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) count++;
  }
  return count;
}
