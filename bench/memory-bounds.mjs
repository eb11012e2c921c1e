#!/usr/bin/env node
/**
 * Peak RSS of one input within the default --max-bytes (16 MiB), the worst kinds the adversarial
 * pass found and the worst still accepted at the limits, in every format (SQLite and Parquet too),
 * in `report` and in the library (parseDispatch in a fresh process). Prints a table of MiB; the goal is 512 MiB for every
 * cell. GNU time (/usr/bin/time) measures the child.
 *
 *   node bench/memory-bounds.mjs [--keep]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(REPO, 'bin', 'kcna-parse.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-memory-'));
const MiB = 1024 * 1024;
const HEAD = 'Pyongyang, March 23 (KCNA) -- Lead.\n-0-\n';
const ab = (size) => 'ab\n'.repeat(Math.floor(size / 3));
const long = 'x'.repeat(150);
const story = 'Title of Story\n\nPyongyang, September 14 (KCNA) -- Text that is long enough to be a first paragraph of a real dispatch of the agency.\nA second paragraph, as long as the first one and a little longer than it.\n\n';

const inputs = {
  'blank-16 (16 M line breaks)': `Pyongyang, March 23 (KCNA) -- Lead. -0-\n${'\n'.repeat(16 * MiB - 64)}`,
  'trail-4 (1.4 M lines after -0-)': `${HEAD}${ab(4 * MiB)}`,
  'para-16 (5.6 M paragraph lines)': `Pyongyang, March 23 (KCNA) -- Lead.\n${ab(16 * MiB - 64)}-0-\n`,
  'trail-16 (5.6 M lines after -0-)': `${HEAD}${ab(16 * MiB - 64)}`,
  '100k one-line stories (3.7 MB)': 'Pyongyang, September 14 (KCNA) -- Text. -0-\n'.repeat(100_000),
  'at the line limit: 99,997 lines of 150 after -0- (15 MB)': `${HEAD}${`${long}\n`.repeat(99_997)}`,
  'at the line limit: 99,998 paragraphs of 150 (15 MB)': `Pyongyang, March 23 (KCNA) -- Lead.\n${`${long}\n`.repeat(99_997)}-0-\n`,
  'at the story limit: 10,000 stories of two paragraphs (2 MB)': story.repeat(10_000),
  'a page of 1 M <br> (6 MB of HTML)': `<!DOCTYPE html><html><body><p>Pyongyang, March 23 (KCNA) -- Lead. -0-</p>${'<br>'.repeat(1_000_000)}</body></html>`,
  'a page at the block limit: 99,990 <p> (16 MB of HTML)': `<!DOCTYPE html><html><body><p>Pyongyang, March 23 (KCNA) -- Lead.</p>${`<p>${'y'.repeat(150)}</p>`.repeat(99_990)}<p>-0-</p></body></html>`,
};

const runs = {
  json: ['-f', 'json'],
  ndjson: ['-f', 'ndjson'],
  csv: ['-f', 'csv'],
  ninjs: ['-f', 'ninjs'],
  sqlite: ['-f', 'sqlite'],
  parquet: ['-f', 'parquet'],
  report: ['report', '-f', 'html'],
};

function peak(argv) {
  const rss = path.join(dir, 'rss');
  const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rss, ...argv], { cwd: REPO, stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(fs.readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024;
}

const library = `import { readFileSync } from 'node:fs'; const { parseDispatch } = await import(${JSON.stringify(path.join(REPO, 'dist/parse/parse.js'))}); const r = parseDispatch(readFileSync(process.argv[1])); if (r.ok) JSON.stringify(r.documents);`;
const header = ['input', ...Object.keys(runs), 'library', 'result'];
const rows = [];
for (const [name, text] of Object.entries(inputs)) {
  const file = path.join(dir, `${rows.length}.${name.includes('HTML') ? 'html' : 'txt'}`);
  fs.writeFileSync(file, text);
  const cells = [];
  for (const args of Object.values(runs)) {
    const out = path.join(dir, 'out');
    const argv = args[0] === 'report' ? [process.execPath, BIN, 'report', file, ...args.slice(1), '-q', '-o', `${out}.html`] : [process.execPath, BIN, file, ...args, '-q', '-o', `${out}.x`];
    cells.push(peak(argv).toFixed(0));
  }
  cells.push(peak([process.execPath, '--input-type=module', '-e', library, file]).toFixed(0));
  const probe = spawnSync(process.execPath, [BIN, file, '-f', 'ndjson', '-o', path.join(dir, 'probe')], { encoding: 'utf8' });
  const error = /error ([A-Z_]+)/u.exec(probe.stderr);
  rows.push([name, ...cells, error ? error[1] : 'converted']);
  process.stderr.write(`${name}: ${cells.join(' ')}\n`);
}
const table = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
process.stdout.write(`Peak RSS (MiB), one input, default --max-bytes 16M:\n\n${table.join('\n')}\n`);
if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
