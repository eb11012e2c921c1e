/**
 * docs/guarantees.md names, for each promise, the test that proves it: every test it names must
 * exist, so that a renamed or deleted test cannot leave a promise unproven without notice.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const doc = readFileSync(path.join(ROOT, 'docs/guarantees.md'), 'utf8');

/** Every `tests/... .test.ts > block > test` reference in the document. */
const references = [...doc.matchAll(/`(tests\/[^`]+?\.test\.ts(?: > [^`]+)+)`/g)].map((m) => m[1]!);

/** The string literals of a test file: test and block names, and it.each templates ('%s: ...'). */
function titles(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"|`((?:\\.|[^`\\])*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Whether a title in the file is `name`, literally or as an it.each/describe.each template. */
function named(candidates: readonly string[], name: string): boolean {
  return candidates.some((title) => {
    if (title === name) return true;
    if (!/%[sidj]/.test(title)) return false;
    const pattern = title.split(/%[sidj]/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
    return new RegExp(`^${pattern}$`).test(name);
  });
}

describe('docs/guarantees.md', () => {
  it('names tests', () => {
    expect(references.length).toBeGreaterThan(30);
  });

  it.each(references)('%s exists', (reference) => {
    const [file, ...names] = reference.split(' > ');
    expect(existsSync(path.join(ROOT, file!)), `${file} does not exist`).toBe(true);
    const candidates = titles(file!);
    for (const name of names) expect(named(candidates, name), `no test or block named '${name}' in ${file}`).toBe(true);
  });
});
