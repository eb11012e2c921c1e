/**
 * docs/errors.md's ARCHIVE_DAMAGED example: the message shown is the one the reader gives for the
 * archive the example makes (the first N bytes of a fixture, as `head -c N` cuts them), after the
 * number of records it says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, itemsOf } from './support.js';

it('docs/errors.md shows the ARCHIVE_DAMAGED message the reader gives for its example', async () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## ARCHIVE_DAMAGED\n'));
  const made = /`head -c (\d+) (\S+) > (\S+)`\): its first (\d+) records are\s+read/.exec(section);
  expect(made, 'the example names how its archive is made').not.toBeNull();
  const [, bytes, source, name, count] = made!;
  const archive = readFileSync(path.join(ROOT, source!)).subarray(0, Number(bytes));
  const all = await itemsOf(archive, { display: name! });
  expect(all.slice(0, -1).filter((item) => item.kind !== 'error')).toHaveLength(Number(count));
  const last = all.at(-1)!;
  expect(last.kind).toBe('error');
  if (last.kind !== 'error') return;
  expect(section).toContain(`${name}: error ${last.error.code} ${last.error.message}\n`);
});
