#!/usr/bin/env node
/**
 * The web-page benchmark (`npm run bench:html`, which builds first): the reader of saved pages
 * against the generic article extractors and the script a researcher would write, on the HTML
 * corpus of bench/html-corpus.mjs, side by side in one run. Ratios come from the same run.
 *
 *   node bench/html.mjs [--files 20000] [--runs 5] [--sample 2000] [--full]
 *
 * Measures:
 * - per page, in one process, over a sample of the corpus: kcna-parse's parseDispatch (reading,
 *   decoding, laying out, the template, the story core), with the schema check and JSON too; the
 *   two HTML parsers the reader could be built on, alone (htmlparser2's event parser, which it uses,
 *   and parse5's tree builder, the WHATWG parser jsdom uses, with and without source locations);
 *   readability-lxml (Debian's python3-readability) on the same pages;
 * - the batch wall of `kcna-parse html/ -f ndjson --jobs 1`, of the same dispatches as text
 *   captures, and of bench/baseline_html.py (BeautifulSoup over lxml), each --runs times;
 * - with --full, the peak RSS of the HTML batch at 10,000 and 100,000 pages.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureHtmlCorpus } from './html-corpus.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin', 'kcna-parse.js');
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const { values: opts } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    sample: { type: 'string', default: '2000' },
    full: { type: 'boolean', default: false },
  },
});
const FILES = Number(opts.files);
const RUNS = Number(opts.runs);
const SAMPLE = Number(opts.sample);
const log = (line = '') => process.stderr.write(`${line}\n`);
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (x, digits = 3) => (x === null || x === undefined ? 'n/a' : x.toFixed(digits));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-bench-html-'));
const rssFile = path.join(scratch, 'rss.txt');

/** Runs a command; wall ms and peak RSS (KiB, from GNU time when there is one). */
function measure(command, args, stdout = null) {
  const out = stdout === null ? 'ignore' : fs.openSync(stdout, 'w');
  const argv = fs.existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, command, ...args] : [command, ...args];
  fs.rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: REPO, stdio: ['ignore', out, 'ignore'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out !== 'ignore') fs.closeSync(out);
  if (result.error) throw result.error;
  const rss = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : null;
  return { ms, rssKiB: rss, status: result.status };
}

