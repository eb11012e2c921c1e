/**
 * The fixture corpus (fixtures/<case>/), loaded for tests. A case is a directory holding input.txt
 * (a text capture) or input.html (a saved web page: the html-* cases, each with a facts.json its
 * maker wrote from the page as a person reads it), the exact bytes, an optional options.json (ParseOptions: year and/or path) and its reviewed
 * golden: expected.json (the whole document, or for a page holding several dispatches the array of
 * all of them, in file order) or expected-error.json ({ code, messageIncludes }).
 *
 *   for (const fixture of listFixtures()) parseDispatch(fixture.input, fixture.options);
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseFailureCode, ParseOptions } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';

/** Absolute path of fixtures/. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export type FixtureExpectation =
  | { kind: 'document'; document: Dispatch; documents: Dispatch[] }
  | { kind: 'error'; code: ParseFailureCode; messageIncludes: string };

export interface FixtureCase {
  /** The directory name, e.g. 'crlf'. */
  name: string;
  /** Absolute path of the case's directory. */
  dir: string;
  /** input.txt or input.html, byte for byte. */
  input: Uint8Array;
  /** The input's file name: 'input.txt' or 'input.html'. */
  file: string;
  /** options.json over the default { path: 'fixtures/<name>/<file>' } (the path the goldens record). */
  options: ParseOptions;
  expected: FixtureExpectation;
}

/** Every text case (input.txt), sorted by name. */
export function listFixtures(): FixtureCase[] {
  return casesWith('input.txt');
}

/** Every web-page case (input.html), sorted by name. */
export function listHtmlFixtures(): FixtureCase[] {
  return casesWith('input.html');
}

function casesWith(file: string): FixtureCase[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${FIXTURES_DIR}${entry.name}/${file}`))
    .map((entry) => entry.name)
    .sort()
    .map(loadFixture);
}

/** One case by name; throws when its directory has no input or no golden. */
export function loadFixture(name: string): FixtureCase {
  const dir = `${FIXTURES_DIR}${name}`;
  const json = (file: string): unknown => JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  const file = existsSync(`${dir}/input.html`) ? 'input.html' : 'input.txt';
  const options: ParseOptions = {
    path: `fixtures/${name}/${file}`,
    ...(existsSync(`${dir}/options.json`) ? (json('options.json') as ParseOptions) : {}),
  };
  let expected: FixtureExpectation;
  if (existsSync(`${dir}/expected.json`)) {
    const golden = json('expected.json') as Dispatch | Dispatch[];
    const documents = Array.isArray(golden) ? golden : [golden];
    expected = { kind: 'document', document: documents[0]!, documents };
  } else if (existsSync(`${dir}/expected-error.json`)) {
    const { code, messageIncludes } = json('expected-error.json') as { code: ParseFailureCode; messageIncludes: string };
    expected = { kind: 'error', code, messageIncludes };
  } else {
    throw new Error(`fixtures/${name} has neither expected.json nor expected-error.json`);
  }
  return { name, dir, input: new Uint8Array(readFileSync(`${dir}/${file}`)), file, options, expected };
}
