/**
 * Checking existing output (JSON, NDJSON, CSV or ninjs) against the schemas it was written to,
 * as a stream: records are read one at a time (NDJSON line by line, JSON array elements by a
 * splitter, CSV by csv-parse's streaming parser), so a file of any size validates in the memory of
 * its largest record. Pure: bytes in, findings out; where the bytes come from and how findings are
 * shown is the caller's (the command line: src/cli/validate-command.ts).
 */
import type { RecordKind } from '../emit/writer.js';
import { readerOf, type Format } from '../emit/formats/index.js';
import { DISPATCH_COLUMNS, TEASER_COLUMNS, checkRecord, type RecordSchema, type SchemaIssue, type ValidationResult } from '../schema/validate.js';
import { SCHEMA_VERSION } from '../parse/parse.js';
import { packageVersion } from '../package-info.js';
import { readCsvRecords } from './csv-records.js';
import type { VersionedSchema } from './versions.js';
import { splitJsonValues } from './json-values.js';
import { splitLines, type Chunks } from './lines.js';

/**
 * A schema a record can be checked against: the project's own, IPTC's ninjs 3.1, or the archive
 * report's (what `kcna-parse report -f json` writes, recognised by its shape).
 */
export type CheckedSchema = RecordSchema | 'ninjs' | 'report';

export interface ValidateOptions {
  /**
   * The format of the input, one that validate reads (its module's reader says the syntax: ninjs
   * is JSON whose records are checked against the ninjs schema).
   */
  format: Format;
  /**
   * Which records the input holds. When absent, each record says (a teaser record has `dispatchId`,
   * a ninjs item names its standard) and a CSV header does (a teaser row has `dispatch_id`). An
   * archive report (an object with `generator` and `coverage`) is checked as one whatever this says.
   */
  records?: RecordKind;
}

/** A record that is not valid, or a place where the input cannot be read as its format. */
export interface Finding {
  code: 'INVALID_RECORD';
  /** The line the record starts on (1-based). */
  line: number;
  /** The schema the record failed; null when the text could not be read as a record at all. */
  schema: CheckedSchema | null;
  /** What is wrong: the schema's problems (each with its JSON Pointer), or one problem with the text. */
  issues: SchemaIssue[];
  /** True when nothing after this point was read (a cut-short array, an unclosed quote). */
  fatal: boolean;
}

export interface ValidateSummary {
  /** Records read, valid or not. */
  records: number;
  /** Records that failed their schema or could not be parsed. */
  invalid: number;
  /** Whether the input could be read to its end as its format. */
  complete: boolean;
}

/** Receives each finding; a returned promise is awaited before reading on (output back-pressure). */
export type FindingHandler = (finding: Finding) => void | Promise<void>;

/** Validates one input, given as a stream of chunks that are never reused once handed over. */
export async function validateStream(chunks: Chunks, options: ValidateOptions, onFinding: FindingHandler): Promise<ValidateSummary> {
  const summary: ValidateSummary = { records: 0, invalid: 0, complete: true };
  const reader = readerOf(options.format);
  if (reader === undefined) throw new Error(`validate does not read --format ${options.format}`);
  const checker = new Checker(options, reader.schema === 'ninjs');
  const report = async (line: number, schema: CheckedSchema | null, issues: SchemaIssue[]) => {
    summary.invalid++;
    await onFinding({ code: 'INVALID_RECORD', line, schema, issues, fatal: false });
  };
  const broken = async (line: number, message: string) => {
    summary.complete = false;
    await onFinding({ code: 'INVALID_RECORD', line, schema: null, issues: [{ pointer: '', message }], fatal: true });
  };

  if (reader.syntax === 'csv') {
    let header: string[] | null = null;
    let schema: 'dispatch-row' | 'teaser-row' = 'dispatch-row';
    let checkRow = (row: Record<string, string>): ValidationResult => checkRecord(schema, row);
    for await (const piece of readCsvRecords(chunks)) {
      if (piece.kind === 'broken') {
        await broken(piece.line, piece.message);
        break;
      }
      if (header === null) {
        header = piece.fields;
        schema = options.records === 'teasers' || (options.records === undefined && header.includes('dispatch_id')) ? 'teaser-row' : 'dispatch-row';
        // A CSV written by an earlier version has that version's columns: its rows follow its schema.
        if (!sameColumns(header, schema === 'teaser-row' ? TEASER_COLUMNS : DISPATCH_COLUMNS)) {
          const versions = await import('./versions.js');
          const version = versions.csvVersionOf(header, schema);
          if (version !== null) checkRow = (row) => versions.checkEarlierRecord(version, schema, row);
        }
        continue;
      }
      summary.records++;
      if (piece.fields.length !== header.length) {
        const count = piece.fields.length;
        await report(piece.line, schema, [
          {
            pointer: '',
            message: `has ${count} field${count === 1 ? '' : 's'} where the header has ${header.length} (a line break outside quotes ends a record: a field holding one must be quoted)`,
          },
        ]);
        continue;
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) row[header[i]!] = piece.fields[i]!;
      const result = checkRow(row);
      if (!result.valid) await report(piece.line, schema, result.issues);
    }
    if (header === null && summary.complete) await broken(1, 'no header row: the file is empty');
    return summary;
  }

  const values = reader.syntax === 'ndjson' ? ndjsonValues(chunks) : splitJsonValues(chunks);
  for await (const piece of values) {
    if (piece.kind === 'broken') {
      await broken(piece.line, piece.message);
      break;
    }
    summary.records++;
    if (piece.invalidByte !== undefined) {
      await report(piece.line, null, [{ pointer: '', message: `not valid UTF-8: the byte at offset ${piece.invalidByte} of the file is not part of a UTF-8 character (JSON text must be UTF-8)` }]);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(piece.text);
    } catch (error) {
      await report(piece.line, null, [{ pointer: '', message: `not JSON: ${(error as Error).message}` }]);
      continue;
    }
    const schema = checker.schemaOf(value);
    const result = await checker.check(schema, value);
    if (!result.valid) await report(piece.line, schema, result.issues);
  }
  return summary;
}

