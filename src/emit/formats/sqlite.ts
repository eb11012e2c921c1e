/**
 * SQLite: one database file with typed tables (dispatches, paragraphs, teasers, warnings, inputs,
 * meta), real NULLs and INTEGER columns, primary and foreign keys, written with node-sqlite3-wasm
 * (SQLite compiled to WebAssembly: nothing to compile or download on install), loaded when a run
 * writes SQLite.
 *
 * The tables below are the one source of the DDL the database is made with, of what
 * `kcna-parse schema --format sqlite` prints and of docs/fields.md. A dispatch's key is a
 * surrogate INTEGER (its position in the run's output, from 1): the content id is not unique
 * across inputs without --dedupe (the same story captured twice), so it is an indexed column.
 *
 * The renderer runs wherever the documents are parsed (a worker thread too): it turns a document
 * into one compact JSON text of its rows; the writer, in the thread that writes, parses it and
 * inserts the rows in transactions of a few thousand, so that memory stays bounded whatever the run.
 * The indexes are made with the tables and kept up to date as the rows go in: this build of SQLite
 * keeps its temporary files in memory (SQLITE_TEMP_STORE=3, which no pragma overrides), so an index
 * made at the end would sort all its keys in memory (72 MB at 100,000 files, growing with the run).
 */
import { SCHEMA_VERSION } from '../../parse/parse.js';
import type { Dispatch } from '../../schema/types.js';
import type { OutputSpec, Piece, Renderer, TableDestination, TableFormat, TableInput, TableRun, TableWriter } from '../writer.js';
import { DISPATCH_COLUMNS, PARAGRAPH_JOIN, recordText, rowOf, TEASER_COLUMNS, WARNING_COLUMNS, type CellValue, type Column, type ColumnType } from './columns.js';

/** A column of a table, as SQL declares it. */
export interface SqlColumn {
  name: string;
  type: 'TEXT' | 'INTEGER';
  notNull: boolean;
  /** A column holding a YYYY-MM-DD date (TEXT: SQLite's date functions read it), or a 0/1 boolean. */
  holds?: 'date' | 'boolean';
  /** `table (column)` this column refers to. */
  references?: string;
  /** `INTEGER PRIMARY KEY`: the table's rowid. */
  primaryKey?: boolean;
  check?: string;
  description: string;
}

export interface SqlTable {
  name: string;
  description: string;
  columns: SqlColumn[];
  /** A primary key of several columns. */
  primaryKey?: string[];
}

export interface SqlIndex {
  name: string;
  table: string;
  columns: string[];
}

