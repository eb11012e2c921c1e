#!/usr/bin/env node
/**
 * The web-archive benchmark (`npm run bench:archive`, which builds first; issue 18, "Speed" and
 * "Scale"): the pages of the HTML corpus (bench/html-corpus.mjs) in a .warc.gz as a crawler writes
 * it (bench/archive-corpus.mjs: a request record before each response, a warcinfo first, 9% of the
 * responses a stylesheet, an image, a 404 or a 301), against the same pages as files and against
 * the script a researcher would write (bench/baseline_warc.py), side by side in one run; then peak
 * memory over generated archives of 100 MiB and 1 GiB; then the progress line on a terminal.
 *
 *   node bench/archive.mjs [--files 20000] [--runs 3] [--big-mb 1024] [--small-mb 100]
 *                          [--full] [--quick] [--keep] [--no-scale] [--profile]
 *
 *   --files N     pages of the corpus (default 20000)
 *   --runs N      measured rounds after the warm-up round (default 3), the commands alternating
 *   --big-mb N    the large archive, MiB compressed (default 1024; 2048 with --full)
 *   --small-mb N  the small archive of the memory comparison (default 100)
 *   --quick       a smoke check in about two minutes: --files 2000 --runs 1 --big-mb 50 --small-mb 10
 *   --keep        keep the large archives (they are deleted after the run otherwise)
 *   --no-scale    leave out the large archives
 *   --heap-cap N  scale: also a --jobs 1 run of each archive with V8's old space capped at N MiB
 *                 (node --max-old-space-size=N): how much of the peak is heap the collector let grow
 *   --profile     profile the archive and the files run (node --cpu-prof) even when the
 *                 archive / files goals are met (it is done anyway when a wall or CPU ratio is not)
 *
 * Measures:
 * - batch walls, alternating A B C D E per round after a warm-up round of A and B; the outputs
 *   are compared (records, content ids, and the default run's output against --jobs 1's, byte for byte):
 *     A  kcna-parse corpus.warc.gz -f ndjson --jobs 1 -o out
 *     B  kcna-parse html/ -f ndjson --jobs 1 -o out
 *     C  kcna-parse corpus.warc.gz -f ndjson -o out          (default --jobs: auto)
 *     D  kcna-parse html/ -f ndjson -o out
 *     E  python3 bench/baseline_warc.py corpus.warc.gz > out
 *   medians of wall time (hrtime around the child), CPU time and peak RSS (GNU time -f);
 * - scale: kcna-parse big.warc.gz -f ndjson -o /dev/null, --jobs 1 and default, one run each, at
 *   --small-mb and --big-mb: wall, peak RSS, MB/s of archive read (compressed bytes / wall);
 * - progress: the CLI on the corpus archive under `script` (a pseudo-terminal) for a few seconds,
 *   and the progress lines it drew;
 * - when the archive takes more than 1.3x the files (wall with either --jobs, or CPU time), or with
 *   --profile: a CPU profile of each
 *   (the unbundled program, dist/cli/main.js, so that functions keep their files), self time by
 *   part: gunzip (pako), warcio, kcna-parse's archive reader, the page reader, the rest.
 *
 * Prints Markdown tables on standard output and writes bench/results/archive.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureArchive, ensureBigArchive } from './archive-corpus.mjs';
import { DEFAULT_ROOT } from './corpus.mjs';
import { ensureHtmlCorpus } from './html-corpus.mjs';
import { fmt, log, median, mib } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin', 'kcna-parse.js');
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const MiB = 1024 * 1024;
const GOAL_RATIO = 1.3;
const GOAL_RSS_MIB = 200;

const { values: opts } = parseArgs({
  options: {
    files: { type: 'string' },
    runs: { type: 'string' },
    'big-mb': { type: 'string' },
    'small-mb': { type: 'string' },
    full: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-scale': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'heap-cap': { type: 'string' },
  },
});
const FILES = Number(opts.files ?? (opts.quick ? 2000 : 20000));
const RUNS = Number(opts.runs ?? (opts.quick ? 1 : 3));
const BIG_MB = Number(opts['big-mb'] ?? (opts.quick ? 50 : opts.full ? 2048 : 1024));
const HEAP_CAP = opts['heap-cap'] ? Number(opts['heap-cap']) : null;
const SMALL_MB = Number(opts['small-mb'] ?? (opts.quick ? 10 : 100));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-bench-archive-'));
const timeFile = path.join(scratch, 'time.txt');
const benchStarted = Date.now();

/**
 * Runs a command: wall ms (hrtime around the child), and from GNU time peak RSS (KiB) and CPU
 * seconds (user + system). stdout to a file or ignored; stderr to a file or ignored.
 */
