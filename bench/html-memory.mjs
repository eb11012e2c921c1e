#!/usr/bin/env node
/**
 * Peak memory of the web-page reader on hostile pages: for each page, a fresh child process reads
 * it with the library (`parseDispatch`, reporting its own `process.resourceUsage().maxRSS`), and
 * the command line converts it (`kcna-parse FILE -f ndjson --jobs 1`, peak RSS from GNU
 * `/usr/bin/time -f %M` when it is there). A child that only reads the file gives the floor: what
 * Node and the bytes cost before any parsing. Not part of `npm test`; run it after `npm run build`:
 *
 *   node bench/html-memory.mjs [--timeout 120] [--keep] [--only name,name] [--extra]
 *
 *   --timeout S  seconds a child may run before it is killed and its row says so (default 120)
 *   --keep       keep the generated pages (printed folder)
 *   --only       run only the named pages (see PAGES and EXTRA below)
 *   --extra      also the pages of the defects tests/reliability/hostile-html.test.ts marks
 *                it.fails (slow or memory-hungry: minutes with the default timeout)
 *
 * The pages (generated deterministically into a temporary folder):
 *   article-16mb   16 MB of ordinary article markup: head, menus, about 40,000 paragraphs with
 *                  inline <b>, <a>, entities and line breaks, a dateline first and an end marker
 *   nested-100k    100,000 nested <div>s around one dispatch, every one closed
 *   attribute-10mb a 10 MB class attribute on the article's element
 *   br-1m          1,000,000 <br> between the dateline and the last paragraph
 *   script-16mb    a dispatch, then a <script> of 16 MB that is never closed
 *   text-16mb      16 MB of words in one <p>
 * and with --extra:
 *   text-16mb-wrapped  16 MB of words in one <p>, a line break every 12 words (D9: memory)
 *   bold-words-200k    200,000 bold words separated by spaces in one <p>, 1.8 MB (D1: time)
 *   nested-text-100k   100,000 nested <div>s each holding a line, 0.9 MB (D2: time)
 *   nested-span-100k   100,000 nested <span>s each holding a word, 1.1 MB (D4: time)
 *   nested-400k        400,000 nested <div>s, every one closed, 4.4 MB (D3: time)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin', 'kcna-parse.js');
const DIST = path.join(REPO, 'dist', 'index.js');
const MB = 1_000_000;
const MiB = 1024 * 1024;

const { values: args } = parseArgs({
  options: { timeout: { type: 'string', default: '120' }, keep: { type: 'boolean', default: false }, only: { type: 'string' }, extra: { type: 'boolean', default: false } },
});
const TIMEOUT_MS = Number(args.timeout) * 1000;

if (!fs.existsSync(DIST) || !fs.existsSync(path.join(REPO, 'dist', 'cli', 'program.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

// ---------------------------------------------------------------- the pages

const DATELINE = 'Pyongyang, March 23 (KCNA) -- ';
const HEAD = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>A dispatch</title>\n</head>\n<body>\n';
const TAIL = '\n</body>\n</html>\n';
const WORDS = ['the', 'delegation', 'visited', 'plant', 'and', 'people', 'of', 'Party', 'socialist', 'construction', 'said', 'in', 'a', 'speech', 'at', 'meeting'];

/** Deterministic words (a linear congruential generator), about `bytes` of them; a line break every `wrap` words. */
function words(bytes, seed = 1, wrap = 0) {
  let out = '';
  let state = seed;
  for (let i = 1; out.length < bytes; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out += WORDS[(state >>> 16) % WORDS.length] + (wrap > 0 && i % wrap === 0 ? '\n' : ' ');
  }
  return out.slice(0, -1);
}

/** Strings joined to about `bytes` (the last piece may overshoot by one piece). */
function fill(bytes, piece) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const p = piece(i);
    parts.push(p);
    length += Buffer.byteLength(p);
  }
  return parts.join('');
}

