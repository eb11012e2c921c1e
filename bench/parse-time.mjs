#!/usr/bin/env node
/**
 * In-process time of the library's work on one input, free of start-up: parse, schema check and
 * JSON serialisation, best-of-median over a few repeats after a warm-up. Prints JSON.
 *
 *   node bench/parse-time.mjs FILE [REPEATS]
 */
import { readFileSync } from 'node:fs';
import { checkDocument, parseDispatch } from '../dist/index.js';

const [file, repeatsText = '3'] = process.argv.slice(2);
const bytes = readFileSync(file);
const repeats = Number(repeatsText);
const times = { parse: [], check: [], stringify: [] };
for (let i = 0; i <= repeats; i++) {
  const t0 = performance.now();
  const result = parseDispatch(bytes, { path: file });
  const t1 = performance.now();
  if (!result.ok) throw new Error(`${file}: ${result.code} ${result.message}`);
  const check = checkDocument(result.document);
  const t2 = performance.now();
  if (!check.valid) throw new Error(`${file}: does not follow the schema`);
  const json = JSON.stringify(result.document);
  const t3 = performance.now();
  if (json.length === 0) throw new Error('empty output');
  // The first pass warms the JIT and is not counted.
  if (i > 0) {
    times.parse.push(t1 - t0);
    times.check.push(t2 - t1);
    times.stringify.push(t3 - t2);
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const parse = median(times.parse);
const check = median(times.check);
const stringify = median(times.stringify);
console.log(JSON.stringify({ bytes: bytes.length, parse, check, stringify, total: parse + check + stringify }));
