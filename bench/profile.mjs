#!/usr/bin/env node
/**
 * Where kcna-parse spends its time: runs the CLI under `node --cpu-prof` over a corpus (or any
 * inputs) and prints the functions with the most self time, and self time summed per source file.
 *
 *   node bench/profile.mjs [--files 2000] [--format ndjson] [--top 25] [--keep] [-- INPUT...]
 *   node bench/profile.mjs --summarise FILE.cpuprofile
 *
 * The profile itself is written to a temporary folder (kept with --keep) and can be opened in
 * Chrome DevTools or speedscope.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_ROOT, ensureCorpus } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    files: { type: 'string', default: '2000' },
    format: { type: 'string', default: 'ndjson' },
    top: { type: 'string', default: '25' },
    keep: { type: 'boolean', default: false },
    summarise: { type: 'string' },
  },
});
const TOP = Number(values.top);

/** Self time per node of a .cpuprofile: samples are node ids, timeDeltas the time before each. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map();
  const files = new Map();
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    const file = shortUrl(f.url);
    const key = `${f.functionName || '(anonymous)'}  ${file}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    const group = file || f.functionName;
    files.set(group, (files.get(group) ?? 0) + ms);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { total, functions: sorted(functions), files: sorted(files) };
}

function shortUrl(url) {
  if (!url) return '';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const relative = path.relative(REPO, file);
  return relative.startsWith('..') ? file : relative;
}

function print({ total, functions, files }) {
  const pct = (ms) => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
  console.log(`total sampled: ${total.toFixed(0)} ms\n\nself time by function (top ${TOP}):`);
  for (const [name, ms] of functions.slice(0, TOP)) console.log(`${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${name}`);
  console.log(`\nself time by file (top ${TOP}):`);
  for (const [name, ms] of files.slice(0, TOP)) console.log(`${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${name}`);
}

if (values.summarise) {
  print(summarise(JSON.parse(fs.readFileSync(values.summarise, 'utf8'))));
} else {
  const inputs = positionals.length > 0 ? positionals : [ensureCorpus({ files: Number(values.files), root: DEFAULT_ROOT, log: console.error }).dir];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-profile-'));
  const args = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', path.join(REPO, 'bin', 'kcna-parse.js'), ...inputs, '--format', values.format, '--quiet'];
  console.log(`node ${args.join(' ')} > /dev/null\n`);
  const run = spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0 && run.status !== 1) throw new Error(`kcna-parse exited with ${run.status ?? run.signal}`);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  print(summarise(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
  if (values.keep) console.log(`\nprofile kept: ${path.join(dir, file)}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
