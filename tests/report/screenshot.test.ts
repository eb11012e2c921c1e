/**
 * docs/report.png is current: scripts/report-screenshot.mjs made it from the bundled archive's page
 * and wrote into it every number the page showed (a tEXt chunk, JSON Pointer to number), after
 * checking each against the JSON. Here the report is made again, as the program makes it now: the
 * picture is current while its numbers are the JSON's and the page shows no number it lacks.
 * When this fails, run `npm run build && node scripts/report-screenshot.mjs`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveReport } from '../../src/schema/types.generated.js';
import { ROOT } from './helpers.js';
import { decodePng, pngTextChunks } from './png.js';
import { runInProcess } from './run.js';

const PICTURE = path.join(ROOT, 'docs', 'report.png');

function resolvePointer(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], value);
}

describe('docs/report.png', () => {
  it('shows the page of the bundled archive as the program writes it now: its numbers are the JSON’s', async () => {
    const file = readFileSync(PICTURE);
    const pixels = decodePng(file);
    expect(pixels.width).toBe(1100);
    expect(pixels.height).toBeGreaterThan(600);
    const stored = pngTextChunks(file).get('kcna-parse report metrics');
    expect(stored, 'docs/report.png carries no numbers: make it with scripts/report-screenshot.mjs').toBeDefined();
    const numbers = JSON.parse(stored!) as Record<string, number>;

    const json = await runInProcess(['report', 'examples/archive', '-f', 'json', '-q'], ROOT);
    const html = await runInProcess(['report', 'examples/archive', '-q'], ROOT);
    expect(json.status).toBe(0);
    expect(html.status).toBe(0);
    const report = JSON.parse(json.stdout) as ArchiveReport;

    const stale = Object.entries(numbers)
      .filter(([pointer, shown]) => resolvePointer(report, pointer) !== shown)
      .map(([pointer, shown]) => `${pointer}: the picture shows ${shown}, the report now has ${String(resolvePointer(report, pointer))}`);
    expect(stale, 'docs/report.png is out of date: run `npm run build && node scripts/report-screenshot.mjs`').toEqual([]);
    const onPage = new Set([...html.stdout.matchAll(/data-metric="([^"]+)"/g)].map((m) => m[1]!));
    expect([...onPage].filter((pointer) => !(pointer in numbers)), 'numbers on the page that the picture does not have').toEqual([]);
    expect(Object.keys(numbers).filter((pointer) => !onPage.has(pointer)), 'numbers in the picture that the page no longer shows').toEqual([]);
  });
});
