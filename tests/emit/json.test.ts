/**
 * The JSON, NDJSON and ninjs writers (src/emit/json.ts, src/emit/ninjs.ts through createWriter):
 * shapes, record counts, and every record read back equal to what was written and valid against
 * its schema (ninjs: IPTC's ninjs 3.1, the copy in schemas/ninjs/).
 */
import { describe, expect, it } from 'vitest';
import { createWriter, type OutputSpec } from '../../src/emit/index.js';
import { toNinjs } from '../../src/emit/ninjs.js';
import { teaserRecords } from '../../src/emit/records.js';
import { parseDispatch } from '../../src/parse/parse.js';
import { checkNinjs } from '../../src/schema/ninjs-validate.js';
import type { Dispatch } from '../../src/schema/types.js';
import { checkRecord } from '../../src/schema/validate.js';
import { loadFixture } from '../helpers/fixtures.js';

const spec = (format: OutputSpec['format'], overrides: Partial<OutputSpec> = {}): OutputSpec => ({
  format,
  records: 'dispatches',
  single: false,
  bom: false,
  excelSafe: false,
  ...overrides,
});

function parse(name: string, path: string): Dispatch {
  const result = parseDispatch(loadFixture(name).input, { path });
  if (!result.ok) throw new Error(result.message);
  return result.document;
}

/** Two documents, one of them with a line break, a quote and a backslash in its path. */
const documents = [parse('sample', 'archive/sample.txt'), parse('crlf', 'archive/"odd"\nname\\.txt')];

async function write(outputSpec: OutputSpec, input: readonly Dispatch[]): Promise<{ text: string; records: number }> {
  const writer = await createWriter(outputSpec);
  let text = '';
  for (const document of input) text += writer.add(document);
  text += writer.end();
  return { text, records: writer.records };
}

describe('json', () => {
  it('writes an array of pretty-printed documents, each line indented inside it', async () => {
    const { text, records } = await write(spec('json'), documents);
    expect(records).toBe(2);
    expect(text.startsWith('[\n  {\n    "schemaVersion"')).toBe(true);
    expect(text.endsWith('\n  }\n]\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(documents);
  });

  it('writes one value, not an array, for a single input', async () => {
    const { text } = await write(spec('json', { single: true }), documents.slice(0, 1));
    expect(text).toBe(`${JSON.stringify(documents[0], null, 2)}\n`);
  });

  it('writes [] when there is nothing', async () => {
    expect(await write(spec('json'), [])).toEqual({ text: '[]\n', records: 0 });
  });

  it('writes teaser records, always as an array, each valid against the teaser-record schema', async () => {
    const { text, records } = await write(spec('json', { records: 'teasers', single: true }), documents);
    const expected = documents.flatMap(teaserRecords);
    expect(records).toBe(expected.length);
    const parsed = JSON.parse(text) as unknown[];
    expect(parsed).toEqual(expected);
    for (const record of parsed) expect(checkRecord('teaser-record', record)).toEqual({ valid: true });
  });
});

describe('ndjson', () => {
  it('writes one compact document per line; a line break in a string never splits a line', async () => {
    const { text, records } = await write(spec('ndjson'), documents);
    expect(records).toBe(2);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(documents);
    expect(lines[1]).toContain('"path":"archive/\\"odd\\"\\nname\\\\.txt"');
  });

  it('writes nothing at all when there is nothing', async () => {
    expect(await write(spec('ndjson'), [])).toEqual({ text: '', records: 0 });
  });

  it('writes one teaser record per line', async () => {
    const { text } = await write(spec('ndjson', { records: 'teasers' }), documents);
    expect(text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(documents.flatMap(teaserRecords));
  });
});

describe('ninjs', () => {
  it('writes an array of ninjs items, each valid against the ninjs 3.1 schema', async () => {
    const { text, records } = await write(spec('ninjs'), documents);
    expect(records).toBe(2);
    const items = JSON.parse(text) as unknown[];
    expect(items).toEqual(documents.map(toNinjs));
    for (const item of items) expect(checkNinjs(item)).toEqual({ valid: true });
  });

  it('writes one item for a single input', async () => {
    const { text } = await write(spec('ninjs', { single: true }), documents.slice(0, 1));
    expect(JSON.parse(text)).toEqual(toNinjs(documents[0]!));
  });

  it('is checked by a validator that rejects what ninjs does not define (so the check above can fail)', () => {
    const item = { ...toNinjs(documents[0]!), dateline: 'Pyongyang, March 23 (KCNA) --' };
    const result = checkNinjs(item);
    expect(result.valid).toBe(false);
    // A dispatch is not a ninjs item either.
    expect(checkNinjs(documents[0]).valid).toBe(false);
  });
});
