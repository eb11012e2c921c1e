/**
 * Speed work must not change a byte of output. A sample of the bench corpus (bench/corpus.mjs: 240
 * generated dumps, the broken ones included) is converted in every format, on one thread and in
 * the default mode with its workers started after 20 inputs, and the SHA-256 of standard output
 * and standard error is compared with the hashes the version before the speed work gave
 * (bench-output.sha256.json).
 *
 * A change that is meant to change the output (a schema version, a parser rule, new fixtures the
 * corpus draws its lines from) updates the hashes with the binary that makes the new output:
 *
 *   KCNA_PARSE_WRITE_OUTPUT_HASHES=bin/kcna-parse.js npx vitest run tests/reliability/bench-output.test.ts
 *
 * The same sample also keeps the bench's own scripts working (floor.mjs, output-floor.mjs,
 * profile.mjs): npm test does not run the bench.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a JavaScript module of the bench, without declarations
import { corpusPath, dumpBytes, loadMaterial } from '../../bench/corpus.mjs';
import { BIN, makeWorkspace } from '../cli/helpers.js';

const FILES = 240;
const HASHES = new URL('./bench-output.sha256.json', import.meta.url);
const WRITE = process.env['KCNA_PARSE_WRITE_OUTPUT_HASHES'];

/** Each run: the arguments after the corpus folder. */
const RUNS: Record<string, string[]> = {
  json: ['-f', 'json'],
  ndjson: ['-f', 'ndjson'],
  csv: ['-f', 'csv'],
  'csv --bom --excel-safe': ['-f', 'csv', '--bom', '--excel-safe'],
  ninjs: ['-f', 'ninjs'],
  'json --records teasers': ['-f', 'json', '--records', 'teasers'],
  'ndjson --records teasers': ['-f', 'ndjson', '--records', 'teasers'],
  'csv --records teasers': ['-f', 'csv', '--records', 'teasers'],
  'ndjson --dedupe': ['-f', 'ndjson', '--dedupe'],
  'json --out-dir': ['-f', 'json', '--out-dir', 'out'],
  'ndjson --dedupe --report': ['-f', 'ndjson', '--dedupe', '--report', 'report.json'],
};

let dir: string;
let cleanup: () => void;
/** The hash of the corpus's bytes, so that a changed corpus is told from a changed output. */
let corpusHash: string;
beforeAll(() => {
  ({ dir, cleanup } = makeWorkspace());
  const material = loadMaterial();
  const hash = createHash('sha256');
  for (let i = 0; i < FILES; i++) {
    const file = path.join(dir, 'corpus', corpusPath(i));
    mkdirSync(path.dirname(file), { recursive: true });
    const bytes: Buffer = dumpBytes(material, 1, i);
    writeFileSync(file, bytes);
    hash.update(corpusPath(i)).update(bytes);
  }
  corpusHash = hash.digest('hex');
});
afterAll(() => cleanup());

function run(bin: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    // The summary's elapsed time is fixed, so that standard error is the same bytes on every run.
    const env_ = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', KCNA_PARSE_TEST_ELAPSED: '0.12', ...env };
    const child = spawn(process.execPath, [bin, 'corpus', ...args], { cwd: dir, env: env_, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/** Standard output, standard error, the files of --out-dir and the --report file, as one hash. */
async function outputHash(bin: string, name: string, env: Record<string, string> = {}): Promise<string> {
  const args = RUNS[name]!;
  const unique = createHash('md5').update(name + JSON.stringify(env) + bin).digest('hex');
  const outDir = args.includes('--out-dir') ? path.join(dir, `out-${unique}`) : null;
  const report = args.includes('--report') ? `report-${unique}.json` : null;
  const result = await run(bin, args.map((a) => (a === 'out' && outDir ? outDir : a === 'report.json' && report ? report : a)), env);
  const hash = createHash('sha256').update(`status ${result.status}\n`).update(result.stdout).update('\n--stderr--\n').update(outDir ? result.stderr.toString().replaceAll(outDir, 'out') : result.stderr);
  if (outDir) {
    const walk = (relative: string): void => {
      for (const entry of readdirSync(path.join(outDir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const child = path.join(relative, entry.name);
        if (entry.isDirectory()) walk(child);
        else hash.update(`\n--${child}--\n`).update(readFileSync(path.join(outDir, child)));
      }
    };
    walk('');
  }
  if (report) hash.update('\n--report--\n').update(readFileSync(path.join(dir, report)));
  return hash.digest('hex');
}

describe('output on a bench corpus sample, against the version before the speed work', () => {
  if (WRITE) {
    it('writes the hashes of the given binary', async () => {
      const outputs: Record<string, string> = {};
      for (const name of Object.keys(RUNS)) outputs[name] = await outputHash(path.resolve(WRITE), name);
      writeFileSync(HASHES, `${JSON.stringify({ files: FILES, corpus: corpusHash, outputs }, null, 2)}\n`);
    });
    return;
  }

  const expected = JSON.parse(readFileSync(HASHES, 'utf8')) as { files: number; corpus: string; outputs: Record<string, string> };

  it('draws on the same corpus as when the hashes were written', () => {
    // If this fails, the corpus generator or the fixtures it draws from changed: write the hashes
    // again with the binary of the version before (see the top of this file).
    expect(corpusHash).toBe(expected.corpus);
    expect(Object.keys(expected.outputs)).toEqual(Object.keys(RUNS));
  });

  it.each(Object.keys(RUNS))('gives the same bytes in the default mode, workers included (%s)', async (name) => {
    expect(await outputHash(BIN, name, { KCNA_PARSE_TEST_AUTO_THREADS_AFTER: '20' })).toBe(expected.outputs[name]);
  });

  it.each(['json', 'ndjson', 'ndjson --dedupe', 'ndjson --dedupe --report'])('gives the same bytes on one thread (%s)', async (name) => {
    expect(await outputHash(BIN, name, {})).toBe(expected.outputs[name]);
  });
});

const BENCH = path.resolve(path.dirname(BIN), '..', 'bench');

/** A script of bench/ run on the sample, its standard output as text. */
function benchScript(script: string, ...args: string[]): string {
  return execFileSync(process.execPath, [path.join(BENCH, script), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the bench scripts still run, on the same sample', () => {
  it('bench/floor.mjs and bench/output-floor.mjs walk every dump and see every document the command line writes', async () => {
    const records = (await run(BIN, ['-f', 'ndjson'])).stdout.toString().split('\n').filter(Boolean).length;
    expect(JSON.parse(benchScript('floor.mjs', 'corpus'))).toMatchObject({ files: FILES });
    const floors = JSON.parse(benchScript('output-floor.mjs', 'corpus', '1')) as Record<string, number>;
    expect(floors).toMatchObject({ files: FILES, documents: records });
    expect(floors['readFloor']).toBeGreaterThan(0);
    expect(floors['outputFloor']).toBeGreaterThan(floors['readFloor']!);
    expect(floors['library']).toBeGreaterThan(0);
  });

  it('bench/profile.mjs profiles the command line and names its functions', () => {
    const printed = benchScript('profile.mjs', '--top', '40', '--', path.join(dir, 'corpus'));
    expect(printed).toMatch(/^total sampled: \d+ ms$/m);
    expect(printed).toMatch(/self time by function \(top 40\):\n( +\d+ ms +[\d.]+%  .+\n){40}/);
    // The parser's own code is among them, by its place in the bundle.
    expect(printed).toMatch(/ ms +[\d.]+%  .+ dist\/cli\.mjs:\d+$/m);
  });
});