const PAGES = {
  'article-16mb': () => {
    const menu = '<nav><ul><li><a href="/en/">Home</a></li><li><a href="/en/news">News</a></li><li><a href="/en/photo">Photo</a></li></ul></nav>\n';
    const paragraph = (i) =>
      `<p>${i === 0 ? DATELINE : ''}The <b>delegation</b> visited the plant&nbsp;No.&nbsp;${i} and met &quot;workers&quot; of the <a href="/en/a/${i}">shop</a>. ${words(280, i + 1)}.</p>\n`;
    const body = fill(16 * MB - 2000, paragraph);
    return `${HEAD}${menu}<div class="article">\n${body}<p>The visit ended. -0-</p>\n</div>\n<footer>Copyright</footer>${TAIL}`;
  },
  'nested-100k': () => `${HEAD}${'<div>'.repeat(100_000)}<p>${DATELINE}The delegation visited the plant.</p><p>It left. -0-</p>${'</div>'.repeat(100_000)}${TAIL}`,
  'attribute-10mb': () => `${HEAD}<div class="${words(10 * MB, 7)}">\n<p>${DATELINE}The delegation visited the plant.</p>\n<p>It left. -0-</p>\n</div>${TAIL}`,
  'br-1m': () => `${HEAD}<p>${DATELINE}The delegation visited the plant.${'<br>'.repeat(1_000_000)}It left. -0-</p>${TAIL}`,
  'script-16mb': () => `${HEAD}<p>${DATELINE}The delegation visited the plant.</p>\n<p>It left. -0-</p>\n<script>\n${fill(16 * MB - 300, (i) => `var v${i} = "<p>not text</p>";\n`)}`,
  'text-16mb': () => `${HEAD}<p>${DATELINE}${words(16 * MB - 300, 3)}. -0-</p>${TAIL}`,
};

const AROUND = (middle) => `${HEAD}<p>${DATELINE}The delegation visited the plant.</p>\n${middle}\n<p>It left. -0-</p>${TAIL}`;
const EXTRA = {
  'text-16mb-wrapped': () => `${HEAD}<p>${DATELINE}${words(16 * MB - 300, 3, 12)}. -0-</p>${TAIL}`,
  'bold-words-200k': () => AROUND(`<p>${'<b>w</b> '.repeat(200_000)}</p>`),
  'nested-text-100k': () => AROUND('<div>line'.repeat(100_000)),
  'nested-span-100k': () => AROUND(`<p>${'<span>word '.repeat(100_000)}`),
  'nested-400k': () => `${HEAD}${'<div>'.repeat(400_000)}<p>${DATELINE}The delegation visited the plant.</p><p>It left. -0-</p>${'</div>'.repeat(400_000)}${TAIL}`,
};

// ---------------------------------------------------------------- measuring

/** The library in a child: read the file, parse it, report the outcome, the time and maxRSS. */
const LIBRARY_CHILD = `
const { readFileSync } = await import('node:fs');
const { parseDispatch } = await import(${JSON.stringify(pathToFileURL(DIST).href)});
const file = process.argv[1];
const bytes = readFileSync(file);
const t = performance.now();
const result = parseDispatch(bytes, { path: file });
const ms = performance.now() - t;
const outcome = result.ok
  ? 'document, ' + result.document.lead.paragraphs.length + ' paragraph(s), ' + result.document.warnings.length + ' warning(s)'
  : result.code;
console.log(JSON.stringify({ ms, outcome, maxRssKiB: process.resourceUsage().maxRSS }));
`;

/** The floor: a child that only reads the file. */
const FLOOR_CHILD = `
const { readFileSync } = await import('node:fs');
readFileSync(process.argv[1]);
console.log(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
`;

function child(code, file) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code, file], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * MiB });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.signal) return { failed: run.error?.code === 'ETIMEDOUT' || wallMs >= TIMEOUT_MS ? `killed after ${Math.round(wallMs / 1000)} s` : `killed by ${run.signal}`, wallMs };
  if (run.status !== 0) return { failed: `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`, wallMs };
  return { ...JSON.parse(run.stdout.trim().split('\n').pop()), wallMs };
}

