/**
 * `kcna-parse schema`: prints each published schema byte for byte (in process), and ends cleanly
 * when its output cannot be written: in process with failing streams, and as a real process into
 * a closed pipe and a full disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';
import { runInProcess } from './in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schema', () => {
  it.each([
    [[], 'dispatch.schema.json'],
    [['--records', 'teasers'], 'teaser-record.schema.json'],
    [['--format', 'ndjson'], 'dispatch.schema.json'],
    [['dispatch-row'], 'dispatch-row.schema.json'],
    [['teaser-row'], 'teaser-row.schema.json'],
  ])('prints %j as schemas/%s byte for byte', async (args, file) => {
    const run = await runInProcess(['schema', ...args], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdoutBytes.equals(readFileSync(path.join(ROOT, 'schemas', file)))).toBe(true);
  });

  it.each([
    [[], 'dispatch-row.schema.json'],
    [['--records', 'teasers'], 'teaser-row.schema.json'],
  ])('--format csv %j lists the columns of schemas/%s, one per line, in order (what --fields takes)', async (args, file) => {
    const run = await runInProcess(['schema', '--format', 'csv', ...args], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as { properties: Record<string, unknown> };
    expect(run.stdout).toBe(`${Object.keys(schema.properties).join('\n')}\n`);
  });
});

describe('regression: schema piped into head -c0 or written to /dev/full printed an internal error', () => {
  it('ends quietly with 141 on a closed pipe (in process)', async () => {
    expect(await runInProcess(['schema'], { cwd: dir, stdoutError: 'EPIPE' })).toMatchObject({ status: 141, stderr: '' });
  });

  it('says it cannot write, and exits 1, on a full disk (in process)', async () => {
    expect(await runInProcess(['schema'], { cwd: dir, stdoutError: 'ENOSPC' })).toMatchObject({
      status: 1,
      stderr: 'kcna-parse: error: cannot write standard output: no space left on device (ENOSPC)\n',
    });
  });

  it('`schema | head -c0`: status 141, nothing on standard error', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" schema 2>err.txt | head -c0; echo "status=\${PIPESTATUS[0]}"`], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    });
    expect(result.stdout.trim()).toBe('status=141');
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
  });

  it.skipIf(!existsSync('/dev/full'))('`schema > /dev/full`: a clear message and status 1', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, 'schema'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' }, stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('kcna-parse: error: cannot write standard output: no space left on device (ENOSPC)\n');
      expect(status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});
