#!/usr/bin/env node
/**
 * The benchmark (`npm run bench`, which builds first). Measures kcna-parse against the read floor
 * and the Python baseline on a generated corpus, plus start-up, memory and linearity, and prints
 * the ratios that the performance targets are stated in. Ratios come from the same run, since
 * absolute figures on shared machines drift from one minute to the next.
 *
 *   node bench/run.mjs [--files 20000] [--runs 5] [--full] [--keep]
 *
 *   --files N  corpus size for the batch runs (default 20000, about 115 MB)
 *   --runs N   measured rounds per batch command, after one warm-up round (default 5)
 *   --full     also measure peak RSS at 100,000 files (generates a ~580 MB corpus, takes minutes)
 *   --keep     keep the outputs, the large inputs and the 100k corpus
 *
 * Corpora are a cache under $TMPDIR/kcna-parse-bench, reused while their parameters match; only
 * the 100k one (--full) is removed at the end unless --keep, for its size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_ROOT, ensureCorpus, loadMaterial } from './corpus.mjs';
import { fmt, log, median, positive } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin', 'kcna-parse.js');
const SAMPLE = 'fixtures/sample/input.txt';
const MiB = 1024 * 1024;

const { values: opts } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    full: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const FILES = positive(opts.files, '--files');
const RUNS = positive(opts.runs, '--runs');
const STARTUP_RUNS = 21;
const SIZE_RUNS = 3;



// ---------------------------------------------------------------- measuring one command

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-bench-run-'));
const rssFile = path.join(scratch, 'rss.txt');

/**
 * Peak RSS needs the child's rusage, which spawnSync does not give. GNU time reports it; failing
 * that, a few lines of Python do (getrusage of its waited-for children); failing that, no RSS.
 */
const RUSAGE_PY = [
  'import resource, subprocess, sys, time',
  't = time.perf_counter()',
  'code = subprocess.call(sys.argv[2:])',
  'ms = (time.perf_counter() - t) * 1000',
  'open(sys.argv[1], "w").write(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {ms}\\n")',
  'sys.exit(code)',
].join('\n');

function findRssTool() {
  const probe = (cmd, args) => {
    fs.rmSync(rssFile, { force: true });
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    return r.status === 0 && fs.existsSync(rssFile) && /\d/.test(fs.readFileSync(rssFile, 'utf8'));
  };
  if (fs.existsSync('/usr/bin/time') && probe('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'true'])) return 'gnu-time';
  if (probe('python3', ['-c', RUSAGE_PY, rssFile, 'true'])) return 'python-rusage';
  return 'none';
}
const RSS_TOOL = findRssTool();

/** Runs a command to completion; wall time in ms (hrtime around the child), peak RSS in KiB. */
function measure(command, args, { stdout = null } = {}) {
  const errFile = path.join(scratch, 'stderr.txt');
  const out = stdout === null ? 'ignore' : fs.openSync(stdout, 'w');
  const err = fs.openSync(errFile, 'w');
  fs.rmSync(rssFile, { force: true });
  let argv = [command, ...args];
  if (RSS_TOOL === 'gnu-time') argv = ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...argv];
  else if (RSS_TOOL === 'python-rusage') argv = ['python3', '-c', RUSAGE_PY, rssFile, ...argv];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: REPO, stdio: ['ignore', out, err] });
  let ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out !== 'ignore') fs.closeSync(out);
  fs.closeSync(err);

  let rssKiB = null;
  if (RSS_TOOL !== 'none' && fs.existsSync(rssFile)) {
    // GNU time puts "Command exited with non-zero status N" before the figure: take the last line.
    const last = fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().trim().split(/\s+/);
    rssKiB = Number(last[0]);
    // The Python wrapper's own start-up is not the child's: use the time it measured around it.
    if (RSS_TOOL === 'python-rusage') ms = Number(last[1]);
  }
  if (result.error) throw result.error;
  return { ms, rssKiB, status: result.status, signal: result.signal, errFile };
}

