/**
 * The table formats are atomic outputs like every other: a run stopped in the middle of writing a
 * database or a Parquet file (through the built binary, by a real signal) leaves nothing at the -o
 * path and nothing beside it — not the temporary file, not SQLite's journal, not
 * node-sqlite3-wasm's lock directory — and an earlier file at -o as it was. A run killed outright
 * (SIGKILL) cannot clean up: the next run writing the same file removes what it left.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeWorkspace, writeLongBatch } from '../cli/helpers.js';

const FILES = 3000;
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeWorkspace());
  writeLongBatch(dir, FILES);
});
afterAll(() => cleanup());

/** What lies beside an output: its temporary file and whatever a library left next to it. */
const beside = (name: string) => readdirSync(dir).filter((entry) => entry.startsWith(`.${name}.`));

/** Starts a conversion and resolves once its temporary file holds some bytes: it is writing. */
async function startWriting(name: string, args: string[]): Promise<{ child: ReturnType<typeof spawn>; closed: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'long', '-o', name, '--quiet', '--jobs', '1', ...args], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const temporary = beside(name).find((entry) => entry.endsWith('.tmp'));
    if (temporary !== undefined && (statSync(path.join(dir, temporary), { throwIfNoEntry: false })?.size ?? 0) > 0) break;
    if (Date.now() > deadline) throw new Error(`${name}: no temporary file appeared`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, closed };
}

describe('a table format interrupted while it writes', () => {
  it.each([
    ['SIGTERM', 143, 'stopped.sqlite', []],
    ['SIGINT', 130, 'stopped.sqlite', []],
    ['SIGTERM', 143, 'stopped.parquet', ['--records', 'teasers']],
  ] as const)('%s leaves nothing at -o and nothing beside it, status %i (%s)', async (signal, status, name, args) => {
    const { child, closed } = await startWriting(name, [...args]);
    child.kill(signal);
    expect(await closed).toBe(status);
    expect(existsSync(path.join(dir, name))).toBe(false);
    expect(beside(name)).toEqual([]);
  });

  it('keeps the earlier file at -o as it was', async () => {
    writeFileSync(path.join(dir, 'kept.sqlite'), 'the earlier database');
    const { child, closed } = await startWriting('kept.sqlite', []);
    child.kill('SIGTERM');
    expect(await closed).toBe(143);
    expect(readFileSync(path.join(dir, 'kept.sqlite'), 'utf8')).toBe('the earlier database');
    expect(beside('kept.sqlite')).toEqual([]);
  });

  it('killed outright (SIGKILL), leaves its temporary file and lock, which the next run writing the file removes', async () => {
    const { child, closed } = await startWriting('killed.sqlite', []);
    child.kill('SIGKILL');
    await closed;
    const left = beside('killed.sqlite');
    expect(left.some((entry) => entry.endsWith('.tmp'))).toBe(true);
    expect(existsSync(path.join(dir, 'killed.sqlite'))).toBe(false);

    const again = spawn(process.execPath, [BIN, 'archive/2021/03', '-o', 'killed.sqlite', '--quiet'], { cwd: dir, stdio: 'ignore' });
    expect(await new Promise((resolve) => again.on('close', resolve))).toBe(0);
    expect(beside('killed.sqlite')).toEqual([]);
    const db = new sqlite.Database(path.join(dir, 'killed.sqlite'), { readOnly: true });
    try {
      expect(db.all('SELECT count(*) AS n FROM dispatches')).toEqual([{ n: 2 }]);
    } finally {
      db.close();
    }
  });

  it('the debris a killed SQLite run can leave (the journal, the lock directory) is swept with its temporary file', async () => {
    // As node-sqlite3-wasm leaves them when its process dies mid-transaction with a rollback journal.
    const dead = 2 ** 22 + 12345;
    const stem = `.swept.sqlite.${dead}-0123abcd.tmp`;
    writeFileSync(path.join(dir, stem), 'half a database');
    writeFileSync(path.join(dir, `${stem}-journal`), 'a journal');
    mkdirSync(path.join(dir, `${stem}.lock`));
    const again = spawn(process.execPath, [BIN, 'archive/2021/03', '-o', 'swept.sqlite', '--quiet'], { cwd: dir, stdio: 'ignore' });
    expect(await new Promise((resolve) => again.on('close', resolve))).toBe(0);
    expect(beside('swept.sqlite')).toEqual([]);
  });
});
