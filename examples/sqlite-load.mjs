// Loads a corpus of dispatch dumps into SQLite: one row per distinct dispatch in `dispatches`, one
// row per teaser list entry in `teasers`. A dispatch whose content id is already in the database
// (the same story captured twice, or from two mirrors) is skipped, so loading is idempotent.
//
// SQLite comes from sql.js, SQLite compiled to WebAssembly: nothing to compile at install time
// (`npm install sql.js`). sql.js keeps the database in memory: the file is read whole when it
// exists, and written back at the end, atomically (a temporary file beside it, renamed over it),
// so an interrupted run leaves the previous database as it was. Run it with the package built
// (`npm run build`), from this repository or from a project that installed kcna-parse:
//
//   node examples/sqlite-load.mjs corpus.db examples/archive
//   sqlite3 corpus.db "SELECT place, count(*) FROM dispatches GROUP BY place"
//
// Inputs that are not dispatches are reported on standard error and left out.
//
// The command line writes a database of every field itself (`kcna-parse examples/archive -o
// kcna.sqlite`, tables in docs/fields.md); this script shows the library, loading into a database
// of your own, run after run.
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { parseFiles } from 'kcna-parse';

const [file, ...patterns] = process.argv.slice(2);
if (file === undefined || patterns.length === 0) {
  console.error('usage: node examples/sqlite-load.mjs <database file> <files, directories or glob patterns>...');
  process.exit(2);
}

const SQL = await initSqlJs();
const db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
db.run('PRAGMA foreign_keys = ON');
db.run(`
  CREATE TABLE IF NOT EXISTS dispatches (
    id          TEXT PRIMARY KEY,    -- content id, shared by captures of the same story
    path        TEXT,                -- the first file it was loaded from
    sha256      TEXT NOT NULL,
    title       TEXT,
    place       TEXT,                -- dateline place, month and day; the year is often unknown
    month       INTEGER,
    day         INTEGER,
    date        TEXT,                -- YYYY-MM-DD when the year is known
    body        TEXT NOT NULL,       -- paragraphs, one per line
    word_count  INTEGER NOT NULL,
    warnings    INTEGER NOT NULL,
    document    TEXT NOT NULL        -- the whole JSON document, for json_extract()
  ) STRICT;
  CREATE TABLE IF NOT EXISTS teasers (
    dispatch_id TEXT NOT NULL REFERENCES dispatches (id),
    position    INTEGER NOT NULL,    -- 1-based, in list order
    text        TEXT NOT NULL,
    date        TEXT NOT NULL,       -- the date the list shows for the entry
    place       TEXT,                -- the teaser's own dateline place, if it has one
    PRIMARY KEY (dispatch_id, position)
  ) STRICT;
`);

const insertDispatch = db.prepare(`
  INSERT INTO dispatches (id, path, sha256, title, place, month, day, date, body, word_count, warnings, document)
  VALUES ($id, $path, $sha256, $title, $place, $month, $day, $date, $body, $wordCount, $warnings, $document)
  ON CONFLICT (id) DO NOTHING`);
const insertTeaser = db.prepare('INSERT INTO teasers (dispatch_id, position, text, date, place) VALUES (?, ?, ?, ?, ?)');

/** Inserts one document with its teasers; false when its id was already loaded. */
function load(document) {
  const { lead } = document;
  insertDispatch.run({
    $id: document.id,
    $path: document.source.path,
    $sha256: document.source.sha256,
    $title: lead.title,
    $place: lead.dateline?.place ?? null,
    $month: lead.dateline?.month ?? null,
    $day: lead.dateline?.day ?? null,
    $date: lead.date,
    $body: lead.paragraphs.join('\n'),
    $wordCount: lead.wordCount,
    $warnings: document.warnings.length,
    $document: JSON.stringify(document),
  });
  if (db.getRowsModified() === 0) return false;
  document.teasers.forEach((teaser, index) => insertTeaser.run([document.id, index + 1, teaser.text, teaser.date, teaser.dateline?.place ?? null]));
  return true;
}

const counts = { loaded: 0, teasers: 0, duplicates: 0, failed: 0 };
// One transaction for the run: the database in memory changes as documents come, the file only
// once they are all in.
db.run('BEGIN');
for await (const result of parseFiles(patterns)) {
  if (!result.ok) {
    counts.failed++;
    console.error(`${result.display}: ${result.error.code}: ${result.error.message}`);
  } else if (load(result.document)) {
    counts.loaded++;
    counts.teasers += result.document.teasers.length;
  } else {
    counts.duplicates++;
  }
}
db.run('COMMIT');
insertDispatch.free();
insertTeaser.free();

const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
try {
  writeFileSync(temporary, db.export(), { flush: true });
  renameSync(temporary, file);
} catch (error) {
  if (existsSync(temporary)) unlinkSync(temporary);
  throw error;
} finally {
  db.close();
}
console.log(
  `loaded ${counts.loaded} dispatches and ${counts.teasers} teasers into ${file}; ` +
    `${counts.duplicates} already loaded${counts.failed ? `, ${counts.failed} inputs not converted` : ''}`,
);
