/**
 * Every fixture, damaged the ways archives get damaged: lines dropped, doubled, swapped or cut
 * short, junk lines and random bytes inserted, line endings changed, the file truncated. The
 * fixtures are listed when the tests run, so new ones are covered without touching this file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseOptions } from '../../src/parse/parse.js';
import { mutate, mutation } from '../helpers/arbitraries.js';
import { params, parseAndCheck } from './sound.js';

const FIXTURES = 'fixtures';
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, 'input.txt')))
  .map((entry) => entry.name)
  .sort();

describe.each(fixtures)('fixture %s', (name) => {
  const bytes = readFileSync(join(FIXTURES, name, 'input.txt'));
  // Some fixtures need options (a --year, a path with a date): their year sources add warnings.
  const optionsFile = join(FIXTURES, name, 'options.json');
  const options: ParseOptions = {
    path: `${FIXTURES}/${name}/input.txt`,
    ...(existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as ParseOptions) : {}),
  };

  it('as it is: a sound result', () => {
    expect(parseAndCheck(bytes, options).problems).toEqual([]);
  });

  it('mutated: a sound result', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        expect(parseAndCheck(mutate(bytes, mutations), options).problems).toEqual([]);
      }),
      // Spread a fixed budget over however many fixtures there are.
      params(Math.max(20, Math.ceil(3000 / fixtures.length))),
    );
  });
});

it('finds the fixtures', () => {
  expect(fixtures).toContain('sample');
});
