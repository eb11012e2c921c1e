#!/usr/bin/env node
/**
 * The read floor: walk the folders as kcna-parse does (every *.txt, sorted by code unit), read each
 * file, decode it and split it into lines, and nothing else. No converter can beat this by much.
 *
 *   node bench/floor.mjs DIR...
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function walk(dir, prefix, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix + entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), `${relative}/`, out);
    else if (entry.isFile() && entry.name.endsWith('.txt')) out.push(relative);
  }
  return out;
}

let files = 0;
let bytes = 0;
let lines = 0;
for (const root of process.argv.slice(2)) {
  const prefix = `${root.replace(/\/+$/, '')}/`;
  // Same order as kcna-parse: whole relative paths compared by UTF-16 code unit.
  for (const file of walk(root, prefix, []).sort()) {
    const text = readFileSync(file, 'utf8');
    files++;
    bytes += text.length;
    lines += text.split('\n').length;
  }
}
// Printing the totals keeps the work observable, so none of it can be optimised away.
console.log(JSON.stringify({ files, chars: bytes, lines }));
