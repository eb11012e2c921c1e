#!/usr/bin/env node
/**
 * The typed outputs against NDJSON (`npm run bench:formats`, which builds first): the same corpus
 * written as NDJSON, as a SQLite database and as a Parquet file, side by side in one run, with the
 * ratios the goals are stated in ("SQLite ≤ 2x and Parquet ≤ 1.5x the NDJSON wall; peak RSS of
 * both ≤ 1.3x NDJSON's at 100k files"). Ratios come from the same run: absolute figures on a
 * shared machine drift from one minute to the next.
 *
 *   node bench/formats.mjs [--files 20000] [--runs 3] [--full] [--keep]
 *
 *   --files N  corpus size for the timed rounds (default 20000, bench/corpus.mjs's corpus)
 *   --runs N   measured rounds, after one warm-up round (default 3); each round runs the three
 *              formats in the default mode and with --jobs 1, interleaved, so drift hits all alike
 *   --full     also the three formats at 100,000 files (one run each, default mode and --jobs 1),
 *              for peak RSS: generating that corpus takes minutes, and it is removed at the end if
 *              this run made it, unless --keep
 *   --keep     keep the outputs (and a 100k corpus this run made)
 *
 * Wall time is hrtime around the child; peak RSS and CPU (user + system) from GNU time
 * (`/usr/bin/time -f '%M %U %S'`). Every run must exit 0 or 1 (the corpus holds broken files on
 * purpose, which make kcna-parse exit 1) and leave its output: NDJSON's lines are counted, the
 * database's `select count(*) from dispatches` and the Parquet file's row count (its footer, read
 * with hyparquet) must equal them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { DEFAULT_ROOT, ensureCorpus } from './corpus.mjs';
import { fmt, log, median, positive } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin', 'kcna-parse.js');
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const { values: opts } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    full: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const FILES = positive(opts.files, '--files');
const RUNS = positive(opts.runs, '--runs');
const FULL_FILES = 100_000;


const div = (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : a / b);
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-bench-formats-'));
const timeFile = path.join(scratch, 'time.txt');
const made = [];

// ---------------------------------------------------------------- measuring one command

/** Runs a command: wall ms (hrtime around the child); from GNU time, peak RSS (KiB) and CPU seconds (user + system). */
function measure(command, args, errFile) {
  const err = fs.openSync(errFile, 'w');
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, command, ...args] : [command, ...args];
  fs.rmSync(timeFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: REPO, stdio: ['ignore', 'ignore', err] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fs.closeSync(err);
  if (result.error) throw result.error;
  let rssKiB = null;
  let cpuS = null;
  if (fs.existsSync(timeFile)) {
    // GNU time puts "Command exited with non-zero status N" before the figures: take the last line.
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().trim().split(/\s+/).map(Number);
    if (last.length === 3 && last.every(Number.isFinite)) [rssKiB, cpuS] = [last[0], last[1] + last[2]];
  }
  return { ms, rssKiB, cpuS, status: result.status, signal: result.signal };
}

// ---------------------------------------------------------------- checking an output

const countLines = (file) => {
  const bytes = fs.readFileSync(file);
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

function sqliteRows(file) {
  const sqlite3 = spawnSync('sqlite3', [file, 'select count(*) from dispatches'], { encoding: 'utf8' });
  if (sqlite3.error) {
    // No sqlite3 command: ask the library kcna-parse writes with.
    const script = `const { default: s } = await import('node-sqlite3-wasm'); const db = new s.Database(process.argv[1], { readOnly: true }); console.log(db.get('select count(*) AS n from dispatches').n); db.close();`;
    return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: REPO, encoding: 'utf8' }).trim());
  }
  if (sqlite3.status !== 0) throw new Error(`sqlite3 ${file}: ${sqlite3.stderr.trim()}`);
  return Number(sqlite3.stdout.trim());
}

async function parquetRows(file) {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
  return Number(metadata.num_rows);
}

/** The rows an output holds, after its run's status was checked. */
async function rowsOf(format, file) {
  if (!fs.existsSync(file)) throw new Error(`${file} was not written`);
  if (format === 'ndjson') return countLines(file);
  if (format === 'sqlite') return sqliteRows(file);
  return parquetRows(file);
}

// ---------------------------------------------------------------- the runs

const FORMATS = ['ndjson', 'sqlite', 'parquet'];
const MODES = [
  { key: 'default', label: '', args: [] },
  { key: 'jobs1', label: ' --jobs 1', args: ['--jobs', '1'] },
];