/** Fails the benchmark when a command did not do its job (kcna-parse exits 1 when some inputs fail). */
function check(name, run, okStatuses = [0]) {
  if (okStatuses.includes(run.status)) return;
  const tail = fs.readFileSync(run.errFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(`${name} exited with ${run.status ?? run.signal}:\n${tail}`);
}

const countLines = (file) => {
  const bytes = fs.readFileSync(file);
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

/** CSV records: line ends outside quoted fields (paragraphs are joined by newlines inside them). */
const countCsvRecords = (file) => {
  const bytes = fs.readFileSync(file);
  let n = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 34) quoted = !quoted; // an escaped "" flips twice
    else if (bytes[i] === 10 && !quoted) n++;
  }
  return n;
};

// ---------------------------------------------------------------- the machine

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    nproc: os.availableParallelism(),
    cpu,
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python: (python.stdout || python.stderr || 'not found').trim(),
    rssTool: RSS_TOOL,
    commit,
  };
}

// ---------------------------------------------------------------- large single inputs

/**
 * Inputs that would expose super-linear parsing: one line of `bytes` bytes (a dateline and one
 * enormous paragraph), and a dump of `lines` lines (paragraphs, then a teaser list of triples).
 */
function singleLine(bytes) {
  const m = loadMaterial();
  const parts = ['Pyongyang, March 23 (KCNA) --'];
  let size = parts[0].length;
  for (let i = 0; size < bytes - 4; i++) {
    const piece = m.paragraphs[i % m.paragraphs.length];
    parts.push(piece);
    size += Buffer.byteLength(piece) + 1;
  }
  return Buffer.from(`${parts.join(' ')} -0-`).subarray(0, bytes);
}

function manyLines(count) {
  const m = loadMaterial();
  const lines = ['Pyongyang, March 23 (KCNA) -- The congress opened.'];
  const leadLines = Math.floor(count * 0.6);
  for (let i = 1; i < leadLines; i++) lines.push(`${m.clauses[i % m.clauses.length]}.`);
  lines[lines.length - 1] += ' -0-';
  lines.push('More From KCNA.kp (En)');
  for (let i = 0; lines.length < count - 1; i++) {
    const text = m.teasers[i % m.teasers.length];
    lines.push(text, 'March 18, 2026', text);
  }
  lines.push('More Articles');
  return Buffer.from(lines.slice(0, count).join('\n'));
}

// ---------------------------------------------------------------- the runs

const kcna = (inputs, format, extra = []) => [process.execPath, [BIN, ...inputs, '--format', format, ...extra]];
const made = [];
const results = { date: new Date().toISOString(), command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(), machine: machine() };

function corpus(files, { temporary = false } = {}) {
  const c = ensureCorpus({ files, root: DEFAULT_ROOT, log });
  if (temporary && c.created) made.push(c.dir);
  log(`corpus: ${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB, ${c.dir}${c.created ? '' : ' (reused)'}`);
  return c;
}

