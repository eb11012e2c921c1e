/** The run summary: a pure reducer from each input's outcome to counts, the closing line and the exit status. */
import { describe, expect, it } from 'vitest';
import { RunSummary, plural, type FileOutcome, type RunDescription } from '../../src/cli/convert/summary.js';

const warning = (code: string) => ({ code, line: 1, message: 'm' }) as FileOutcome['warnings'][number];
const outcome = (status: FileOutcome['status'], warnings: string[] = [], error: FileOutcome['error'] = null): FileOutcome => ({
  path: 'x.txt',
  status,
  id: status === 'failed' ? null : 'a'.repeat(32),
  ids: status === 'failed' ? [] : ['a'.repeat(32)],
  warnings: warnings.map(warning),
  error,
});
const run = (more: Partial<RunDescription> = {}): RunDescription => ({
  dedupe: false,
  records: 'dispatches',
  written: 2,
  destination: 'out.ndjson',
  elapsed: '0.4s',
  ...more,
});

describe('RunSummary', () => {
  it('counts inputs by status, and warnings of converted and duplicate inputs by code', () => {
    const summary = new RunSummary();
    summary.add(outcome('converted', ['PAGE_JUNK', 'STAMP_LINE']));
    summary.add(outcome('converted', ['PAGE_JUNK']));
    summary.add(outcome('duplicate', ['DUPLICATE_ID']), 1);
    // A failed input's warnings belong to the report only.
    summary.add(outcome('failed', ['INVALID_UTF8'], { code: 'EMPTY_INPUT', message: 'the input is empty' }));
    expect(summary.counts()).toEqual({ files: 4, converted: 2, failed: 1, duplicates: 1, warnings: 4 });
    expect(summary.line(run({ dedupe: true }))).toBe(
      'converted 2 of 4 files, 1 failed, 1 duplicate dropped: 2 dispatches to out.ndjson in 0.4s; 4 warnings: PAGE_JUNK 2, DUPLICATE_ID 1, STAMP_LINE 1',
    );
    expect(summary.line(run())).toBe('converted 2 of 4 files, 1 failed: 2 dispatches to out.ndjson in 0.4s; 4 warnings: PAGE_JUNK 2, DUPLICATE_ID 1, STAMP_LINE 1');
    expect([...summary.errorCodes]).toEqual([['EMPTY_INPUT', 1]]);
  });

  it('exits 0 when every input converted, warnings allowed; 1 with strict and a warning; 1 when one failed', () => {
    const clean = new RunSummary();
    clean.add(outcome('converted', ['PAGE_JUNK']));
    expect(clean.exitStatus(false)).toBe(0);
    expect(clean.exitStatus(true)).toBe(1);
    const failed = new RunSummary();
    failed.add(outcome('failed', [], { code: 'READ_ERROR', message: 'cannot read' }));
    expect(failed.exitStatus(false)).toBe(1);
  });

  it('says "1 file" and "1 warning" in the singular, and leaves the codes out when there are none', () => {
    const summary = new RunSummary();
    summary.add(outcome('converted'));
    expect(summary.line(run({ written: 1, destination: 'standard output' }))).toBe('converted 1 of 1 file, 0 failed: 1 dispatch to standard output in 0.4s; 0 warnings');
  });

  it('counts the records of the kind written, teasers included', () => {
    const summary = new RunSummary();
    summary.add(outcome('converted'));
    expect(summary.line(run({ records: 'teasers', written: 20, destination: 'teasers.csv' }))).toBe('converted 1 of 1 file, 0 failed: 20 teasers to teasers.csv in 0.4s; 0 warnings');
  });

  it.each([
    [1, 'dispatch', '1 dispatch'],
    [3, 'dispatch', '3 dispatches'],
    [0, 'file', '0 files'],
    [2, 'teaser', '2 teasers'],
  ])('plural(%i, %s) is %s', (n, word, text) => {
    expect(plural(n, word)).toBe(text);
  });
});
