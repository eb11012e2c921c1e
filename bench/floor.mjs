#!/usr/bin/env node
/**
 * The read floor: walk the folders as kcna-parse does (every *.txt, sorted by code unit), read each
 * file, decode it and split it into lines, and nothing else. No converter can beat this by much.
 *
 *   node bench/floor.mjs DIR...
 */
import { readFileSync } from 'node:fs';
import { dumpsUnder } from './walk.mjs';

let files = 0;
let bytes = 0;
let lines = 0;
for (const root of process.argv.slice(2)) {
  for (const file of dumpsUnder(root)) {
    const text = readFileSync(file, 'utf8');
    files++;
    bytes += text.length;
    lines += text.split('\n').length;
  }
}
// Printing the totals keeps the work observable, so none of it can be optimised away.
console.log(JSON.stringify({ files, chars: bytes, lines }));