function batch(main) {
  const outputs = {
    ndjson: path.join(scratch, 'out.ndjson'),
    ndjsonOne: path.join(scratch, 'out-one.ndjson'),
    csv: path.join(scratch, 'out.csv'),
    python: path.join(scratch, 'baseline.ndjson'),
    lean: path.join(scratch, 'baseline-lean.ndjson'),
  };
  const variants = [
    { key: 'ndjson', label: 'kcna-parse --format ndjson', cmd: kcna([main.dir], 'ndjson'), stdout: outputs.ndjson, ok: [0, 1] },
    { key: 'ndjsonOne', label: 'kcna-parse --format ndjson --jobs 1', cmd: kcna([main.dir], 'ndjson', ['--jobs', '1']), stdout: outputs.ndjsonOne, ok: [0, 1] },
    { key: 'csv', label: 'kcna-parse --format csv', cmd: kcna([main.dir], 'csv'), stdout: outputs.csv, ok: [0, 1] },
    { key: 'floor', label: 'read floor (bench/floor.mjs)', cmd: [process.execPath, [path.join(HERE, 'floor.mjs'), main.dir]], stdout: null, ok: [0] },
    { key: 'python', label: 'Python baseline (bench/baseline.py)', cmd: ['python3', [path.join(HERE, 'baseline.py'), main.dir]], stdout: outputs.python, ok: [0] },
    { key: 'lean', label: 'lean Python baseline (bench/baseline-lean.py)', cmd: ['python3', [path.join(HERE, 'baseline-lean.py'), main.dir]], stdout: outputs.lean, ok: [0] },
  ];
  const samples = Object.fromEntries(variants.map((v) => [v.key, []]));
  // Round 0 warms the page cache and is not counted; then A B C D, A B C D, ... so drift hits all alike.
  for (let round = 0; round <= RUNS; round++) {
    log(round === 0 ? 'batch: warm-up round' : `batch: round ${round}/${RUNS}`);
    for (const v of variants) {
      const run = measure(v.cmd[0], v.cmd[1], { stdout: v.stdout });
      check(v.label, run, v.ok);
      if (round > 0) samples[v.key].push(run);
    }
  }
  const rows = {};
  for (const v of variants) {
    const ms = median(samples[v.key].map((r) => r.ms));
    const rss = median(samples[v.key].map((r) => r.rssKiB));
    rows[v.key] = {
      label: v.label,
      ms,
      mbPerS: main.bytes / 1e6 / (ms / 1000),
      filesPerS: main.files / (ms / 1000),
      rssMiB: rss === null ? null : rss / 1024,
      samplesMs: samples[v.key].map((r) => Math.round(r.ms)),
    };
  }
  rows.ndjson.records = countLines(outputs.ndjson);
  rows.ndjsonOne.records = countLines(outputs.ndjsonOne);
  rows.csv.records = countCsvRecords(outputs.csv) - 1; // less the header
  rows.python.records = countLines(outputs.python);
  rows.lean.records = countLines(outputs.lean);
  return rows;
}

/**
 * The same files in one process (bench/output-floor.mjs): the read floor, the output floor (the
 * read floor plus the hashing, JSON.stringify and encoding any converter of this output does) and
 * the library's conversion, each a median over the rounds.
 */
function floors(main) {
  log(`floors: ${RUNS} rounds in one process`);
  const out = execFileSync(process.execPath, [path.join(HERE, 'output-floor.mjs'), main.dir, String(RUNS)], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

function startup() {
  const variants = {
    kcna: { label: `kcna-parse ${SAMPLE} --format json`, cmd: kcna([SAMPLE], 'json'), stdout: path.join(scratch, 'sample.json') },
    node: { label: 'node -e 0', cmd: [process.execPath, ['-e', '0']], stdout: null },
  };
  const ms = { kcna: [], node: [] };
  const rss = { kcna: [], node: [] };
  log(`start-up: ${STARTUP_RUNS} runs each`);
  for (let i = 0; i <= STARTUP_RUNS; i++) {
    for (const [key, v] of Object.entries(variants)) {
      const run = measure(v.cmd[0], v.cmd[1], { stdout: v.stdout });
      check(v.label, run);
      if (i > 0) {
        ms[key].push(run.ms);
        rss[key].push(run.rssKiB);
      }
    }
  }
  const row = (key) => ({ label: variants[key].label, ms: median(ms[key]), rssMiB: median(rss[key]) === null ? null : median(rss[key]) / 1024 });
  return { kcna: row('kcna'), node: row('node') };
}

function memory(c, runs = 3) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const run = measure(...kcna([c.dir], 'ndjson'), { stdout: path.join(scratch, 'memory.ndjson') });
    check('kcna-parse (memory)', run, [0, 1]);
    samples.push(run);
  }
  const rss = median(samples.map((r) => r.rssKiB));
  return { files: c.files, mb: c.bytes / 1e6, ms: median(samples.map((r) => r.ms)), rssMiB: rss === null ? null : rss / 1024 };
}

