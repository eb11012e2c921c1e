/**
 * Parquet: the dispatches (or, with --records teasers, the teasers) as one columnar file with
 * proper types — dates as DATE, counts and line numbers as INT32, byte counts as INT64, flags as
 * BOOLEAN, the paragraphs as LIST<STRING> and the warnings as a LIST of STRUCTs — written with
 * hyparquet-writer (plain JavaScript, SNAPPY compression), loaded when a run writes Parquet.
 *
 * The columns below are the one source of the file's schema, of what `kcna-parse schema --format
 * parquet` prints and of docs/fields.md. As with SQLite, the renderer (on a worker thread too) turns
 * a document into compact JSON rows; the writer, in the thread that writes, gathers them into row
 * groups of a few thousand rows, each written and let go before the next, so that memory stays
 * bounded whatever the run.
 */
import { SCHEMA_VERSION } from '../../parse/parse.js';
import type { Dispatch } from '../../schema/types.js';
import type { OutputSpec, Piece, RecordKind, Renderer, TableDestination, TableFormat, TableInput, TableRun, TableWriter } from '../writer.js';
import { DISPATCH_COLUMNS, recordText, rowOf, TEASER_COLUMNS, WARNING_COLUMNS, type CellValue, type Column, type ColumnType } from './columns.js';

/** A node of a Parquet schema, as the format's own schema text shows it. */
export interface ParquetField {
  name: string;
  /** A leaf's type; absent for a group. */
  type?: ColumnType;
  /** Whether a value may be null (OPTIONAL) or not (REQUIRED). */
  nullable: boolean;
  /** A list of this element. */
  list?: ParquetField;
  /** A group (struct) of these fields. */
  fields?: ParquetField[];
  description: string;
}

function leaf<T>(column: Column<T>): ParquetField {
  return { name: column.name, type: column.type, nullable: column.nullable, description: column.description };
}

/** The columns of the dispatches file, in order. */
export const PARQUET_DISPATCH_FIELDS: readonly ParquetField[] = [
  ...DISPATCH_COLUMNS.map(leaf),
  {
    name: 'paragraphs',
    nullable: false,
    list: { name: 'element', type: 'text', nullable: false, description: 'A paragraph.' },
    description: 'lead.paragraphs: the body paragraphs, in order, each as written (LIST<STRING>).',
  },
  {
    name: 'warnings',
    nullable: false,
    list: { name: 'element', nullable: false, fields: WARNING_COLUMNS.filter((column) => column.name !== 'position').map(leaf), description: 'A warning.' },
    description: 'warnings: what the parser noticed, in input order, each a struct of code, line, message, text, byte_offset and count (LIST<STRUCT>): `SELECT w.code FROM (SELECT unnest(warnings) AS w FROM ...)` in DuckDB.',
  },
];

/** The columns of the teasers file (--records teasers), in order. */
export const PARQUET_TEASER_FIELDS: readonly ParquetField[] = [
  { name: 'dispatch_id', type: 'text', nullable: false, description: 'The content id of the dispatch whose page lists the teaser.' },
  { name: 'path', type: 'text', nullable: true, description: 'source.path of that dispatch; null for standard input.' },
  ...TEASER_COLUMNS.map(leaf),
];

export function parquetFields(records: RecordKind): readonly ParquetField[] {
  return records === 'teasers' ? PARQUET_TEASER_FIELDS : PARQUET_DISPATCH_FIELDS;
}

/** hyparquet's SchemaElement, as far as this file uses it. */
export interface SchemaElement {
  name: string;
  type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'BYTE_ARRAY';
  repetition_type?: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  converted_type?: 'UTF8' | 'DATE' | 'LIST';
  logical_type?: { type: 'STRING' } | { type: 'DATE' } | { type: 'LIST' };
  num_children?: number;
}

const LEAF_TYPES: Record<ColumnType, Omit<SchemaElement, 'name'>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  integer: { type: 'INT32' },
  bigint: { type: 'INT64' },
  boolean: { type: 'BOOLEAN' },
  date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
};

/** The flattened schema the writer takes: depth first, a group's children after it (lists in the 3-level form). */
function schemaElements(fields: readonly ParquetField[], root: string): SchemaElement[] {
  const out: SchemaElement[] = [{ name: root, num_children: fields.length }];
  const visit = (field: ParquetField, repetition: 'REQUIRED' | 'OPTIONAL') => {
    if (field.type !== undefined) {
      out.push({ name: field.name, ...LEAF_TYPES[field.type], repetition_type: repetition });
    } else if (field.list) {
      out.push({ name: field.name, repetition_type: repetition, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 });
      out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      visit(field.list, field.list.nullable ? 'OPTIONAL' : 'REQUIRED');
    } else {
      out.push({ name: field.name, repetition_type: repetition, num_children: field.fields!.length });
      for (const child of field.fields!) visit(child, child.nullable ? 'OPTIONAL' : 'REQUIRED');
    }
  };
  for (const field of fields) visit(field, field.nullable ? 'OPTIONAL' : 'REQUIRED');
  return out;
}

