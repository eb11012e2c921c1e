#!/usr/bin/env node
/**
 * Two builds of the parser against each other, in one process, over the same files held in
 * memory: parseDispatch only (no reading, checking or rendering), the two builds taking turns every
 * 50 files so that load on the machine falls on both alike. Prints JSON: the median and minimum
 * wall time of a pass over all files for each build, the median process CPU time, and the ratios
 * (second build over first).
 *
 *   node bench/parse-compare.mjs BASE_DIST NEW_DIST CORPUS_DIR [ROUNDS]
 *
 * e.g. with an older release built into /tmp/old (npm run build there) and a corpus from
 * bench/corpus.mjs:  node bench/parse-compare.mjs /tmp/old/dist dist /tmp/kcna-parse-bench/corpus-4000-... 15
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const [baseDist, newDist, corpus, roundsText = '15'] = process.argv.slice(2);
if (!baseDist || !newDist || !corpus) {
  console.error('usage: node bench/parse-compare.mjs BASE_DIST NEW_DIST CORPUS_DIR [ROUNDS]');
  process.exit(2);
}
const builds = {
  base: (await import(path.resolve(baseDist, 'parse/parse.js'))).parseDispatch,
  next: (await import(path.resolve(newDist, 'parse/parse.js'))).parseDispatch,
};

const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir).sort()) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) walk(file);
    else if (file.endsWith('.txt')) files.push(file);
  }
};
walk(corpus);
const inputs = files.map((file) => ({ path: path.relative(corpus, file), bytes: readFileSync(file) }));

// Load on a shared machine comes and goes within seconds, so the builds take turns chunk by chunk
// (50 files), first one then the other, the order swapped every chunk: both meet the same load.
// Each round's totals are one sample per build.
const CHUNK = 50;
const wall = { base: [], next: [] };
const cpu = { base: [], next: [] };
const parsed = { base: 0, next: 0 };
function chunk(which, from, totals, count) {
  const parse = builds[which];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let ok = 0;
  for (let i = from; i < Math.min(from + CHUNK, inputs.length); i++) if (parse(inputs[i].bytes, { path: inputs[i].path }).ok) ok++;
  totals.wall[which] += performance.now() - t0;
  const c = process.cpuUsage(c0);
  totals.cpu[which] += (c.user + c.system) / 1000;
  if (count) parsed[which] += ok;
}
function round(record, count) {
  const totals = { wall: { base: 0, next: 0 }, cpu: { base: 0, next: 0 } };
  for (let from = 0, k = 0; from < inputs.length; from += CHUNK, k++) {
    for (const which of k % 2 === 0 ? ['base', 'next'] : ['next', 'base']) chunk(which, from, totals, count);
  }
  if (!record) return;
  for (const which of ['base', 'next']) {
    wall[which].push(totals.wall[which]);
    cpu[which].push(totals.cpu[which]);
  }
}
round(false, true); // warm-up, and the count of inputs each build parses
for (let i = 0; i < Number(roundsText); i++) round(true, false);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const min = (xs) => xs.reduce((a, b) => Math.min(a, b), Infinity);
const tenth = (x) => Math.round(x * 10) / 10;
const ratio = (a, b) => Math.round((b / a) * 1000) / 1000;
console.log(
  JSON.stringify({
    files: inputs.length,
    parsedOk: parsed,
    wallMedianMs: [tenth(median(wall.base)), tenth(median(wall.next))],
    wallMedianRatio: ratio(median(wall.base), median(wall.next)),
    wallMinMs: [tenth(min(wall.base)), tenth(min(wall.next))],
    wallMinRatio: ratio(min(wall.base), min(wall.next)),
    cpuMedianMs: [tenth(median(cpu.base)), tenth(median(cpu.next))],
    cpuMedianRatio: ratio(median(cpu.base), median(cpu.next)),
  }),
);