function measure(command, args, { stdout = null, stderr = null } = {}) {
  const out = stdout === null ? 'ignore' : fs.openSync(stdout, 'w');
  const err = stderr === null ? 'ignore' : fs.openSync(stderr, 'w');
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, command, ...args] : [command, ...args];
  fs.rmSync(timeFile, { force: true });
  const load = os.loadavg()[0];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: REPO, stdio: ['ignore', out, err] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out !== 'ignore') fs.closeSync(out);
  if (err !== 'ignore') fs.closeSync(err);
  if (result.error) throw result.error;
  let rssKiB = null;
  let cpu = null;
  if (fs.existsSync(timeFile)) {
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (last.length === 3 && last.every(Number.isFinite)) [rssKiB, cpu] = [last[0], last[1] + last[2]];
  }
  return { ms, rssKiB, cpu, status: result.status, load };
}

function ndjsonIds(file) {
  const ids = [];
  const text = fs.readFileSync(file, 'utf8');
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    if (end > at) ids.push(JSON.parse(text.slice(at, end)).id);
    at = end + 1;
  }
  return ids;
}

const sha256File = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const lastLines = (file, n = 2) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n) : []);

function machine() {
  const cpus = os.cpus();
  const python = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' });
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'scripts'], { cwd: REPO, encoding: 'utf8' });
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    platform: `${os.type()} ${os.arch()}`,
    node: process.version,
    python: (python.stdout || python.stderr || '').trim() || 'n/a',
    gnuTime: GNU_TIME !== null,
    commit: commit.stdout.trim(),
    srcChanged: dirty.stdout.trim() !== '',
  };
}