const SQL_TYPES: Record<ColumnType, SqlColumn['type']> = { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', boolean: 'INTEGER', date: 'TEXT' };

function sqlColumn<T>(column: Column<T>): SqlColumn {
  const holds = column.type === 'date' || column.type === 'boolean' ? { holds: column.type } : {};
  return { name: column.name, type: SQL_TYPES[column.type], notNull: !column.nullable, ...holds, description: column.description };
}

const dispatchKey = (description: string): SqlColumn => ({ name: 'dispatch', type: 'INTEGER', notNull: true, references: 'dispatches (dispatch)', description });

/** The tables, in the order they are made (a table before those that refer to it). */
export const SQLITE_TABLES: readonly SqlTable[] = [
  {
    name: 'meta',
    description: "Facts about the database: keys 'tool' (kcna-parse), 'tool_version', 'schema_version' (the dispatch schema the rows follow) and 'created_at' (ISO 8601, UTC; SOURCE_DATE_EPOCH when set, so that a run can be reproduced byte for byte).",
    columns: [
      { name: 'key', type: 'TEXT', notNull: true, primaryKey: true, description: 'The name of the fact.' },
      { name: 'value', type: 'TEXT', notNull: true, description: 'Its value.' },
    ],
  },
  {
    name: 'inputs',
    description: 'Every input of the run, in input order, whatever became of it: converted, failed (with the error) or duplicate (every dispatch it held was dropped by --dedupe).',
    columns: [
      { name: 'input', type: 'INTEGER', notNull: true, primaryKey: true, description: 'Position of the input in the run, from 1.' },
      { name: 'path', type: 'TEXT', notNull: true, description: "The input as messages name it: its path, '-' for standard input, 'archive.warc.gz@offset' for a web archive's record." },
      { name: 'sha256', type: 'TEXT', notNull: false, description: "The SHA-256 of the input's bytes (of a web archive's record, its payload's); null for an input that failed." },
      { name: 'status', type: 'TEXT', notNull: true, check: "status IN ('converted', 'failed', 'duplicate')", description: "'converted', 'failed' or 'duplicate', as in the --report file." },
      { name: 'error_code', type: 'TEXT', notNull: false, description: 'Why it failed: the error code (docs/errors.md); null unless it failed.' },
      { name: 'error_message', type: 'TEXT', notNull: false, description: 'The error message; null unless it failed.' },
      { name: 'dispatch_count', type: 'INTEGER', notNull: true, description: 'Dispatches of the input in the dispatches table (those --dedupe dropped are not).' },
    ],
  },
  {
    name: 'dispatches',
    description:
      'One row per dispatch, in output order: the scalar facts of the JSON document. Its key is a number, not the content id, which is not unique across inputs without --dedupe (id is indexed).',
    columns: [
      { name: 'dispatch', type: 'INTEGER', notNull: true, primaryKey: true, description: 'Position of the dispatch in the run\'s output, from 1: the key the other tables refer to.' },
      { name: 'input', type: 'INTEGER', notNull: true, references: 'inputs (input)', description: 'The input it came from.' },
      ...DISPATCH_COLUMNS.map(sqlColumn),
    ],
  },
  {
    name: 'paragraphs',
    description: "The lead's paragraphs, one row each, in order.",
    columns: [
      dispatchKey('The dispatch the paragraph belongs to.'),
      { name: 'position', type: 'INTEGER', notNull: true, description: 'Position of the paragraph in the lead, from 0 (the index of lead.paragraphs[] in the JSON).' },
      { name: 'text', type: 'TEXT', notNull: true, description: 'lead.paragraphs[]: the paragraph as written.' },
      { name: 'line', type: 'INTEGER', notNull: true, description: 'lead.paragraphLines[]: its first line.' },
      { name: 'end_line', type: 'INTEGER', notNull: true, description: 'lead.paragraphEndLines[]: its last line.' },
    ],
    primaryKey: ['dispatch', 'position'],
  },
  {
    name: 'teasers',
    description: "The page's teaser list entries, in order (on the first dispatch of a file only).",
    columns: [dispatchKey('The dispatch whose page lists the teaser.'), ...TEASER_COLUMNS.map(sqlColumn)],
    primaryKey: ['dispatch', 'position'],
  },
  {
    name: 'warnings',
    description: 'What the parser noticed, per dispatch, in input order (page-level warnings go with the first dispatch of a file).',
    columns: [dispatchKey('The dispatch the warning is about.'), ...WARNING_COLUMNS.map(sqlColumn)],
    primaryKey: ['dispatch', 'position'],
  },
];

/** The indexes, made with the tables (see the top of this file). */
export const SQLITE_INDEXES: readonly SqlIndex[] = [
  { name: 'dispatches_id', table: 'dispatches', columns: ['id'] },
  { name: 'dispatches_date', table: 'dispatches', columns: ['date'] },
  { name: 'dispatches_year', table: 'dispatches', columns: ['year'] },
  { name: 'dispatches_input', table: 'dispatches', columns: ['input'] },
  { name: 'teasers_date', table: 'teasers', columns: ['date'] },
  { name: 'warnings_code', table: 'warnings', columns: ['code'] },
];

function createTable(table: SqlTable): string {
  const lines = table.columns.map((column) => {
    let line = `  ${column.name} ${column.type}`;
    if (column.primaryKey) line += ' PRIMARY KEY';
    else if (column.notNull) line += ' NOT NULL';
    if (column.references) line += ` REFERENCES ${column.references}`;
    if (column.check) line += ` CHECK (${column.check})`;
    return line;
  });
  if (table.primaryKey) lines.push(`  PRIMARY KEY (${table.primaryKey.join(', ')})`);
  return `CREATE TABLE ${table.name} (\n${lines.join(',\n')}\n);`;
}

function createIndex(index: SqlIndex): string {
  return `CREATE INDEX ${index.name} ON ${index.table} (${index.columns.join(', ')});`;
}

/** The CREATE statements of the database, tables then indexes: what `kcna-parse schema --format sqlite` prints. */
export function sqliteDdl(): string {
  return `${[...SQLITE_TABLES.map(createTable), ...SQLITE_INDEXES.map(createIndex)].join('\n\n')}\n`;
}

/** Page size, journal and sync: the database is a temporary file renamed into place at the end, which is what makes it safe. */
const PRAGMAS = 'PRAGMA page_size = 16384; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;';

/** Rows inserted between two commits: transactions of a few thousand rows keep memory bounded. */
const ROWS_PER_TRANSACTION = 8192;

/** Rows of a child table inserted by one statement (fewer calls into SQLite per row). */
const ROWS_PER_STATEMENT = 16;

const sqlValue = (value: CellValue): CellValue => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

/** A row of the columns, as SQLite stores it (booleans as 1 and 0). */
function sqlRow<T>(columns: ReadonlyArray<Column<T>>, from: T): CellValue[] {
  const row = rowOf(columns, from);
  for (let i = 0; i < row.length; i++) row[i] = sqlValue(row[i]!);
  return row;
}

/**
 * What the renderer gives for one dispatch: its row of dispatches (without the keys the writer
 * assigns), its paragraphs ([position, text, line, end_line]), teasers and warnings (without the
 * dispatch key).
 */
type DispatchRows = [CellValue[], CellValue[][], CellValue[][], CellValue[][]];

/** Where the paragraphs joined go in a row of dispatches: sent empty, filled in by the writer from the paragraphs (the text is sent once). */
const TEXT = DISPATCH_COLUMNS.findIndex((column) => column.name === 'text');

function dispatchRows(document: Dispatch): DispatchRows {
  const { lead } = document;
  const row = sqlRow(DISPATCH_COLUMNS, document);
  row[TEXT] = null;
  return [
    row,
    lead.paragraphs.map((paragraph, i) => [i, paragraph, lead.paragraphLines[i]!, lead.paragraphEndLines[i]!]),
    document.teasers.map((teaser, position) => sqlRow(TEASER_COLUMNS, { teaser, position })),
    document.warnings.map((warning, position) => sqlRow(WARNING_COLUMNS, { warning, position })),
  ];
}

const SHA256 = DISPATCH_COLUMNS.findIndex((column) => column.name === 'sha256');

/** A value as it is bound: text as its UTF-8 bytes (see insertSql). */
type Bound = number | Uint8Array | null;

interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  run(sql: string, values?: CellValue[]): unknown;
  close(): void;
}
interface Statement {
  run(values: Bound[]): unknown;
  finalize(): void;
}