function variants(tag) {
  return MODES.flatMap((mode) =>
    FORMATS.map((format) => {
      const out = path.join(scratch, `${tag}-${mode.key}.${format}`);
      return { key: `${format}.${mode.key}`, format, mode: mode.key, label: `-f ${format}${mode.label}`, out, err: path.join(scratch, `${tag}-${mode.key}-${format}.err`), args: ['-f', format, '-o', out, '--quiet', ...mode.args] };
    }),
  );
}

/** One run of a variant, checked: exit status 0 or 1, the output there, its rows. */
async function runChecked(corpusDir, v) {
  fs.rmSync(v.out, { force: true });
  const run = measure(process.execPath, [BIN, corpusDir, ...v.args], v.err);
  if (run.status !== 0 && run.status !== 1) {
    const tail = fs.readFileSync(v.err, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`kcna-parse ${v.label} exited with ${run.status ?? run.signal}:\n${tail}`);
  }
  run.rows = await rowsOf(v.format, v.out);
  run.bytes = fs.statSync(v.out).size;
  return run;
}

/** The rows of a round must agree: every format and mode holds as many dispatches as NDJSON has lines. */
function agree(round, runs) {
  const expected = runs['ndjson.default'].rows;
  for (const [key, run] of Object.entries(runs)) {
    if (run.rows !== expected) throw new Error(`${round}: ${key} holds ${run.rows} rows, NDJSON ${expected}`);
  }
  return expected;
}

async function rounds(corpus, count, tag) {
  const list = variants(tag);
  const samples = Object.fromEntries(list.map((v) => [v.key, []]));
  let rows = null;
  for (let round = tag === 'main' ? 0 : 1; round <= count; round++) {
    log(round === 0 ? `${tag}: warm-up round (load ${loadavg()})` : `${tag}: round ${round}/${count} (load ${loadavg()})`);
    const runs = {};
    for (const v of list) {
      runs[v.key] = await runChecked(corpus.dir, v);
      log(`  ${v.label}: ${fmt(runs[v.key].ms / 1000, 2)} s, ${fmt(runs[v.key].cpuS, 2)} s CPU, ${fmt(runs[v.key].rssKiB / 1024, 1)} MiB`);
      if (round > 0) samples[v.key].push(runs[v.key]);
    }
    rows = agree(`${tag} round ${round}`, runs);
  }
  const result = {};
  for (const v of list) {
    const s = samples[v.key];
    result[v.key] = {
      label: v.label,
      format: v.format,
      mode: v.mode,
      ms: median(s.map((r) => r.ms)),
      cpuS: median(s.map((r) => r.cpuS)),
      rssMiB: div(median(s.map((r) => r.rssKiB)), 1024),
      bytes: s.at(-1).bytes,
      samplesMs: s.map((r) => Math.round(r.ms)),
    };
  }
  return { rows, result };
}

// ---------------------------------------------------------------- the machine

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const git = (args) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' });
  const commit = git(['rev-parse', '--short', 'HEAD']).stdout?.trim() || 'n/a';
  const dirty = (git(['status', '--porcelain', '--', 'src', 'scripts']).stdout ?? '').trim() !== '';
  return { commit: dirty ? `${commit} (src/ or scripts/ changed since)` : commit, cpu, cores: os.availableParallelism(), memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1), node: process.version };
}

// ---------------------------------------------------------------- report

function table(r, corpus) {
  const lines = [
    `Corpus: ${corpus.files} files, ${fmt(corpus.bytes / 1e6, 1)} MB, ${r.rows} dispatches; ${RUNS} measured rounds after a warm-up, medians.`,
    '',
    '| Command: kcna-parse <corpus> … -o FILE --quiet | Wall (s) | CPU (s) | Peak RSS (MiB) | Output (MB) | Wall / NDJSON | RSS / NDJSON | Runs (s) |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of Object.values(r.result)) {
    const base = r.result[`ndjson.${row.mode}`];
    lines.push(
      `| ${row.label} | ${fmt(row.ms / 1000, 2)} | ${fmt(row.cpuS, 2)} | ${fmt(row.rssMiB, 1)} | ${fmt(row.bytes / 1e6, 1)} | ${fmt(row.ms / base.ms)}x | ${fmt(div(row.rssMiB, base.rssMiB))}x | ${row.samplesMs.map((ms) => fmt(ms / 1000, 2)).join(', ')} |`,
    );
  }
  return lines.join('\n');
}

