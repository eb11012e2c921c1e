/**
 * The aggregator keeps no input text alive. V8 makes a substring a view of the string it was cut
 * from, so a teaser example or a place name kept as is would keep its whole dump in memory. Here
 * every result's strings are cut from a fresh 64 KiB string: kept, 2,000 of them would hold 250 MB
 * (UTF-16); the live heap after counting them must stay a small fraction of that.
 *
 * Runs in a child process with --expose-gc, against the built dist/ (npm test builds first).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SCRIPT = `
const { ReportAggregator } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/report/aggregate.js')).href)});
const { parseDispatch } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/parse/parse.js')).href)});
const { readFileSync } = await import('node:fs');
const base = parseDispatch(readFileSync(${JSON.stringify(path.join(ROOT, 'fixtures/sample/input.txt'))}), { year: 2021 }).document;
const aggregator = new ReportAggregator({ generator: 'test' });
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
const before = heap();
for (let i = 0; i < 2000; i++) {
  // A distinct large string per input, and every kept string cut from it.
  const big = String(i).padStart(6, '0') + 'x'.repeat(65536) + 'Pyongyang Province' + 'a teaser that points elsewhere, cut from the page text';
  const cut = (text) => big.slice(big.indexOf(text), big.indexOf(text) + text.length);
  const day = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
  const document = structuredClone(base);
  document.id = (String(i).padStart(8, '0') + base.id).slice(0, 32);
  document.lead.dateline.place = cut('Pyongyang Province') + big.slice(0, 6);
  document.lead.date = day;
  document.teasers = [{ ...base.teasers[0], date: day, dateline: null, text: cut('a teaser that points elsewhere, cut from the page text') }];
  document.teasers[0].date = new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10);
  const path = big.slice(0, 6) + '/dump.txt';
  aggregator.add({ ok: true, input: { kind: 'file', display: path, absolute: '/' + path, base: '/' }, document, documents: [document], warnings: [{ code: 'PAGE_JUNK', line: 1, message: big.slice(0, 40) }] });
}
const after = heap();
const summary = aggregator.summary();
console.log(JSON.stringify({ grown: after - before, places: summary.places.entries.length + summary.places.otherNames, missing: summary.teasers.missingDays }));
`;

describe('the aggregator', () => {
  it('keeps no input text alive: the heap grows by kilobytes an input, not by the inputs’ size', async () => {
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--expose-gc', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const { grown, places, missing } = JSON.parse(output) as { grown: number; places: number; missing: number };
    // The places told apart (a thousand, then the rest counted as one more) and every teaser day
    // were kept: the strings exist, only small.
    expect(places).toBe(1001);
    expect(missing).toBe(2000);
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  }, 60_000);
});