// ---------------------------------------------------------------- the corpus and its archive
const info = machine();
log(`kcna-parse web-archive benchmark: --files ${FILES} --runs ${RUNS} --big-mb ${BIG_MB} --small-mb ${SMALL_MB}${opts['no-scale'] ? ' --no-scale' : ''}`);
log(`commit ${info.commit}${info.srcChanged ? ' (src/ or scripts/ changed since)' : ''}; ${info.cpus} x ${info.cpu}; Node ${process.version}; ${info.python}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const corpus = ensureHtmlCorpus({ files: FILES, log });
const archive = ensureArchive({ corpus, log });
log(`corpus: ${corpus.files} pages, ${(corpus.bytes / 1e6).toFixed(1)} MB of HTML; archive ${archive.file}: ${(archive.bytes / 1e6).toFixed(1)} MB (${(archive.rawBytes / 1e6).toFixed(1)} MB inflated), ` +
  `${archive.records.warcinfo + archive.records.request + archive.records.response} records`);

// ---------------------------------------------------------------- archive vs files vs Python
const out = (name) => path.join(scratch, `${name}.out`);
const errOf = (name) => path.join(scratch, `${name}.err`);
const COMMANDS = [
  { key: 'A', name: 'kcna-parse corpus.warc.gz -f ndjson --jobs 1', argv: [process.execPath, BIN, archive.file, '-f', 'ndjson', '--jobs', '1', '-o', out('A')] },
  { key: 'B', name: 'kcna-parse html/ -f ndjson --jobs 1', argv: [process.execPath, BIN, corpus.html, '-f', 'ndjson', '--jobs', '1', '-o', out('B')] },
  { key: 'C', name: 'kcna-parse corpus.warc.gz -f ndjson (default --jobs)', argv: [process.execPath, BIN, archive.file, '-f', 'ndjson', '-o', out('C')] },
  { key: 'D', name: 'kcna-parse html/ -f ndjson (default --jobs)', argv: [process.execPath, BIN, corpus.html, '-f', 'ndjson', '-o', out('D')] },
  { key: 'E', name: 'python3 bench/baseline_warc.py corpus.warc.gz', argv: [PYTHON, path.join(HERE, 'baseline_warc.py'), archive.file], stdout: out('E'), python: true },
];
const bs4 = spawnSync(PYTHON, ['-c', 'import bs4, lxml'], { stdio: 'ignore' }).status === 0;
if (!bs4) log('  the Python baseline needs python3-bs4 and python3-lxml (Debian): not measured');
const active = COMMANDS.filter((c) => !c.python || bs4);
const samples = Object.fromEntries(active.map((c) => [c.key, []]));

log('warm-up round (kcna-parse on the archive and on the files, --jobs 1):');
const warm = {};
for (const c of active.filter((c) => c.key === 'A' || c.key === 'B')) {
  warm[c.key] = measure(c.argv[0], c.argv.slice(1), { stderr: errOf(c.key) });
  log(`  ${c.key} ${c.name}: ${(warm[c.key].ms / 1000).toFixed(2)} s, status ${warm[c.key].status}`);
}
for (const line of lastLines(errOf('A'))) log(`  A: ${line}`);

for (let round = 1; round <= RUNS; round++) {
  log(`round ${round} of ${RUNS}:`);
  for (const c of active) {
    const m = measure(c.argv[0], c.argv.slice(1), { stdout: c.stdout ?? null });
    samples[c.key].push(m);
    log(`  ${c.key}: ${(m.ms / 1000).toFixed(2)} s, CPU ${fmt(m.cpu)} s, ${fmt(mib(m.rssKiB), 1)} MiB, load ${m.load.toFixed(2)}`);
  }
}

// Every round writes the same outputs: those of the last round are compared.
const idsA = ndjsonIds(out('A'));
const idsB = ndjsonIds(out('B'));
const setA = new Set(idsA);
const setB = new Set(idsB);
const sanity = {
  archiveRecords: idsA.length,
  filesRecords: idsB.length,
  archiveDistinctIds: setA.size,
  filesDistinctIds: setB.size,
  onlyInArchive: [...setA].filter((id) => !setB.has(id)).length,
  onlyInFiles: [...setB].filter((id) => !setA.has(id)).length,
  sameOrder: idsA.length === idsB.length && idsA.every((id, i) => id === idsB[i]),
  defaultEqualsJobs1Archive: sha256File(out('A')) === sha256File(out('C')),
  defaultEqualsJobs1Files: sha256File(out('B')) === sha256File(out('D')),
  archiveSummary: lastLines(errOf('A')),
  filesSummary: lastLines(errOf('B'), 1),
};
log(`records: archive ${sanity.archiveRecords}, files ${sanity.filesRecords}; distinct content ids ${sanity.archiveDistinctIds} / ${sanity.filesDistinctIds}, ` +
  `only in the archive ${sanity.onlyInArchive}, only in the files ${sanity.onlyInFiles}; same order: ${sanity.sameOrder}; ` +
  `default output = --jobs 1 output: archive ${sanity.defaultEqualsJobs1Archive}, files ${sanity.defaultEqualsJobs1Files}`);
const pythonPages = bs4 && fs.existsSync(out('E')) ? fs.readFileSync(out('E'), 'utf8').split('\n').filter(Boolean).length : null;
const stats = {};
for (const c of active) {
  const s = samples[c.key];
  stats[c.key] = {
    name: c.name,
    wallMs: median(s.map((m) => m.ms)),
    wallsMs: s.map((m) => Math.round(m.ms)),
    cpuS: median(s.map((m) => m.cpu)),
    rssMiB: mib(median(s.map((m) => m.rssKiB))),
    loads: s.map((m) => Number(m.load.toFixed(2))),
  };
}
const ratio = (a, b) => (stats[a] && stats[b] ? stats[a].wallMs / stats[b].wallMs : null);
const cpuRatio = (a, b) => (stats[a]?.cpuS && stats[b]?.cpuS ? stats[a].cpuS / stats[b].cpuS : null);
const ratios = {
  archiveFilesJobs1: ratio('A', 'B'),
  archiveFilesDefault: ratio('C', 'D'),
  archivePythonJobs1: ratio('A', 'E'),
  archivePythonDefault: ratio('C', 'E'),
  cpuArchiveFilesJobs1: cpuRatio('A', 'B'),
  cpuArchiveFilesDefault: cpuRatio('C', 'D'),
};
// Each round's own ratio (the two commands ran back to back), beside the ratio of medians.
const perRound = (a, b) => (samples[a] && samples[b] ? samples[a].map((m, i) => Number((m.ms / samples[b][i].ms).toFixed(2))) : []);
ratios.perRoundArchiveFilesJobs1 = perRound('A', 'B');
ratios.perRoundArchiveFilesDefault = perRound('C', 'D');

// ---------------------------------------------------------------- floors: gunzip and warcio alone
log('floors in one process (bench/archive-floor.mjs):');
let floor = null;
{
  const run = spawnSync(process.execPath, [path.join(HERE, 'archive-floor.mjs'), archive.file, '--runs', String(RUNS)], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status === 0) {
    floor = JSON.parse(run.stdout.trim());
    log(`  ${Object.entries(floor.medianMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(', ')}`);
  } else log(`  not measured: ${run.stderr.trim().split('\n').pop()}`);
}

// ---------------------------------------------------------------- progress on a terminal
/** Runs the CLI on the corpus archive under `script` for up to `seconds`; the progress lines drawn. */
async function progressLines(seconds) {
  if (!fs.existsSync('/usr/bin/script')) return { feasible: false, why: 'no /usr/bin/script', lines: [] };
  const command = [process.execPath, BIN, archive.file, '-f', 'ndjson', '--jobs', '1', '--color', 'never', '-o', path.join(scratch, 'progress.out')].map((a) => `'${a}'`).join(' ');
  const child = spawn('/usr/bin/script', ['-qfc', command, '/dev/null'], { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm', NO_COLOR: '1' } });
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk.toString('utf8')));
  child.stderr.on('data', () => {});
  const done = new Promise((resolve) => child.on('close', resolve));
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }, seconds * 1000);
  await done;
  clearTimeout(timer);
  const lines = text
    .split(/\r|\n|\x1b\[2K/)
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter((l) => /^converting: .* of .*\(\d+%\)/.test(l));
  return { feasible: true, command: `script -qfc "node bin/kcna-parse.js corpus.warc.gz -f ndjson --jobs 1 --color never -o out.ndjson" /dev/null`, lines };
}
log('progress line under a pseudo-terminal:');
const progress = await progressLines(opts.quick ? 4 : 6);
log(progress.lines.length ? `  ${progress.lines.length} redraws, e.g. ${progress.lines.at(-1)}` : `  none seen${progress.why ? ` (${progress.why})` : ''}`);

// ---------------------------------------------------------------- profile
const CATEGORIES = [
  ['gunzip (pako, inside warcio)', (u) => u.includes('/node_modules/pako/')],
  ['warcio (WARC and HTTP header parsing, its readers)', (u) => u.includes('/node_modules/warcio/')],
  ["kcna-parse's archive reader (dist/io/archive)", (u) => u.includes('/dist/io/archive/')],
  ['kcna-parse: reading pages (dist/parse)', (u) => u.includes('/dist/parse/')],
  ['htmlparser2, entities, encoding libraries', (u) => /\/node_modules\/(htmlparser2|entities|domhandler|@exodus|html-encoding-sniffer|whatwg-encoding|iconv-lite)\//.test(u)],
  ['kcna-parse: schema check, output (dist/schema, dist/emit, dist/validate)', (u) => /\/dist\/(schema|emit|validate)\//.test(u)],
  ['kcna-parse: the rest (cli, pipeline, io, errors)', (u) => u.includes('/dist/')],
  ['other libraries', (u) => u.includes('/node_modules/')],
  ['Node internals (node:*)', (u) => u.startsWith('node:') || u.startsWith('internal')],
];

function profileOf(inputs, label) {
  const dir = path.join(scratch, `prof-${label}`);
  fs.mkdirSync(dir);
  const program = "process.argv.splice(1, 0, 'kcna-parse'); import('./dist/cli/main.js').then((m) => m.main())";
  const args = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', '-e', program, '--', ...inputs, '-f', 'ndjson', '--jobs', '1', '-q', '-o', path.join(scratch, `prof-${label}.out`)];
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`profile run exited with ${run.status ?? run.signal}`);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const categories = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, msSelf] of self) {
    const { callFrame: f } = byId.get(id);
    const url = f.url.startsWith('file://') ? fileURLToPath(f.url) : f.url;
    total += msSelf;
    let category = f.functionName.startsWith('(') && !url ? f.functionName : null;
    if (category === null) category = CATEGORIES.find(([, test]) => test(url))?.[0] ?? (url ? 'other' : `(native) ${f.functionName || 'anonymous'}`);
    if (category.startsWith('(native)')) category = 'native code (V8 builtins, zlib, fs)';
    categories.set(category, (categories.get(category) ?? 0) + msSelf);
    const where = url ? `${path.relative(REPO, url).startsWith('..') ? url : path.relative(REPO, url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + msSelf);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]).map(([name, v]) => [name, Number(v.toFixed(1))]);
  return { wallMs: ms, totalMs: total, categories: sorted(categories), functions: sorted(functions).slice(0, 20) };
}