/** NDJSON: every line that is not blank is a record. */
async function* ndjsonValues(chunks: Chunks): AsyncGenerator<{ kind: 'value'; line: number; text: string; invalidByte?: number }> {
  for await (const line of splitLines(chunks)) if (line.text.trim() !== '') yield { kind: 'value', ...line };
}

class Checker {
  private ninjs: ((value: unknown) => ValidationResult) | undefined;
  private report: ((value: unknown) => ValidationResult) | undefined;

  constructor(
    private readonly options: ValidateOptions,
    /** Every record is a ninjs item (--format ninjs). */
    private readonly ninjsOnly: boolean,
  ) {}

  schemaOf(value: unknown): CheckedSchema {
    const { records } = this.options;
    if (this.ninjsOnly) return 'ninjs';
    if (isArchiveReport(value)) return 'report';
    if (records !== undefined) return records === 'teasers' ? 'teaser-record' : 'dispatch';
    if (typeof value !== 'object' || value === null) return 'dispatch';
    if ('dispatchId' in value) return 'teaser-record';
    return isNinjsItem(value) ? 'ninjs' : 'dispatch';
  }

  async check(schema: CheckedSchema, value: unknown): Promise<ValidationResult> {
    // A record of an earlier version is checked against the schema of that version.
    const version = schema === 'ninjs' ? undefined : versionOf(value);
    if (version !== undefined && version !== SCHEMA_VERSION) {
      const versions = await import('./versions.js');
      if (versions.isEarlierVersion(version)) return versions.checkEarlierRecord(version, schema as VersionedSchema, value);
      return {
        valid: false,
        issues: [{ pointer: '/schemaVersion', message: `names version ${JSON.stringify(version)}, which kcna-parse ${packageVersion()} does not know (it checks ${versions.KNOWN_VERSIONS.join(', ')})` }],
      };
    }
    if (schema === 'report') {
      // The report's validator is a module of its own, loaded on the first report only.
      this.report ??= (await import('../report/validate.js')).checkReport;
      return this.report(value);
    }
    if (schema !== 'ninjs') return checkRecord(schema, value);
    // The compiled ninjs schema is large: loaded on the first ninjs record only.
    this.ninjs ??= (await import('../schema/ninjs-validate.js')).checkNinjs;
    return this.ninjs(value);
  }
}

/**
 * An archive report (`kcna-parse report -f json`): an object with `generator` and `coverage`, which
 * no record of the other schemas has.
 */
export function isArchiveReport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'generator' in value && 'coverage' in value;
}

/** A ninjs item names its standard (`"standard": { "name": "ninjs", ... }`); a dispatch never has that property. */
function isNinjsItem(value: object): boolean {
  const standard = (value as { standard?: unknown }).standard;
  return typeof standard === 'object' && standard !== null && (standard as { name?: unknown }).name === 'ninjs';
}

/** The schemaVersion a record states, if it states one. */
function versionOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
}

function sameColumns(header: readonly string[], columns: readonly string[]): boolean {
  return header.length === columns.length && header.every((name, i) => name === columns[i]);
}
