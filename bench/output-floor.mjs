#!/usr/bin/env node
/**
 * What the read floor leaves out. Over the same files in the same order, times three things in one
 * process, per file, with the documents the library makes:
 *
 *   read floor    read the file, decode it, split it into lines (bench/floor.mjs's work);
 *   output floor  the read floor, plus what any converter writing this output must also do with
 *                 the engine's own code: the SHA-256 of the bytes (source.sha256), a SHA-256 over
 *                 the story's text (the content id), JSON.stringify of the documents and their
 *                 UTF-8 encoding;
 *   library       read the file, then parseDispatch, checkDocument, JSON.stringify and the UTF-8
 *                 encoding: kcna-parse's conversion without the command line around it.
 *
 * The ratios between them say how much of a batch run's time over the read floor is the parser's
 * own (the library less the output floor) and how much no JavaScript converter can avoid. Prints
 * the medians over ROUNDS rounds (after a warm-up round, not counted) of each total, in ms, as JSON.
 *
 *   node bench/output-floor.mjs DIR [ROUNDS]
 */
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkDocument, parseDispatch } from '../dist/index.js';
import { dumpsUnder } from './walk.mjs';

const [root, roundsText = '3'] = process.argv.slice(2);
const rounds = Number(roundsText);

const files = dumpsUnder(root);
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** The fastest SHA-256 the engine offers: one call where Node has crypto.hash, as the parser does. */
const sha256 = crypto.hash ? (data) => crypto.hash('sha256', data, 'hex') : (data) => crypto.createHash('sha256').update(data).digest('hex');
/** Where the encoded output goes: one buffer, reused (a record that does not fit gets its own). */
const sink = Buffer.allocUnsafe(8 << 20);
const encode = (json) => (json.length * 3 <= sink.length ? sink.write(json, 0) : Buffer.byteLength(json));

const KEYS = ['readFloor', 'outputFloor', 'library'];
const samples = Object.fromEntries(KEYS.map((key) => [key, []]));
let documentCount = 0;
for (let round = 0; round <= rounds; round++) {
  const totals = { readFloor: 0, outputFloor: 0, library: 0 };
  documentCount = 0;
  for (const file of files) {
    const t0 = performance.now();
    const bytes = readFileSync(file);
    const t1 = performance.now();
    const lines = decoder.decode(bytes).split(/\r\n|\r|\n/);
    const t2 = performance.now();
    const result = parseDispatch(bytes, { path: file });
    const documents = result.ok ? result.documents : [];
    for (const document of documents) {
      if (!checkDocument(document).valid) throw new Error(`${file}: does not follow the schema`);
      encode(JSON.stringify(document));
    }
    const t3 = performance.now();
    sha256(bytes);
    for (const document of documents) {
      sha256(document.lead.paragraphs.join('\u001f'));
      encode(JSON.stringify(document));
    }
    const t4 = performance.now();
    if (lines.length === 0) throw new Error('unreachable: a split gives one line at least');
    documentCount += documents.length;
    totals.readFloor += t2 - t0;
    totals.outputFloor += t2 - t0 + (t4 - t3);
    totals.library += t1 - t0 + (t3 - t2);
  }
  // The first round warms the JIT and the page cache.
  if (round > 0) for (const key of KEYS) samples[key].push(totals[key]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify({ files: files.length, documents: documentCount, ...Object.fromEntries(KEYS.map((key) => [key, median(samples[key])])) }));
