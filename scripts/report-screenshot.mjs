#!/usr/bin/env node
/**
 * Regenerates docs/report.png: the report page of the bundled archive (examples/archive), as
 * headless Chromium shows it, from the top to the end of the first year's calendar (opened).
 *
 *   npm run build && node scripts/report-screenshot.mjs [--out docs/report.png] [--chromium /usr/bin/chromium]
 *
 * The report is made twice with the built program, as HTML and as JSON, with SOURCE_DATE_EPOCH set
 * so that the page's date does not change between runs. Before the picture is taken, every number
 * the page shows (each element with data-metric, whose value is its JSON Pointer) is checked
 * against the JSON; the numbers are then written into the PNG itself, as a tEXt chunk named
 * `kcna-parse report metrics` (a JSON object, pointer to number), which
 * tests/report/screenshot.test.ts compares with the report the program makes now: the picture is
 * current while they agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'docs', 'report.png') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});

/** The keyword of the PNG text chunk holding the page's numbers. */
const METRICS_KEYWORD = 'kcna-parse report metrics';
/** The date the page shows: fixed, so that the picture does not change with the day it is made. */
const SOURCE_DATE_EPOCH = '1767225600'; // 2026-01-01T00:00:00Z

const scratch = mkdtempSync(path.join(tmpdir(), 'kcna-parse-report-png-'));
try {
  const html = path.join(scratch, 'report.html');
  const json = path.join(scratch, 'report.json');
  const env = { ...process.env, SOURCE_DATE_EPOCH, NO_COLOR: '1' };
  for (const target of [html, json]) {
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'kcna-parse.js'), 'report', 'examples/archive', '-o', target, '-q'], { cwd: ROOT, env, stdio: 'inherit' });
  }
  const report = JSON.parse(readFileSync(json, 'utf8'));

  const browser = await chromium.launch({ executablePath: values.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const metrics = await page.$$eval('[data-metric]', (nodes) => nodes.map((node) => [node.getAttribute('data-metric'), Number((node.textContent ?? '').replace(/,/g, ''))]));
    const numbers = {};
    const wrong = [];
    for (const [pointer, shown] of metrics) {
      const expected = resolvePointer(report, pointer);
      if (shown !== expected) wrong.push(`${pointer}: the page shows ${shown}, the JSON has ${expected}`);
      numbers[pointer] = shown;
    }
    if (wrong.length > 0) throw new Error(`the page's numbers differ from the JSON's:\n${wrong.join('\n')}`);

    // The first year's calendar opened, and the picture cut below it.
    const bottom = await page.evaluate(() => {
      const first = document.querySelector('details.year');
      if (first) first.open = true;
      const end = first ?? document.querySelector('#coverage');
      return Math.ceil(end.getBoundingClientRect().bottom + window.scrollY + 16);
    });
    const png = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1100, height: bottom } });
    writeFileSync(values.out, withTextChunk(png, METRICS_KEYWORD, JSON.stringify(numbers)));
    console.log(`wrote ${path.relative(process.cwd(), values.out)}: 1100 x ${bottom} pixels, ${Object.keys(numbers).length} numbers checked against the JSON`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function resolvePointer(value, pointer) {
  return pointer
    .split('/')
    .slice(1)
    .reduce((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], value);
}

/** The PNG with a tEXt chunk (Latin-1 keyword and text) inserted before its IEND chunk. */
function withTextChunk(png, keyword, text) {
  const iend = png.length - 12;
  if (png.toString('latin1', iend + 4, iend + 8) !== 'IEND') throw new Error('the screenshot does not end with IEND');
  const body = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, body])));
  return Buffer.concat([png.subarray(0, iend), length, type, body, crc, png.subarray(iend)]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