let profiles = null;
// On a shared machine one ratio of walls can pass by luck: profile when any of them, or the ratio of
// CPU times, is past the goal.
const overGoal = [ratios.archiveFilesJobs1, ratios.archiveFilesDefault, ratios.cpuArchiveFilesJobs1].some((r) => r !== null && r > GOAL_RATIO);
if (opts.profile || overGoal) {
  log('profiles (node --cpu-prof, the unbundled program, --jobs 1):');
  profiles = { archive: profileOf([archive.file], 'archive'), files: profileOf([corpus.html], 'files') };
  log(`  archive: ${(profiles.archive.totalMs / 1000).toFixed(2)} s sampled; files: ${(profiles.files.totalMs / 1000).toFixed(2)} s sampled`);
}

// ---------------------------------------------------------------- scale: memory over large archives
let scale = null;
if (!opts['no-scale']) {
  const df = spawnSync('df', ['-Pk', DEFAULT_ROOT.replace(/\/kcna-parse-bench$/, '')], { encoding: 'utf8' });
  const availableKiB = Number(df.stdout.trim().split('\n').pop().split(/\s+/)[3]);
  const needMiB = (BIG_MB + SMALL_MB) * 1.05 + 1024;
  if (Number.isFinite(availableKiB) && availableKiB / 1024 < needMiB) {
    log(`scale: skipped: ${(availableKiB / 1024).toFixed(0)} MiB free under ${os.tmpdir()}, ${needMiB.toFixed(0)} MiB needed`);
    scale = { skipped: `${(availableKiB / 1024).toFixed(0)} MiB free, ${needMiB.toFixed(0)} MiB needed` };
  } else {
    log(`scale: ${(availableKiB / 1024 / 1024).toFixed(1)} GiB free; archives of ${SMALL_MB} and ${BIG_MB} MiB:`);
    const rows = [];
    const made = [];
    for (const megabytes of [SMALL_MB, BIG_MB]) {
      const started = Date.now();
      const big = ensureBigArchive({ corpus, megabytes, log });
      made.push(big.dir);
      log(`  ${path.basename(big.file)}: ${(big.bytes / MiB).toFixed(0)} MiB, ${big.pages} pages, ${big.records.response} responses (${((Date.now() - started) / 1000).toFixed(0)} s to have it)`);
      for (const jobs of ['1', null, ...(HEAP_CAP ? ['1 capped'] : [])]) {
        const capped = jobs === '1 capped';
        const args = [...(capped ? [`--max-old-space-size=${HEAP_CAP}`] : []), BIN, big.file, '-f', 'ndjson', '-o', '/dev/null', ...(jobs ? ['--jobs', '1'] : [])];
        const err = path.join(scratch, `scale-${megabytes}-${jobs ?? 'auto'}.err`);
        const m = measure(process.execPath, args, { stderr: err });
        const summary = lastLines(err, 1)[0] ?? '';
        const converted = /converted (\d+) of (\d+) inputs, (\d+) failed: (\d+) dispatches/.exec(summary);
        rows.push({
          megabytes,
          capped,
          archiveBytes: big.bytes,
          rawBytes: big.rawBytes,
          pages: big.pages,
          jobs: capped ? `1, node --max-old-space-size=${HEAP_CAP}` : jobs ?? 'default',
          wallS: m.ms / 1000,
          cpuS: m.cpu,
          rssMiB: mib(m.rssKiB),
          mbPerS: big.bytes / 1e6 / (m.ms / 1000),
          load: Number(m.load.toFixed(2)),
          status: m.status,
          inputs: converted ? Number(converted[1]) : null,
          failed: converted ? Number(converted[3]) : null,
          dispatches: converted ? Number(converted[4]) : null,
          summary,
        });
        const r = rows.at(-1);
        log(`    --jobs ${r.jobs}: ${r.wallS.toFixed(1)} s, CPU ${fmt(r.cpuS, 1)} s, ${fmt(r.rssMiB, 1)} MiB, ${r.mbPerS.toFixed(1)} MB/s, ${r.dispatches ?? '?'} dispatches, status ${r.status}`);
      }
    }
    if (!opts.keep) for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    const at = (mb, jobs) => rows.find((r) => r.megabytes === mb && r.jobs === jobs && !r.capped);
    scale = {
      rows,
      kept: opts.keep ? made : [],
      rssRatioJobs1: at(BIG_MB, '1') && at(SMALL_MB, '1') ? at(BIG_MB, '1').rssMiB / at(SMALL_MB, '1').rssMiB : null,
      rssRatioDefault: at(BIG_MB, 'default') && at(SMALL_MB, 'default') ? at(BIG_MB, 'default').rssMiB / at(SMALL_MB, 'default').rssMiB : null,
      maxRssMiB: Math.max(...rows.filter((r) => !r.capped).map((r) => r.rssMiB ?? 0)),
      cappedMaxRssMiB: HEAP_CAP ? Math.max(...rows.filter((r) => r.capped).map((r) => r.rssMiB ?? 0)) : null,
    };
  }
}

