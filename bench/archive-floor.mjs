#!/usr/bin/env node
/**
 * The floors under reading a .warc.gz, in one process (used by bench/archive.mjs; run alone after
 * `npm run build` is not needed, it uses only node:zlib and warcio):
 *
 *   zlib     node:zlib's gunzip stream over the file (native zlib; reads every member)
 *   pako     warcio's AsyncIterReader over the file in 16 KiB slices, as kcna-parse feeds it
 *            (src/io/archive/warc.ts): inflating with pako, member after member, nothing parsed
 *   warcio   warcio's WARCParser over the file, every record's block read (readFully): what a
 *            JavaScript script with the field's library does before it looks at a page
 *
 *   node bench/archive-floor.mjs FILE.warc.gz [--runs 3]
 *
 * Rounds alternate zlib, pako, warcio after one warm-up round; prints JSON: medians (ms), the
 * inflated bytes and the records warcio saw.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { AsyncIterReader, WARCParser } from 'warcio';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const file = positionals[0];
const RUNS = Number(values.runs);
const SLICE = 16 * 1024;

async function* sliced(path) {
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 64 * 1024 })) {
    for (let at = 0; at < chunk.length; at += SLICE) yield chunk.subarray(at, at + SLICE);
  }
}

const floors = {
  async zlib() {
    let bytes = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(zlib.createGunzip())) bytes += chunk.length;
    return { bytes };
  },
  async pako() {
    let bytes = 0;
    for await (const chunk of new AsyncIterReader(sliced(file), 'gzip')) bytes += chunk.length;
    return { bytes };
  },
  async warcio() {
    let records = 0;
    let bytes = 0;
    for await (const record of new WARCParser(fs.createReadStream(file, { highWaterMark: 64 * 1024 }))) {
      bytes += (await record.readFully()).length;
      records++;
    }
    return { records, bytes };
  },
};

const times = Object.fromEntries(Object.keys(floors).map((k) => [k, []]));
const seen = {};
for (let round = 0; round <= RUNS; round++) {
  for (const [name, fn] of Object.entries(floors)) {
    const started = performance.now();
    seen[name] = await fn();
    if (round > 0) times[name].push(performance.now() - started);
  }
}
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
process.stdout.write(`${JSON.stringify({ file, runs: RUNS, medianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Number(median(v).toFixed(1))])), timesMs: times, seen })}\n`);