const PRIMITIVE: Record<string, string> = { BOOLEAN: 'boolean', INT32: 'int32', INT64: 'int64', BYTE_ARRAY: 'binary' };

/**
 * The schema in Parquet's own text form (as parquet-mr and `parquet schema` print it): what
 * `kcna-parse schema --format parquet` prints.
 */
export function parquetSchemaText(records: RecordKind): string {
  const elements = schemaElements(parquetFields(records), records === 'teasers' ? 'teasers' : 'dispatches');
  let at = 0;
  const lines: string[] = [];
  const print = (depth: number): void => {
    const element = elements[at++]!;
    const indent = '  '.repeat(depth);
    const repetition = element.repetition_type!.toLowerCase();
    const annotation = element.converted_type ? ` (${element.converted_type === 'UTF8' ? 'STRING' : element.converted_type})` : '';
    if (element.num_children === undefined) {
      lines.push(`${indent}${repetition} ${PRIMITIVE[element.type!]} ${element.name}${annotation};`);
      return;
    }
    lines.push(`${indent}${repetition} group ${element.name}${annotation} {`);
    for (let i = 0; i < element.num_children; i++) print(depth + 1);
    lines.push(`${indent}}`);
  };
  const root = elements[at++]!;
  lines.push(`message ${root.name} {`);
  for (let i = 0; i < root.num_children!; i++) print(1);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * A row group ends at this many rows, or once its rows' rendered text reaches ROW_GROUP_CHARS,
 * whichever comes first: a few thousand rows, each group written and let go before the next, so
 * that memory stays bounded however long the run and however long its dispatches. Both are counted
 * on what every thread count gives alike (rows, and the length of each row's text), so the groups,
 * and the file, are the same bytes with and without worker threads. Measured on the bench corpus:
 * time is flat from 1,024 to 8,192 rows a group; memory grows with the group.
 */
export const ROW_GROUP_ROWS = 4096;
const ROW_GROUP_CHARS = 8 * 1024 * 1024;

const DAY_MS = 86_400_000;

/** A column's value as the writer takes it from the rendered JSON: dates as days since 1970-01-01. */
function parquetValue(type: ColumnType | undefined, value: CellValue): CellValue {
  if (type === 'date' && typeof value === 'string') return Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))) / DAY_MS;
  return value;
}

function parquetRow<T>(columns: ReadonlyArray<Column<T>>, from: T): CellValue[] {
  const row = rowOf(columns, from);
  for (let i = 0; i < row.length; i++) row[i] = parquetValue(columns[i]!.type, row[i]!);
  return row;
}

const WARNING_FIELDS = WARNING_COLUMNS.filter((column) => column.name !== 'position');

/** One dispatch's row: its scalar columns, its paragraphs, and its warnings as [code, line, message, text, byte_offset, count]. */
function dispatchRow(document: Dispatch): unknown[] {
  const row: unknown[] = parquetRow(DISPATCH_COLUMNS, document);
  row.push(document.lead.paragraphs);
  row.push(document.warnings.map((warning, position) => parquetRow(WARNING_FIELDS, { warning, position })));
  return row;
}

/** Each teaser's row. */
function teaserRows(document: Dispatch): unknown[][] {
  return document.teasers.map((teaser, position) => [document.id, document.source.path, ...parquetRow(TEASER_COLUMNS, { teaser, position })]);
}

/** What a value becomes in the writer's column data: text as UTF-8 bytes (faster to write than strings), INT64 as bigint. */
function columnValue(field: ParquetField, value: unknown): unknown {
  if (value === null) return null;
  if (field.type === 'text') return Buffer.from(value as string);
  if (field.type === 'bigint') return BigInt(value as number);
  if (field.list?.type === 'text') return (value as string[]).map((item) => Buffer.from(item));
  if (field.list?.fields) {
    const fields = field.list.fields;
    return (value as unknown[][]).map((item) => {
      const struct: Record<string, unknown> = {};
      fields.forEach((child, i) => (struct[child.name] = child.type === 'bigint' && item[i] !== null ? BigInt(item[i] as number) : item[i]));
      return struct;
    });
  }
  return value;
}

interface ParquetWriterLike {
  write(options: { columnData: Array<{ name: string; data: unknown[]; statistics?: boolean }>; rowGroupSize?: number }): void | Promise<void>;
  finish(): void | Promise<void>;
  /** The row groups written so far, kept for the footer. */
  row_groups?: Array<{ columns: Array<{ meta_data?: { statistics?: { min_value?: unknown; max_value?: unknown } } }> }>;
}