/**
 * The INSERT of `rows` rows of a table. Text is bound as its UTF-8 bytes and cast back to TEXT:
 * node-sqlite3-wasm encodes a bound string in JavaScript, character by character, and ends it at
 * its first NUL; bytes are copied whole (measured twice as fast, and a NUL a text kept stays).
 */
function insertSql(table: SqlTable, rows: number): string {
  const row = `(${table.columns.map((column) => (column.type === 'TEXT' ? 'CAST(? AS TEXT)' : '?')).join(', ')})`;
  return `INSERT INTO ${table.name} VALUES ${new Array<string>(rows).fill(row).join(', ')}`;
}

/**
 * Rows of one table, inserted `batch` at a time. The rows left when the table is flushed with fewer
 * go in one statement too, of as many rows (prepared when first needed): the same rows inserted in
 * the same order, in one call into SQLite instead of one call each (most inputs' paragraphs never
 * reach a batch, and their rows were inserted one by one).
 */
class TableInserter {
  /** The INSERT of n rows, by n, prepared when first needed. */
  private readonly statements = new Map<number, Statement>();
  private readonly values: Bound[] = [];
  private rows = 0;

  constructor(
    private readonly db: Database,
    private readonly table: SqlTable,
    private readonly batch: number,
  ) {
    this.statement(1);
    this.statement(batch);
  }

  private statement(rows: number): Statement {
    let statement = this.statements.get(rows);
    if (statement === undefined) this.statements.set(rows, (statement = this.db.prepare(insertSql(this.table, rows))));
    return statement;
  }

  /** Adds a row: its keys, then the values the renderer gave. */
  add(keys: readonly number[], row: readonly CellValue[]): void {
    for (const key of keys) this.values.push(key);
    for (const value of row) this.values.push(typeof value === 'string' ? Buffer.from(value, 'utf8') : (value as Bound));
    if (++this.rows === this.batch) this.flush();
  }

  /** Inserts the rows added. */
  flush(): void {
    if (this.rows > 0) this.statement(this.rows).run(this.values);
    this.values.length = 0;
    this.rows = 0;
  }

  finalize(): void {
    for (const statement of this.statements.values()) statement.finalize();
  }
}

class SqliteWriter implements TableWriter {
  records = 0;
  private inputs = 0;
  private pending = 0;
  private readonly inputRows: TableInserter;
  private readonly dispatchRows: TableInserter;
  private readonly children: [TableInserter, TableInserter, TableInserter];
  private closed = false;