/** The median wall of `runs` runs after one warm-up run. */
function wall(name, command, args) {
  measure(command, args);
  const times = [];
  for (let r = 0; r < RUNS; r++) times.push(measure(command, args).ms);
  log(`  ${name}: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  return median(times);
}

/** Every page of the corpus, in path order. */
function pagesUnder(dir) {
  const found = [];
  const visit = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else found.push(full);
    }
  };
  visit(dir);
  return found;
}

/** Median and mean milliseconds of `fn` over the pages, after a warm-up pass. */
function perPage(pages, fn) {
  for (const page of pages) fn(page);
  const times = [];
  for (const page of pages) {
    const t = performance.now();
    fn(page);
    times.push(performance.now() - t);
  }
  return { median: median(times), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

log(`kcna-parse HTML benchmark: --files ${FILES} --runs ${RUNS} --sample ${SAMPLE}${opts.full ? ' --full' : ''}`);
const corpus = ensureHtmlCorpus({ files: FILES, log });
log(`corpus: ${corpus.files} pages, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB of HTML (${Object.entries(corpus.sites).map(([s, n]) => `${s} ${n}`).join(', ')})`);

// ---------------------------------------------------------------- per page, in one process
const { parseDispatch } = await import(path.join(REPO, 'dist/parse/parse.js'));
const { checkDocument } = await import(path.join(REPO, 'dist/schema/validate.js'));
const { Parser } = await import('htmlparser2');
const parse5 = await import('parse5');
const files = pagesUnder(corpus.html);
const step = Math.max(1, Math.floor(files.length / SAMPLE));
const sample = files.filter((_, i) => i % step === 0).slice(0, SAMPLE).map((file) => ({ file, bytes: fs.readFileSync(file) }));
const texts = sample.map(({ bytes }) => new TextDecoder('utf-8').decode(bytes));
let k = 0;
const reader = perPage(sample, ({ file, bytes }) => parseDispatch(bytes, { path: file }));
const readerFull = perPage(sample, ({ file, bytes }) => {
  const result = parseDispatch(bytes, { path: file });
  if (result.ok) for (const document of result.documents) if (checkDocument(document).valid) JSON.stringify(document);
});
k = 0;
const htmlparser2 = perPage(texts, (text) => {
  let n = 0;
  const parser = new Parser({ ontext: (t) => (n += t.length), onopentag: () => n++, onclosetag: () => n++ }, { decodeEntities: true });
  parser.end(text);
  k += n;
});
const parse5Tree = perPage(texts, (text) => parse5.parse(text));
const parse5Located = perPage(texts, (text) => parse5.parse(text, { sourceCodeLocationInfo: true }));
let readability = null;
const rl = spawnSync(PYTHON, [path.join(HERE, 'readability_time.py'), corpus.html, String(SAMPLE)], { encoding: 'utf8' });
if (rl.status === 0) readability = JSON.parse(rl.stdout.trim());
else log(`  readability-lxml not measured (${PYTHON} bench/readability_time.py: ${rl.stderr.trim().split('\n').pop()})`);

// ---------------------------------------------------------------- batch walls
log('batch walls:');
const out = path.join(scratch, 'out.ndjson');
const htmlWall = wall('kcna-parse html', process.execPath, [BIN, corpus.html, '-f', 'ndjson', '--jobs', '1', '-q', '-o', out]);
const textWall = wall('kcna-parse text', process.execPath, [BIN, corpus.text, '-f', 'ndjson', '--jobs', '1', '-q', '-o', out]);
const bs4 = spawnSync(PYTHON, ['-c', 'import bs4, lxml'], { stdio: 'ignore' }).status === 0;
const pythonWall = bs4 ? wall('python bs4', PYTHON, [path.join(HERE, 'baseline_html.py'), corpus.html]) : null;
if (!bs4) log('  the BeautifulSoup baseline needs python3-bs4 and python3-lxml (Debian): not measured');

// ---------------------------------------------------------------- memory
let rss = null;
if (opts.full) {
  log('peak RSS at 10,000 and 100,000 pages (one run each):');
  const small = ensureHtmlCorpus({ files: 10_000, log });
  const large = ensureHtmlCorpus({ files: 100_000, log });
  const at10k = measure(process.execPath, [BIN, small.html, '-f', 'ndjson', '--jobs', '1', '-q', '-o', out]).rssKiB;
  const at100k = measure(process.execPath, [BIN, large.html, '-f', 'ndjson', '--jobs', '1', '-q', '-o', out]).rssKiB;
  rss = { at10k, at100k };
}

// ---------------------------------------------------------------- the table
const rows = [
  ['kcna-parse: parseDispatch (decode, lay out, template, story)', reader.median, reader.mean],
  ['kcna-parse: parseDispatch + schema check + JSON', readerFull.median, readerFull.mean],
  ['htmlparser2 events alone (the reader is built on it)', htmlparser2.median, htmlparser2.mean],
  ['parse5 tree (WHATWG, as jsdom)', parse5Tree.median, parse5Tree.mean],
  ['parse5 tree with source locations (for line numbers)', parse5Located.median, parse5Located.mean],
  ['readability-lxml Document().summary() + short_title()', readability?.median_ms ?? null, readability?.mean_ms ?? null],
];
const lines = [
  '',
  `Per page, in one process, over ${sample.length} pages of the corpus (ms):`,
  '',
  '| | median | mean |',
  '| --- | --- | --- |',
  ...rows.map(([name, m, mean]) => `| ${name} | ${fmt(m)} | ${fmt(mean)} |`),
  '',
  `Batch of ${corpus.files} pages, median of ${RUNS} runs after one warm-up (ms):`,
  '',
  '| | wall | ratio |',
  '| --- | --- | --- |',
  `| kcna-parse html/ -f ndjson --jobs 1 | ${htmlWall.toFixed(0)} | 1.00 |`,
  `| kcna-parse on the same dispatches as text captures | ${textWall.toFixed(0)} | ${fmt(htmlWall / textWall, 2)}x (HTML / text) |`,
  `| bench/baseline_html.py (BeautifulSoup over lxml) | ${pythonWall === null ? 'n/a' : pythonWall.toFixed(0)} | ${pythonWall === null ? 'n/a' : `${fmt(htmlWall / pythonWall, 2)}x (kcna-parse / Python)`} |`,
  '',
  `Goals: per page median ≤ 1 ms: ${fmt(reader.median)} ms; below readability-lxml: ${readability ? fmt(reader.median / readability.median_ms, 2) : 'n/a'}x of it; ` +
    `HTML ≤ 3x text: ${fmt(htmlWall / textWall, 2)}x; ≤ 0.5x Python: ${pythonWall === null ? 'n/a' : fmt(htmlWall / pythonWall, 2)}x` +
    (rss ? `; peak RSS 10k ${(rss.at10k / 1024).toFixed(1)} MiB, 100k ${(rss.at100k / 1024).toFixed(1)} MiB, ratio ${fmt(rss.at100k / rss.at10k, 2)}x (≤ 1.2x)` : ''),
];
process.stdout.write(`${lines.join('\n')}\n`);
fs.rmSync(scratch, { recursive: true, force: true });