/**
 * The writer keeps every row group's statistics until it writes the footer, at the end: for text,
 * a column's smallest and largest value are the values themselves, Buffers that share Node's 8 KB
 * allocation pool with their neighbours, each keeping its whole pool alive (measured at 100,000
 * dispatches: 611 pools, 5 MB, held for 24 KB of statistics, and growing with the run). Those of
 * the groups from `from` on are replaced by copies of their own bytes: the same bytes in the footer.
 */
function detachStatistics(writer: ParquetWriterLike, from: number): void {
  for (const group of writer.row_groups?.slice(from) ?? []) {
    for (const column of group.columns) {
      const statistics = column.meta_data?.statistics;
      if (statistics === undefined) continue;
      if (statistics.min_value instanceof Uint8Array) statistics.min_value = new Uint8Array(statistics.min_value);
      if (statistics.max_value instanceof Uint8Array) statistics.max_value = new Uint8Array(statistics.max_value);
    }
  }
}

/** Columns whose min and max say nothing worth a reader's skipping row groups: long text and lists. */
const NO_STATISTICS = new Set(['text', 'title', 'paragraphs', 'warnings', 'url', 'archive_uri', 'dateline', 'teaser_heading']);

class ParquetTableWriter implements TableWriter {
  records = 0;
  private columns: unknown[][];
  /** Characters of rendered rows in the group being gathered. */
  private chars = 0;

  constructor(
    private readonly writer: ParquetWriterLike,
    private readonly fields: readonly ParquetField[],
  ) {
    this.columns = fields.map(() => []);
  }

  async add(_input: TableInput, dispatches: ReadonlyArray<readonly Piece[]>, kept: readonly number[]): Promise<void> {
    for (const index of kept) {
      for (const record of dispatches[index]!) {
        const text = recordText(record);
        const row = JSON.parse(text) as unknown[];
        for (let i = 0; i < this.fields.length; i++) this.columns[i]!.push(columnValue(this.fields[i]!, row[i]));
        this.records++;
        this.chars += text.length;
        if (this.columns[0]!.length >= ROW_GROUP_ROWS || this.chars >= ROW_GROUP_CHARS) await this.flush();
      }
    }
  }

  /** Writes the rows gathered as one row group. */
  private async flush(): Promise<void> {
    const rows = this.columns[0]!.length;
    if (rows === 0) return;
    const columnData = this.fields.map((field, i) => ({ name: field.name, data: this.columns[i]!, ...(NO_STATISTICS.has(field.name) ? { statistics: false } : {}) }));
    this.columns = this.fields.map(() => []);
    this.chars = 0;
    const groups = this.writer.row_groups?.length ?? 0;
    await this.writer.write({ columnData, rowGroupSize: rows });
    detachStatistics(this.writer, groups);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writer.finish();
  }

  abort(): void {
    this.columns = [];
  }
}

/** Bytes gathered before they are handed to the output. */
const SPILL_BYTES = 1024 * 1024;

async function openParquet(spec: OutputSpec, to: TableDestination, run: TableRun): Promise<TableWriter> {
  if (!('sink' in to)) throw new Error('Parquet is written to a sink');
  const { ByteWriter, ParquetWriter } = await import('hyparquet-writer');
  const { sink } = to;
  // The writer's buffer is handed to the output as it fills, and after each row group.
  const bytes = new ByteWriter();
  const spill = () => {
    if (bytes.index === 0) return;
    sink.write(new Uint8Array(bytes.buffer, 0, bytes.index));
    bytes.index = 0;
  };
  const grow = bytes.ensure.bind(bytes);
  bytes.ensure = (size: number) => {
    if (bytes.index > SPILL_BYTES) spill();
    grow(size);
  };
  Object.assign(bytes, {
    flush: () => {
      spill();
      return sink.maybeFlush();
    },
    finish: spill,
  });
  const fields = parquetFields(spec.records);
  const writer = new ParquetWriter({
    writer: bytes,
    schema: schemaElements(fields, spec.records) as never,
    codec: 'SNAPPY',
    createdBy: `kcna-parse version ${run.toolVersion}`,
    kvMetadata: [
      { key: 'kcna-parse.schema_version', value: SCHEMA_VERSION },
      { key: 'kcna-parse.records', value: spec.records },
      { key: 'kcna-parse.created_at', value: run.createdAt },
    ],
  });
  return new ParquetTableWriter(writer as ParquetWriterLike, fields);
}

export const parquetFormat: TableFormat<'parquet'> = {
  kind: 'table',
  name: 'parquet',
  extensions: ['.parquet'],
  recordKinds: ['dispatches', 'teasers'],
  options: [],
  noun: 'a Parquet file',
  destination: 'sink',
  schema: (records) => ({ text: parquetSchemaText(records) }),
  async renderer(spec): Promise<Renderer> {
    return spec.records === 'teasers' ? (document) => teaserRows(document).map((row) => JSON.stringify(row)) : (document) => [JSON.stringify(dispatchRow(document))];
  },
  open: openParquet,
};
