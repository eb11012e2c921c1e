/**
 * docs/year.md against the parser: every example's excerpt and warnings are what the parser
 * produces, and the sample's lead gets no year unless one is given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDispatch, type ParseOptions } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { blocks, inputBytes, readRepoFile, ROOT, sections, type Block } from './markdown.js';

const doc = readRepoFile('docs/year.md');
const all = blocks(doc);

function parse(input: Uint8Array, options: ParseOptions = {}): Dispatch {
  const result = parseDispatch(input, options);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.document;
}

interface Example {
  input: Block;
  options: ParseOptions;
  excerpts: Block[];
  warnings: Block[];
}

/** Each input block with the options, excerpt and warnings blocks after it (up to the next input). */
function examples(): Example[] {
  const found: Example[] = [];
  for (const block of all) {
    if (block.tag === 'input') found.push({ input: block, options: {}, excerpts: [], warnings: [] });
    const current = found.at(-1);
    if (!current) continue;
    if (block.tag === 'options') current.options = JSON.parse(block.content) as ParseOptions;
    if (block.tag === 'excerpt') current.excerpts.push(block);
    if (block.tag === 'warnings') current.warnings.push(block);
  }
  return found;
}

describe('docs/year.md', () => {
  it('names the sources in the order the code tries them', () => {
    const body = sections(doc).find((s) => s.heading === 'Sources, in order')?.body ?? '';
    const order = ['"option"', '"juche-stamp"', '"page-date"', '"publish-stamp"', '"path"'].map((source) => body.indexOf(`\`yearSource\` \`${source}\``));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The order in the code: --year beats a stamp, a stamp beats the path.
    const text = new TextEncoder().encode('Pyongyang, March 23 (KCNA) -- Text. -0-\n(Juche110.3.23.)\n');
    expect(parse(text, { year: 2019, path: '2020-03-23.txt' }).lead.dateline).toMatchObject({ year: 2019, yearSource: 'option' });
    expect(parse(text, { path: '2020-03-23.txt' }).lead.dateline).toMatchObject({ year: 2021, yearSource: 'juche-stamp' });
  });

  it('shows, for every example, the fields and warnings the parser produces', () => {
    const shown = examples();
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const example of shown) {
      const document = parse(inputBytes(example.input), example.options);
      expect(example.excerpts.length, `example at line ${example.input.line} shows an excerpt`).toBeGreaterThan(0);
      for (const excerpt of example.excerpts) expect(document).toMatchObject(JSON.parse(excerpt.content) as Record<string, unknown>);
      for (const warnings of example.warnings) expect(document.warnings).toEqual(JSON.parse(warnings.content));
    }
  });

  it('shows the sample without a year, and with --year 2021', () => {
    const sample = readFileSync(new URL('fixtures/sample/input.txt', ROOT));
    const without = all.find((block) => block.tag === 'excerpt-sample');
    const with2021 = all.find((block) => block.tag === 'excerpt-sample-year-2021');
    expect(without).toBeDefined();
    expect(with2021).toBeDefined();
    const plain = parse(sample, { path: 'fixtures/sample/input.txt' });
    expect(plain).toMatchObject(JSON.parse(without!.content) as Record<string, unknown>);
    expect(plain.teasers.length).toBeGreaterThan(0);
    expect(plain.teasers.every((teaser) => teaser.date.startsWith('2026-'))).toBe(true);
    expect(parse(sample, { path: 'fixtures/sample/input.txt', year: 2021 })).toMatchObject(JSON.parse(with2021!.content) as Record<string, unknown>);
  });

  it('never gives a teaser the lead year', () => {
    const teaserExample = examples().find((example) => example.input.content.includes('More From'));
    expect(teaserExample).toBeDefined();
    const document = parse(inputBytes(teaserExample!.input), teaserExample!.options);
    for (const teaser of document.teasers) {
      if (teaser.dateline === null) continue;
      expect(teaser.dateline.yearSource === null || teaser.dateline.yearSource === 'teaser-date').toBe(true);
      if (teaser.dateline.year !== null) expect(teaser.dateline.year).toBe(Number(teaser.date.slice(0, 4)));
    }
  });
});