function sizes(startupMs) {
  const inputs = [
    { key: 'line1MB', label: '1 MB, one line', bytes: () => singleLine(1e6) },
    { key: 'line2MB', label: '2 MB, one line', bytes: () => singleLine(2e6) },
    { key: 'line10MB', label: '10 MB, one line', bytes: () => singleLine(10e6) },
    // Under the 100,000 non-blank lines one input may hold (src/parse/parse.ts, DEFAULT_MAX_LINES).
    { key: 'lines10k', label: '9.9k lines', bytes: () => manyLines(9_900) },
    { key: 'lines20k', label: '19.8k lines', bytes: () => manyLines(19_800) },
    { key: 'lines100k', label: '99k lines', bytes: () => manyLines(99_000) },
  ];
  for (const input of inputs) {
    input.file = path.join(scratch, `${input.key}.txt`);
    const bytes = input.bytes();
    input.size = bytes.length;
    fs.writeFileSync(input.file, bytes);
  }
  const samples = Object.fromEntries(inputs.map((i) => [i.key, []]));
  log(`linearity: ${SIZE_RUNS} runs of ${inputs.length} inputs`);
  for (let round = 0; round <= SIZE_RUNS; round++) {
    for (const input of inputs) {
      const run = measure(...kcna([input.file], 'ndjson', ['--max-bytes', '64M', '--quiet']), { stdout: path.join(scratch, 'size.ndjson') });
      check(`kcna-parse ${input.label}`, run);
      if (round > 0) samples[input.key].push(run);
    }
  }
  const rows = {};
  for (const input of inputs) {
    const ms = median(samples[input.key].map((r) => r.ms));
    // The CLI's wall time carries a start-up and its noise; the ratios use the library's own time
    // on the input, measured in-process (parse, schema check, JSON), which has neither.
    const inProcess = JSON.parse(execFileSync(process.execPath, [path.join(HERE, 'parse-time.mjs'), input.file, '5'], { cwd: REPO, encoding: 'utf8' }));
    rows[input.key] = {
      label: input.label,
      bytes: input.size,
      ms,
      netMs: Math.max(ms - startupMs, 0),
      rssMiB: median(samples[input.key].map((r) => r.rssKiB)) / 1024,
      libraryMs: inProcess.total,
      library: inProcess,
    };
  }
  return rows;
}

// ---------------------------------------------------------------- report


function verdict(value, limit) {
  if (value === null || value === undefined) return 'n/a';
  return value <= limit ? 'PASS' : 'FAIL';
}