  constructor(private readonly db: Database) {
    const [, inputs, dispatches, paragraphs, teasers, warnings] = SQLITE_TABLES as [SqlTable, SqlTable, SqlTable, SqlTable, SqlTable, SqlTable];
    this.inputRows = new TableInserter(db, inputs, 1);
    this.dispatchRows = new TableInserter(db, dispatches, 1);
    this.children = [new TableInserter(db, paragraphs, ROWS_PER_STATEMENT), new TableInserter(db, teasers, ROWS_PER_STATEMENT), new TableInserter(db, warnings, ROWS_PER_STATEMENT)];
    db.exec('BEGIN');
  }

  async add(input: TableInput, dispatches: ReadonlyArray<readonly Piece[]>, kept: readonly number[]): Promise<void> {
    const inputKey = ++this.inputs;
    const rows = kept.map((index) => JSON.parse(recordText(dispatches[index]![0]!)) as DispatchRows);
    // The input's bytes are those of each of its dispatches: its hash is read from the first.
    const first = rows[0] ?? (dispatches[0]?.[0] === undefined ? undefined : (JSON.parse(recordText(dispatches[0][0])) as DispatchRows));
    const sha256 = first?.[0][SHA256] ?? null;
    this.inputRows.add([inputKey], [input.path, sha256, input.status, input.error?.code ?? null, input.error?.message ?? null, rows.length]);
    let added = 1;
    for (const [dispatch, ...lists] of rows) {
      const key = ++this.records;
      dispatch[TEXT] = lists[0].map((paragraph) => paragraph[1]).join(PARAGRAPH_JOIN);
      this.dispatchRows.add([key, inputKey], dispatch);
      added++;
      lists.forEach((list, table) => {
        for (const row of list) this.children[table]!.add([key], row);
        added += list.length;
      });
    }
    // Before the next input's rows: a commit takes every row added so far.
    for (const child of this.children) child.flush();
    this.pending += added;
    if (this.pending >= ROWS_PER_TRANSACTION) {
      this.pending = 0;
      this.db.exec('COMMIT; BEGIN');
    }
  }

  async finish(): Promise<void> {
    this.db.exec('COMMIT');
    this.close();
  }

  abort(): void {
    try {
      this.close();
    } catch {
      // The file is removed whatever state it is in.
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    // node-sqlite3-wasm frees a statement's and a database's memory only when told to.
    for (const inserter of [this.inputRows, this.dispatchRows, ...this.children]) inserter.finalize();
    this.db.close();
  }
}

/** Opens the database at `file` (an empty file the caller made) and makes its tables. */
async function openDatabase(file: string, run: TableRun): Promise<SqliteWriter> {
  // V8 compiles WebAssembly twice: at once (Liftoff), then the hot functions again, optimised, in
  // the background, and that compiler's working memory was most of what SQLite cost over NDJSON
  // (about 30 MiB of a run's peak, for about 5% of the writer's time). Only the command line
  // writes SQLite (the library exports no table writer), and its process compiles no other
  // WebAssembly: the flag, which V8 reads when it compiles a module, is set before SQLite loads.
  // A V8 that no longer knew the flag would print "unrecognized flag" on standard error: it is set
  // only on the V8 versions known to define it (11 to 13, those of Node 20 to 24); others compile
  // as V8 chooses, in about 30 MiB more.
  const v8Major = Number(process.versions.v8.split('.')[0]);
  if (v8Major >= 11 && v8Major <= 13) (await import('node:v8')).setFlagsFromString('--liftoff-only');
  const { default: sqlite } = await import('node-sqlite3-wasm');
  const db = new sqlite.Database(file) as unknown as Database;
  try {
    db.exec(PRAGMAS);
    db.exec(SQLITE_TABLES.map(createTable).join('\n'));
    db.exec(SQLITE_INDEXES.map(createIndex).join('\n'));
    const meta: Array<[string, string]> = [
      ['tool', 'kcna-parse'],
      ['tool_version', run.toolVersion],
      ['schema_version', SCHEMA_VERSION],
      ['created_at', run.createdAt],
    ];
    for (const row of meta) db.run('INSERT INTO meta VALUES (?, ?)', row);
    return new SqliteWriter(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

export const sqliteFormat: TableFormat<'sqlite'> = {
  kind: 'table',
  name: 'sqlite',
  extensions: ['.sqlite', '.db', '.sqlite3'],
  recordKinds: ['dispatches'],
  recordKindsNote: 'the database holds the teasers in its teasers table',
  options: [],
  noun: 'a database',
  destination: 'path',
  schema: () => ({ text: sqliteDdl() }),
  async renderer(): Promise<Renderer> {
    return (document) => [JSON.stringify(dispatchRows(document))];
  },
  open(_spec: OutputSpec, to: TableDestination, run: TableRun): Promise<TableWriter> {
    if (!('path' in to)) throw new Error('SQLite writes a file at a path');
    return openDatabase(to.path, run);
  },
};
