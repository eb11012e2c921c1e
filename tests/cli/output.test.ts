/** -o (atomic replacement) and --out-dir (one output per input), end to end through `run()` in this process. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { makeWorkspace } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const OLD = 'previous output\n';

describe('-o', () => {
  it('replaces the file when the run emitted a record, leaving no temporary file', async () => {
    writeFileSync(path.join(dir, 'out.ndjson'), OLD);
    const run = await runInProcess(['archive', '-o', 'out.ndjson'], { cwd: dir });
    expect(run.status).toBe(1); // two broken inputs, three converted
    expect(run.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'out.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual(['archive', 'out.ndjson']);
  });

  it('replaces the previous file with the empty output when every input of a batch failed', async () => {
    // The output says what this run produced: a stale file would pass for this run's result.
    writeFileSync(path.join(dir, 'out.json'), OLD);
    const run = await runInProcess(['archive/broken', '-o', 'out.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(dir, 'out.json'), 'utf8')).toBe('[]\n');
    expect(readdirSync(dir).sort()).toEqual(['archive', 'out.json']);
  });

  it('leaves the previous file untouched when the single input failed (no value to write)', async () => {
    writeFileSync(path.join(dir, 'out.json'), OLD);
    const run = await runInProcess(['archive/broken/empty.txt', '-o', 'out.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(dir, 'out.json'), 'utf8')).toBe(OLD);
    expect(readdirSync(dir).sort()).toEqual(['archive', 'out.json']);
  });

  it('creates no file when every input failed and there was none', async () => {
    const run = await runInProcess(['archive/broken/empty.txt', '-o', 'out.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
  });

  it('fails clearly, with status 1, when the output folder does not exist', async () => {
    const run = await runInProcess(['archive', '-o', 'no/such/dir/out.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^kcna-parse: error: cannot write .*out\.json: no such directory \(ENOENT\)$/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--out-dir', () => {
  it('writes one output per input, mirroring paths below the folder named', async () => {
    const run = await runInProcess(['archive', '--out-dir', 'out', '-f', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const sample = JSON.parse(readFileSync(path.join(dir, 'out/2021/03/sample.json'), 'utf8'));
    expect(sample.source.path).toBe('archive/2021/03/sample.txt');
    expect(existsSync(path.join(dir, 'out/2021/03/crlf.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'out/2024/02/stamp.json'))).toBe(true);
    // Failed inputs get no output.
    expect(existsSync(path.join(dir, 'out/broken'))).toBe(false);
  });

  it('mirrors paths below a glob pattern’s fixed part, with the format’s extension', async () => {
    const run = await runInProcess(['archive/2021/**/*.txt', '--out-dir', 'csv-out', '-f', 'csv'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(dir, 'csv-out/03')).sort()).toEqual(['crlf.csv', 'sample.csv']);
  });

  it('never writes over an input file', async () => {
    mkdirSync(path.join(dir, 'in'));
    const dump = readFileSync(path.join(dir, 'archive/2021/03/sample.txt'));
    // story.txt's output would be in/story.json, which is itself an input here.
    writeFileSync(path.join(dir, 'in/story.txt'), dump);
    writeFileSync(path.join(dir, 'in/story.json'), dump);
    const run = await runInProcess(['in/story.txt', 'in/story.json', '--out-dir', 'in'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^in\/story\.txt: error OUTPUT_CONFLICT its output .*story\.json would overwrite an input file \(kcna-parse explain OUTPUT_CONFLICT\)$/m);
    expect(readFileSync(path.join(dir, 'in/story.json'))).toEqual(dump);
    expect(existsSync(path.join(dir, 'in/story.json.json'))).toBe(true);
  });
});