function report(r) {
  const lines = [];
  const b = r.batch;
  lines.push(`Corpus: ${r.corpus.files} files, ${fmt(r.corpus.bytes / 1e6, 1)} MB; ${RUNS} measured rounds after a warm-up, medians.`, '');
  lines.push('| Command | Wall (s) | MB/s | Files/s | Peak RSS (MiB) | Records |', '|---|---:|---:|---:|---:|---:|');
  for (const row of Object.values(b)) {
    lines.push(`| ${row.label} | ${fmt(row.ms / 1000, 3)} | ${fmt(row.mbPerS, 1)} | ${fmt(row.filesPerS, 0)} | ${fmt(row.rssMiB, 1)} | ${row.records ?? '—'} |`);
  }
  const f = r.floors;
  lines.push('', `| In one process, ${f.files} files (bench/output-floor.mjs) | Time (ms) | / read floor |`, '|---|---:|---:|');
  for (const [key, label] of [['readFloor', 'read floor: read, decode, split'], ['outputFloor', 'output floor: the read floor, two SHA-256s, JSON.stringify, UTF-8'], ['library', 'library: read, parseDispatch, checkDocument, JSON.stringify, UTF-8']]) {
    lines.push(`| ${label} | ${fmt(f[key], 0)} | ${fmt(f[key] / f.readFloor)}x |`);
  }
  const s = r.startup;
  lines.push('', `| Start-up (median of ${STARTUP_RUNS}) | Wall (ms) | Peak RSS (MiB) |`, '|---|---:|---:|');
  for (const row of [s.kcna, s.node]) lines.push(`| ${row.label} | ${fmt(row.ms, 1)} | ${fmt(row.rssMiB, 1)} |`);

  lines.push('', '| Memory: kcna-parse <dir> --format ndjson | Files | MB | Wall (s) | Peak RSS (MiB) |', '|---|---:|---:|---:|---:|');
  for (const [key, m] of Object.entries(r.memory)) {
    if (m === null) lines.push(`| ${key} | — | — | — | not run (--full) |`);
    else lines.push(`| ${key} | ${m.files} | ${fmt(m.mb, 1)} | ${fmt(m.ms / 1000, 2)} | ${fmt(m.rssMiB, 1)} |`);
  }

  lines.push(
    '',
    `| Linearity: kcna-parse <file> --format ndjson | Bytes | CLI wall (ms) | CLI less start-up (ms) | CLI peak RSS (MiB) | In-process parse + check + JSON (ms) | MB/s in-process |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const row of Object.values(r.sizes)) {
    lines.push(`| ${row.label} | ${row.bytes} | ${fmt(row.ms, 0)} | ${fmt(row.netMs, 0)} | ${fmt(row.rssMiB, 1)} | ${fmt(row.libraryMs, 1)} | ${fmt(row.bytes / 1e3 / row.libraryMs, 1)} |`);
  }

  lines.push('', '| Ratio (same run) | Measured | Target | Result |', '|---|---:|---:|---|');
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.display} | ${t.target} | ${t.result} |`);
  return lines.join('\n');
}

function targets(r) {
  const b = r.batch;
  const sz = r.sizes;
  const rss10k = r.memory['10k files']?.rssMiB ?? null;
  const rss100k = r.memory['100k files']?.rssMiB ?? null;
  const rssMain = r.memory[`${FILES} files (batch corpus)`]?.rssMiB ?? null;
  const ratio = (name, value, limit, target, unit = 'x') => ({
    name,
    value,
    display: value === null ? 'n/a' : `${fmt(value)}${unit}`,
    target,
    result: verdict(value, limit),
  });
  const div = (a, c) => (a === null || c === null || a === undefined || c === undefined ? null : a / c);
  // The goals of issue 11, against the faster of the two Python baselines.
  const python = Math.min(b.python.ms, b.lean.ms);
  const list = [
    ratio('Batch NDJSON, one thread / faster Python baseline', div(b.ndjsonOne.ms, python), 1.5, '≤ 1.50x'),
    ratio('Batch NDJSON, one thread / read floor', div(b.ndjsonOne.ms, b.floor.ms), 4.5, '≤ 4.50x'),
    ratio('Batch NDJSON, default settings / faster Python baseline', div(b.ndjson.ms, python), 1, '≤ 1.00x (stated at 100k files)'),
    ratio('Batch CSV / batch NDJSON (both default)', div(b.csv.ms, b.ndjson.ms), 1.2, '≤ 1.20x'),
    ratio('Start-up / node -e 0', div(r.startup.kcna.ms, r.startup.node.ms), 1.5, '≤ 1.50x'),
    ratio('Peak RSS at 100k files', rss100k, 150, '≤ 150 MiB', ' MiB'),
    ratio('Peak RSS 100k / 10k files', div(rss100k, rss10k), 1.2, '≤ 1.20x'),
    ratio('10 MB / 1 MB one-line input (in-process)', div(sz.line10MB.libraryMs, sz.line1MB.libraryMs), 15, '≤ 15x (linear: 10x)'),
    ratio('99k / 9.9k-line input (in-process)', div(sz.lines100k.libraryMs, sz.lines10k.libraryMs), 15, '≤ 15x (linear: 10x)'),
  ];
  // Context, not targets: how the baselines compare, and how memory grows in the default run.
  list.push({ name: 'Python baseline / read floor (context)', value: div(b.python.ms, b.floor.ms), display: `${fmt(div(b.python.ms, b.floor.ms))}x`, target: '≈ 3x expected', result: '—' });
  const f = r.floors;
  for (const [name, a, c] of [['Output floor / read floor', f.outputFloor, f.readFloor], ['Library / output floor', f.library, f.outputFloor]]) {
    list.push({ name: `${name} (in-process, context)`, value: div(a, c), display: `${fmt(div(a, c))}x`, target: '—', result: '—' });
  }
  list.push({ name: 'Lean / full Python baseline (context)', value: div(b.lean.ms, b.python.ms), display: `${fmt(div(b.lean.ms, b.python.ms))}x`, target: '—', result: '—' });
  for (const [name, a, c] of [['2 MB / 1 MB one-line input', sz.line2MB, sz.line1MB], ['19.8k / 9.9k-line input', sz.lines20k, sz.lines10k]]) {
    const value = div(a.libraryMs, c.libraryMs);
    list.push({ name: `${name} (in-process, context)`, value, display: `${fmt(value)}x`, target: 'linear: 2x', result: '—' });
  }
  if (rssMain !== null && rss10k !== null && FILES !== 10_000) {
    list.push({ name: `Peak RSS ${FILES} / 10k files (context)`, value: rssMain / rss10k, display: `${fmt(rssMain / rss10k)}x`, target: 'flat when streaming', result: '—' });
  }
  return list;
}