// ---------------------------------------------------------------- the tables
const S = (key) => stats[key];
const wallS = (key) => (S(key) ? fmt(S(key).wallMs / 1000) : 'n/a');
const mbs = (key) => (S(key) ? fmt(archive.bytes / 1e6 / (S(key).wallMs / 1000), 1) : 'n/a');
const lines = [
  '',
  `Corpus: ${corpus.files} pages, ${(corpus.bytes / 1e6).toFixed(1)} MB of HTML; corpus.warc.gz ${(archive.bytes / 1e6).toFixed(1)} MB ` +
    `(${(archive.rawBytes / 1e6).toFixed(1)} MB inflated): 1 warcinfo, ${archive.records.request} request and ${archive.records.response} response records, ` +
    `${archive.records.response - archive.pages} of the responses no page (${Object.entries(archive.nonPages).map(([k, n]) => `${k} ${n}`).join(', ')}). ` +
    `${RUNS} measured round${RUNS === 1 ? '' : 's'} (A B C D E in turn) after a warm-up run of the first two, medians.`,
  '',
  '| Command | Wall (s) | CPU (s) | Peak RSS (MiB) | Archive MB/s | Records |',
  '|---|---:|---:|---:|---:|---:|',
  ...active.map((c) => {
    const records = c.key === 'A' || c.key === 'C' ? sanity.archiveRecords : c.key === 'B' || c.key === 'D' ? sanity.filesRecords : pythonPages;
    const perS = c.key === 'B' || c.key === 'D' ? '—' : mbs(c.key);
    return `| ${c.name} | ${wallS(c.key)} | ${fmt(S(c.key).cpuS)} | ${fmt(S(c.key).rssMiB, 1)} | ${perS} | ${records ?? 'n/a'} |`;
  }),
  '',
  `Sanity (the outputs of the last round): the archive gave ${sanity.archiveRecords} records (${sanity.archiveDistinctIds} distinct content ids), the files ${sanity.filesRecords} ` +
    `(${sanity.filesDistinctIds}); ids only in the archive: ${sanity.onlyInArchive}, only in the files: ${sanity.onlyInFiles}; same ids in the same order: ${sanity.sameOrder ? 'yes' : 'no'}; ` +
    `default --jobs output byte for byte the --jobs 1 output: archive ${sanity.defaultEqualsJobs1Archive ? 'yes' : 'no'}, files ${sanity.defaultEqualsJobs1Files ? 'yes' : 'no'}. ` +
    `The Python baseline wrote ${pythonPages ?? 'n/a'} pages (one object per 2xx HTML response).`,
  '',
  '| Ratio (same run) | Measured | Per round | Goal | Result |',
  '|---|---:|---|---:|---|',
  `| archive / files, --jobs 1 | ${fmt(ratios.archiveFilesJobs1)}x | ${ratios.perRoundArchiveFilesJobs1.join(', ')} | ≤ ${GOAL_RATIO}x | ${ratios.archiveFilesJobs1 <= GOAL_RATIO ? 'met' : 'not met'} |`,
  `| archive / files, default --jobs | ${fmt(ratios.archiveFilesDefault)}x | ${ratios.perRoundArchiveFilesDefault.join(', ')} | ≤ ${GOAL_RATIO}x | ${ratios.archiveFilesDefault <= GOAL_RATIO ? 'met' : 'not met'} |`,
  `| archive / Python baseline, --jobs 1 | ${fmt(ratios.archivePythonJobs1)}x | | < 1x | ${ratios.archivePythonJobs1 === null ? 'n/a' : ratios.archivePythonJobs1 < 1 ? 'met' : 'not met'} |`,
  `| archive / Python baseline, default --jobs | ${fmt(ratios.archivePythonDefault)}x | | < 1x | ${ratios.archivePythonDefault === null ? 'n/a' : ratios.archivePythonDefault < 1 ? 'met' : 'not met'} |`,
  `| CPU time archive / files, --jobs 1 (context) | ${fmt(ratios.cpuArchiveFilesJobs1)}x | | — | — |`,
  `| CPU time archive / files, default --jobs (context) | ${fmt(ratios.cpuArchiveFilesDefault)}x | | — | — |`,
];
if (floor) {
  const A = S('A')?.wallMs ?? null;
  lines.push(
    '',
    `In one process over corpus.warc.gz (bench/archive-floor.mjs, median of ${floor.runs} after a warm-up; ${(floor.seen.zlib.bytes / 1e6).toFixed(1)} MB inflated, ${floor.seen.warcio.records} records):`,
    '',
    '| Floor | Time (s) | Archive MB/s | / node:zlib | Share of the --jobs 1 archive run |',
    '|---|---:|---:|---:|---:|',
    ...[
      ['node:zlib gunzip stream (native zlib)', 'zlib'],
      ["warcio's AsyncIterReader, 16 KiB slices (pako), no parsing", 'pako'],
      ["warcio's WARCParser, every record read (readFully)", 'warcio'],
    ].map(([name, k]) => `| ${name} | ${fmt(floor.medianMs[k] / 1000)} | ${fmt(archive.bytes / 1e6 / (floor.medianMs[k] / 1000), 1)} | ${fmt(floor.medianMs[k] / floor.medianMs.zlib)}x | ${A ? `${((100 * floor.medianMs[k]) / A).toFixed(0)}%` : 'n/a'} |`),
  );
}
if (profiles) {
  const names = [...new Set([...profiles.archive.categories.map(([n]) => n), ...profiles.files.categories.map(([n]) => n)])];
  const get = (p, n) => p.categories.find(([m]) => m === n)?.[1] ?? 0;
  names.sort((a, b) => get(profiles.archive, b) - get(profiles.files, b) - (get(profiles.archive, a) - get(profiles.files, a)));
  lines.push(
    '',
    `CPU profile, self time (node --cpu-prof, 500 µs sampling, the unbundled dist/cli/main.js, --jobs 1, one run each; sampled ${fmt(profiles.archive.totalMs / 1000)} s and ${fmt(profiles.files.totalMs / 1000)} s):`,
    '',
    '| Part | Archive (ms) | Files (ms) | Archive − files (ms) |',
    '|---|---:|---:|---:|',
    ...names.map((n) => `| ${n} | ${get(profiles.archive, n).toFixed(0)} | ${get(profiles.files, n).toFixed(0)} | ${(get(profiles.archive, n) - get(profiles.files, n)).toFixed(0)} |`),
    `| total | ${profiles.archive.totalMs.toFixed(0)} | ${profiles.files.totalMs.toFixed(0)} | ${(profiles.archive.totalMs - profiles.files.totalMs).toFixed(0)} |`,
    '',
    'Functions with the most self time, archive run:',
    '',
    '| Function | ms |',
    '|---|---:|',
    ...profiles.archive.functions.slice(0, 12).map(([n, ms]) => `| \`${n}\` | ${ms.toFixed(0)} |`),
  );
}
if (scale?.rows) {
  lines.push(
    '',
    'Scale: `kcna-parse big.warc.gz -f ndjson -o /dev/null`, one run each:',
    '',
    '| Archive (compressed) | Inflated | Pages | --jobs | Wall (s) | CPU (s) | Peak RSS (MiB) | Archive MB/s | Dispatches |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|',
    ...scale.rows.map((r) => `| ${(r.archiveBytes / MiB).toFixed(0)} MiB | ${(r.rawBytes / MiB).toFixed(0)} MiB | ${r.pages} | ${r.jobs} | ${r.wallS.toFixed(1)} | ${fmt(r.cpuS, 1)} | ${fmt(r.rssMiB, 1)} | ${r.mbPerS.toFixed(1)} | ${r.dispatches ?? 'n/a'} |`),
    '',
    `Peak RSS ${BIG_MB} MiB / ${SMALL_MB} MiB archive: ${fmt(scale.rssRatioJobs1)}x with --jobs 1, ${fmt(scale.rssRatioDefault)}x with the default; ` +
      `largest peak ${fmt(scale.maxRssMiB, 1)} MiB (goal ≤ ${GOAL_RSS_MIB} MiB: ${scale.maxRssMiB <= GOAL_RSS_MIB ? 'met' : 'not met'})` +
      (HEAP_CAP ? `; with the old space capped at ${HEAP_CAP} MiB, largest peak ${fmt(scale.cappedMaxRssMiB, 1)} MiB.` : '.'),
  );
} else if (scale?.skipped) lines.push('', `Scale: skipped (${scale.skipped}).`);
lines.push('', progress.lines.length ? `Progress line (under \`script\`, ${progress.lines.length} redraws seen), e.g.: \`${progress.lines.at(-1)}\`` : `Progress line: none seen${progress.why ? ` (${progress.why})` : ''}.`);
process.stdout.write(`${lines.join('\n')}\n`);

const results = {
  date: new Date().toISOString(),
  options: { files: FILES, runs: RUNS, bigMb: BIG_MB, smallMb: SMALL_MB, quick: opts.quick, full: opts.full },
  machine: info,
  corpus: { files: corpus.files, htmlBytes: corpus.bytes, dir: corpus.dir },
  archive: { file: archive.file, bytes: archive.bytes, rawBytes: archive.rawBytes, records: archive.records, nonPages: archive.nonPages, pages: archive.pages },
  sanity,
  pythonPages,
  stats,
  ratios,
  progress,
  floor,
  profiles,
  scale,
  benchSeconds: (Date.now() - benchStarted) / 1000,
};
fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
fs.writeFileSync(path.join(HERE, 'results', 'archive.json'), `${JSON.stringify(results, null, 2)}\n`);
log(`results: bench/results/archive.json (${(results.benchSeconds / 60).toFixed(1)} min)`);
fs.rmSync(scratch, { recursive: true, force: true });