const HAS_GNU_TIME = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
/** coreutils timeout kills the whole process group it starts: GNU time and the CLI under it (killing time alone would leave the CLI running). */
const HAS_TIMEOUT = spawnSync('timeout', ['1', 'true']).status === 0;

/** The command line under GNU time: status, wall time, peak RSS in KiB (null without GNU time). */
function cli(file, scratch) {
  const rssFile = path.join(scratch, 'rss.txt');
  fs.rmSync(rssFile, { force: true });
  const argv = [process.execPath, BIN, file, '-f', 'ndjson', '--jobs', '1', '-q', '-o', path.join(scratch, 'out.ndjson')];
  let command = HAS_GNU_TIME ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...argv] : argv;
  if (HAS_TIMEOUT) command = ['timeout', '-s', 'KILL', String(TIMEOUT_MS / 1000), ...command];
  const started = process.hrtime.bigint();
  const run = spawnSync(command[0], command.slice(1), { cwd: scratch, encoding: 'utf8', timeout: HAS_TIMEOUT ? TIMEOUT_MS + 10_000 : TIMEOUT_MS, maxBuffer: 64 * MiB });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const killed = run.signal !== null || (HAS_TIMEOUT && run.status === 137);
  let rssKiB = null;
  if (HAS_GNU_TIME && !killed && fs.existsSync(rssFile)) rssKiB = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().trim()) || null;
  const error = run.stderr.split('\n').find((line) => line.includes(': error ')) ?? '';
  const status = killed ? `killed after ${Math.round(wallMs / 1000)} s` : String(run.status);
  return { status, wallMs, rssKiB, error };
}

// ---------------------------------------------------------------- the run

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-html-memory-'));
const only = args.only ? new Set(args.only.split(',')) : null;
const rows = [];
const mib = (kib) => (kib === null || kib === undefined ? 'n/a' : (kib / 1024).toFixed(1));
const sec = (ms) => (ms / 1000).toFixed(2);

console.error(`node ${process.version}, ${os.cpus().length} CPU(s), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; pages in ${scratch}`);
try {
  const pages = { ...PAGES, ...(args.extra || args.only ? EXTRA : {}) };
  for (const [name, make] of Object.entries(pages)) {
    if (only && !only.has(name)) continue;
    const file = path.join(scratch, `${name}.html`);
    fs.writeFileSync(file, make());
    const size = fs.statSync(file).size;
    console.error(`${name}: ${(size / MB).toFixed(1)} MB ...`);
    const floor = child(FLOOR_CHILD, file);
    const library = child(LIBRARY_CHILD, file);
    const command = cli(file, scratch);
    rows.push({ name, size, floor, library, command });
    if (!args.keep) fs.rmSync(file);
  }
} finally {
  if (!args.keep) fs.rmSync(scratch, { recursive: true, force: true });
}

const header = ['Page', 'MB', 'Read-only floor RSS (MiB)', 'parseDispatch (s)', 'parseDispatch peak RSS (MiB)', 'Outcome', 'CLI wall (s)', 'CLI peak RSS (MiB)', 'CLI exit'];
const table = [header, header.map((_, i) => (i === 0 || i === 5 ? '---' : '---:'))];
for (const { name, size, floor, library, command } of rows) {
  table.push([
    name,
    (size / MB).toFixed(1),
    mib(floor.maxRssKiB),
    library.failed ? '-' : sec(library.ms),
    library.failed ? '-' : mib(library.maxRssKiB),
    library.failed ?? library.outcome,
    sec(command.wallMs),
    mib(command.rssKiB),
    command.status + (command.error ? ` (${command.error.replace(/^.*: error /, '').slice(0, 40)})` : ''),
  ]);
}
console.log(table.map((row) => `| ${row.join(' | ')} |`).join('\n'));
if (!HAS_GNU_TIME) console.log('\nGNU /usr/bin/time not found: the CLI peak RSS is not measured.');