// ---------------------------------------------------------------- main

try {
  log(`kcna-parse benchmark: --files ${FILES} --runs ${RUNS}${opts.full ? ' --full' : ''}; peak RSS via ${RSS_TOOL}`);
  if (RSS_TOOL === 'none') log('warning: neither /usr/bin/time (GNU) nor python3 found: peak RSS is not measured');
  if (!fs.existsSync(path.join(REPO, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');

  const main = corpus(FILES);
  results.corpus = { files: main.files, bytes: main.bytes, dir: main.dir };
  results.batch = batch(main);
  results.floors = floors(main);
  results.startup = startup();

  results.memory = {};
  log('memory: 10k files');
  const c10k = FILES === 10_000 ? main : corpus(10_000);
  results.memory['10k files'] = memory(c10k);
  if (FILES !== 10_000) {
    results.memory[`${FILES} files (batch corpus)`] = {
      files: main.files,
      mb: main.bytes / 1e6,
      ms: results.batch.ndjson.ms,
      rssMiB: results.batch.ndjson.rssMiB,
    };
  }
  if (opts.full) {
    log('memory: 100k files');
    // One run: at this size a run takes minutes and peak RSS varies little between runs.
    results.memory['100k files'] = memory(FILES === 100_000 ? main : corpus(100_000, { temporary: true }), 1);
  } else {
    results.memory['100k files'] = null;
  }

  results.sizes = sizes(results.startup.kcna.ms);
  results.targets = targets(results);

  const table = report(results);
  fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
  fs.writeFileSync(path.join(HERE, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine;
  console.log(`${results.date}  ${m.cpu}, ${m.nproc} cores, ${m.memoryGiB} GiB; Node ${m.node}; ${m.python}; commit ${m.commit ?? 'n/a'}`);
  console.log(`Command: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\n`);
  console.log(table);
  if (!opts.full) console.log('\nPeak RSS at 100k files is measured only with --full.');
  log(`\nresults written to ${path.relative(REPO, path.join(HERE, 'results', 'latest.json'))}`);
} finally {
  if (opts.keep) {
    log(`kept: ${scratch}${made.length ? ` and ${made.join(', ')}` : ''}`);
  } else {
    fs.rmSync(scratch, { recursive: true, force: true });
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  }
}
