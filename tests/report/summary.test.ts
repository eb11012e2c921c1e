/**
 * The JSON summary (`kcna-parse report --format json`) follows schemas/report.schema.json, checked
 * by a validator compiled here from the schema file as well as by the ahead-of-time one, and holds
 * the numbers of the archive it was made from.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFiles, type FileResult } from '../../src/pipeline/convert.js';
import { ReportAggregator } from '../../src/report/aggregate.js';
import { checkReport } from '../../src/report/validate.js';
import { document, failure, idOf, success, warning, ROOT } from './helpers.js';
import { runInProcess } from './run.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajvFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object);

async function reportOf(patterns: string[]) {
  const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
  for await (const result of parseFiles(patterns, { cwd: ROOT })) aggregator.add(result);
  return aggregator.summary();
}

describe('the report summary', () => {
  it.each([['examples/archive'], ['fixtures']])('of %s follows the published schema', async (input) => {
    const report = await reportOf([input]);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(checkReport(report)).toEqual({ valid: true });
  });

  it('of the bundled archive says what the archive holds', async () => {
    const report = await reportOf(['examples/archive']);
    expect(report.inputs).toEqual({ total: 12, converted: 11, failed: 1 });
    expect(report.failures.codes).toEqual([
      { code: 'NOT_A_DISPATCH', count: 1, examples: [{ path: 'examples/archive/2021/05/2021-05-11-capture.txt', message: expect.any(String) }] },
    ]);
    expect(report.dispatches).toEqual({ total: 11, dated: 11, undated: 0, distinctIds: 10, multiStoryPages: 0 });
    expect(report.coverage).toMatchObject({ first: '2021-03-02', last: '2021-05-18', spanDays: 78, daysWithDispatches: 10, emptyDays: 68 });
    expect(report.years.bySource.entries).toEqual([
      { name: 'path', count: 10 },
      { name: 'juche-stamp', count: 1 },
    ]);
    expect(report.warnings.codes.map((code) => `${code.code} ${code.count}`).sort()).toEqual(['MISSING_END_MARKER 1', 'PAGE_JUNK 1', 'STAMP_LINE 1', 'TEASER_MISSING_DATE 2']);
    expect(report.duplicates.shown.map((group) => group.paths)).toEqual([
      ['examples/archive/2021/03/2021-03-09-cement-complex-from-mirror.txt', 'examples/archive/2021/03/2021-03-09-cement-complex.txt'],
    ]);
    // The page saved without a date in its name takes its year from its folders (2021/04): its day,
    // April 30, is held, so the teasers pointing to it are not missing; those of March 1 are.
    const missing = report.teasers.missing.map((day) => day.date);
    expect(missing).not.toContain('2021-04-30');
    expect(missing).toContain('2021-03-01');
    expect(report.layouts!.entries).toEqual([
      { name: 'plain', count: 10 },
      { name: 'kcnawatch-2024', count: 1 },
    ]);
  });

  it('is what --format json prints, byte for byte the aggregator summary but for the generator', async () => {
    const printed = await runInProcess(['report', 'examples/archive', '--format', 'json'], ROOT);
    expect(printed.status).toBe(0);
    const report = JSON.parse(printed.stdout) as Record<string, unknown>;
    expect(report['generator']).toMatch(/^kcna-parse \d+\.\d+\.\d+/);
    // The command line, and when: the library's aggregator has none unless told.
    expect(report['run']).toEqual({ inputs: ['examples/archive'], moreInputs: 0, year: null, maxBytes: 16 * 1024 * 1024, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect({ ...report, generator: 'kcna-parse test', run: null }).toEqual(await reportOf(['examples/archive']));
  });

  it('is refused by both validators when a count is negative or a field unknown', async () => {
    const report = await reportOf(['examples/archive']);
    const broken = [
      { ...report, inputs: { ...report.inputs, failed: -1 } },
      { ...report, extra: true },
      { ...report, coverage: { ...report.coverage, days: [{ date: '2021-02-30', count: 1 }] } },
    ];
    for (const value of broken) {
      expect(validate(value)).toBe(false);
      expect(checkReport(value).valid).toBe(false);
    }
  });

  it('follows the schema for any mix of results', () => {
    const date = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.UTC(2019, 11, 1 + d)).toISOString().slice(0, 10));
    const result = fc.oneof(
      fc.record({
        date: fc.option(date, { nil: null }),
        place: fc.constantFrom('Pyongyang', 'Wonsan', '<b>&"', 'Hamhung'),
        id: fc.integer({ min: 0, max: 30 }),
        teasers: fc.array(date, { maxLength: 4 }),
        codes: fc.array(fc.constantFrom('PAGE_JUNK', 'MISSING_END_MARKER', 'YEAR_CONFLICT' as const), { maxLength: 3 }),
      }).map((r) => ({ kind: 'ok' as const, ...r })),
      fc.constantFrom('EMPTY_INPUT', 'NOT_A_DISPATCH', 'READ_ERROR' as const).map((code) => ({ kind: 'failed' as const, code })),
    );
    fc.assert(
      fc.property(fc.array(result, { maxLength: 40 }), (specs) => {
        const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
        specs.forEach((spec, i) => {
          const display = `dir/${i}.txt`;
          const item: FileResult =
            spec.kind === 'failed'
              ? failure(display, spec.code)
              : success(
                  display,
                  document({ date: spec.date, place: spec.place, id: idOf(String(spec.id)), teasers: spec.teasers.map((d) => ({ date: d })) }),
                  spec.codes.map((code, line) => warning(code, line + 1)),
                );
          aggregator.add(item);
        });
        const report = aggregator.summary();
        expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
        expect(report.inputs.converted + report.inputs.failed).toBe(specs.length);
        expect(report.coverage.days.reduce((sum, day) => sum + day.count, 0)).toBe(report.dispatches.dated);
        expect(report.coverage.months.reduce((sum, month) => sum + month.count, 0)).toBe(report.dispatches.dated);
        expect(report.teasers.days.reduce((sum, day) => sum + day.count, 0)).toBe(report.teasers.total);
      }),
      { numRuns: 150 },
    );
  });
});
