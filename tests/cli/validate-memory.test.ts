/**
 * validate's memory does not grow with its input: records are generated on the fly (no file, no
 * build needed) and fed through the same readers and checks as a file, while the live heap and
 * buffer memory are measured after each collection. A reader that kept records, lines or chunks
 * would grow with every megabyte; a streaming one stays at the size of a record and a chunk.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createWriter, type Format } from '../../src/emit/index.js';
import { parseDispatch } from '../../src/parse/parse.js';
import { validateStream, type Finding } from '../../src/validate/validate.js';
import { loadFixture } from '../helpers/fixtures.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const TOTAL_BYTES = 48 * 1024 * 1024;
const CHUNK_RECORDS = 24;
const SAMPLE_EVERY = 2 * 1024 * 1024;

/** Live memory (heap and buffers), measured after a full collection. */
function live(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** An output of the given format, TOTAL_BYTES long, made chunk by chunk; records `samples` of live memory as it goes. */
async function* generated(format: Format, samples: number[]): AsyncGenerator<Buffer> {
  const parsed = parseDispatch(loadFixture('sample').input, { path: 'sample.txt' });
  if (!parsed.ok) throw new Error(parsed.message);
  const writer = await createWriter({ format, records: 'dispatches', single: false, bom: false, excelSafe: false });
  const first = writer.add(parsed.document);
  const next = writer.add(parsed.document);
  yield Buffer.from(first);
  const chunk = next.repeat(CHUNK_RECORDS);
  let sampled = 0;
  for (let sent = first.length; sent < TOTAL_BYTES; sent += chunk.length) {
    // A fresh buffer each time, as a file reader gives.
    yield Buffer.from(chunk);
    if (sent - sampled >= SAMPLE_EVERY) {
      samples.push(live());
      sampled = sent;
    }
  }
  yield Buffer.from(writer.end());
}

describe('validate memory', () => {
  it.each<Format>(['ndjson', 'json', 'csv'])(`stays flat over ${TOTAL_BYTES / 2 ** 20} MB of %s`, async (format) => {
    const samples: number[] = [];
    const findings: Finding[] = [];
    const summary = await validateStream(generated(format, samples), { format }, (finding) => void findings.push(finding));
    expect(findings).toEqual([]);
    expect(summary.complete).toBe(true);
    expect(summary.records).toBeGreaterThan(1000);
    // The first samples include start-up (the validators, csv-parse); growth is measured after them.
    // A sample may hold a chunk's records in passing (jitter of a few MB); what must not happen is
    // the floor rising: compare the lowest sample of the second half with that of the first.
    const settled = samples.slice(2);
    expect(settled.length).toBeGreaterThan(10);
    const lowest = (values: number[]) => values.reduce((low, value) => Math.min(low, value), Infinity);
    const half = Math.floor(settled.length / 2);
    const MB = 2 ** 20;
    const growth = lowest(settled.slice(half)) - lowest(settled.slice(0, half));
    expect(growth, `live memory grew by ${(growth / MB).toFixed(1)} MB over ${TOTAL_BYTES / MB} MB of input`).toBeLessThan(1 * MB);
    const peak = settled.reduce((high, value) => Math.max(high, value), 0) - settled[0]!;
    expect(peak, `live memory peaked ${(peak / MB).toFixed(1)} MB above its start`).toBeLessThan(8 * MB);
  });
});
