/**
 * parseFiles reads with synchronous calls, so it must let the event loop turn now and then: a
 * server or a pipeline embedding the library must not stall for the whole batch.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiles } from '../../src/index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-loop-'));
  mkdirSync(path.join(dir, 'many'));
  const sample = readFileSync(new URL('../../fixtures/sample/input.txt', import.meta.url));
  for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, 'many', `${String(i).padStart(3, '0')}.txt`), sample);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseFiles and the event loop', () => {
  it('lets callbacks run while a batch is converted', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    let converted = 0;
    for await (const result of parseFiles(['many'], { cwd: dir })) if (result.ok) converted++;
    const turnsDuringBatch = turns;
    running = false;
    expect(converted).toBe(200);
    // About one turn per 32 files; none at all if the batch held the loop.
    expect(turnsDuringBatch).toBeGreaterThanOrEqual(5);
  });
});