function fullTable(r, corpus) {
  const lines = [
    '',
    `At ${corpus.files} files (${fmt(corpus.bytes / 1e6, 1)} MB, ${r.rows} dispatches), one run each:`,
    '',
    '| Command | Wall (s) | CPU (s) | Peak RSS (MiB) | RSS / NDJSON |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const row of Object.values(r.result)) {
    const base = r.result[`ndjson.${row.mode}`];
    lines.push(`| ${row.label} | ${fmt(row.ms / 1000, 2)} | ${fmt(row.cpuS, 2)} | ${fmt(row.rssMiB, 1)} | ${fmt(div(row.rssMiB, base.rssMiB))}x |`);
  }
  return lines.join('\n');
}

function goals(main, full) {
  const verdict = (value, limit) => (value === null ? 'n/a' : value <= limit ? 'met' : 'NOT met');
  const lines = ['', '| Goal (same run) | Default mode | Result | --jobs 1 | Result |', '|---|---:|---|---:|---|'];
  const row = (name, limit, pick) => {
    const a = pick('default');
    const b = pick('jobs1');
    lines.push(`| ${name} | ${fmt(a)}x | ${verdict(a, limit)} | ${fmt(b)}x | ${verdict(b, limit)} |`);
  };
  const m = main.result;
  row(`SQLite / NDJSON wall, ${FILES} files ≤ 2.00x`, 2, (mode) => div(m[`sqlite.${mode}`].ms, m[`ndjson.${mode}`].ms));
  row(`Parquet / NDJSON wall, ${FILES} files ≤ 1.50x`, 1.5, (mode) => div(m[`parquet.${mode}`].ms, m[`ndjson.${mode}`].ms));
  if (full) {
    const f = full.result;
    row(`SQLite / NDJSON peak RSS, ${FULL_FILES} files ≤ 1.30x`, 1.3, (mode) => div(f[`sqlite.${mode}`].rssMiB, f[`ndjson.${mode}`].rssMiB));
    row(`Parquet / NDJSON peak RSS, ${FULL_FILES} files ≤ 1.30x`, 1.3, (mode) => div(f[`parquet.${mode}`].rssMiB, f[`ndjson.${mode}`].rssMiB));
  } else {
    lines.push(`| Peak RSS at ${FULL_FILES} files ≤ 1.30x NDJSON | not run (--full) | | | |`);
    row(`(context) SQLite / NDJSON peak RSS, ${FILES} files`, 1.3, (mode) => div(m[`sqlite.${mode}`].rssMiB, m[`ndjson.${mode}`].rssMiB));
    row(`(context) Parquet / NDJSON peak RSS, ${FILES} files`, 1.3, (mode) => div(m[`parquet.${mode}`].rssMiB, m[`ndjson.${mode}`].rssMiB));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

try {
  if (!fs.existsSync(path.join(REPO, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench:formats does)');
  if (!GNU_TIME) log('warning: no /usr/bin/time (GNU): peak RSS and CPU are not measured');
  const m = machine();
  const header = `${new Date().toISOString()}  commit ${m.commit}; ${m.cores} x ${m.cpu}, ${m.memoryGiB} GiB; Node ${m.node}; load ${loadavg()}`;
  log(`kcna-parse typed-output benchmark: --files ${FILES} --runs ${RUNS}${opts.full ? ' --full' : ''}`);
  log(header);

  const corpus = ensureCorpus({ files: FILES, root: DEFAULT_ROOT, log });
  log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.dir}${corpus.created ? '' : ' (reused)'}`);
  const main = await rounds(corpus, RUNS, 'main');

  let full = null;
  let large = null;
  if (opts.full) {
    large = FILES === FULL_FILES ? corpus : ensureCorpus({ files: FULL_FILES, root: DEFAULT_ROOT, log });
    if (large.created && large !== corpus) made.push(large.dir);
    log(`corpus: ${large.files} files, ${(large.bytes / 1e6).toFixed(1)} MB, ${large.dir}${large.created ? '' : ' (reused)'}`);
    // One run each: at this size a run takes half a minute and more, and peak RSS varies little between runs.
    full = await rounds(large, 1, 'full');
  }

  console.log(header);
  console.log(`Command: node bench/formats.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}  (load at the end ${loadavg()})\n`);
  console.log(table(main, corpus));
  if (full) console.log(fullTable(full, large));
  console.log(goals(main, full));
} finally {
  if (opts.keep) {
    log(`kept: ${scratch}${made.length ? ` and ${made.join(', ')}` : ''}`);
  } else {
    fs.rmSync(scratch, { recursive: true, force: true });
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  }
}
