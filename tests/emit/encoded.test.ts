/**
 * Records rendered on a worker thread come back encoded as UTF-8 (encodeRecords); each format's
 * assembler must write them exactly as it writes the same records as text.
 */
import { describe, expect, it } from 'vitest';
import { createAssembler, createRenderer, type OutputSpec } from '../../src/emit/index.js';
import { encodeRecords, renderResult, type Rendered, type RenderedSuccess } from '../../src/pipeline/render.js';
import { convertBytes } from '../../src/pipeline/convert.js';
import type { InputRef } from '../../src/io/inputs.js';
import { loadFixture } from '../helpers/fixtures.js';

const FIXTURES = ['sample', 'mirror-a', 'mirror-b'];
const spec = (overrides: Partial<OutputSpec>): OutputSpec => ({ format: 'ndjson', records: 'dispatches', single: false, bom: false, excelSafe: false, ...overrides });

function inputRef(name: string): InputRef {
  return { kind: 'file', display: `${name}.txt`, absolute: `/archive/${name}.txt`, base: '/archive' };
}

async function renderedFixtures(outputSpec: OutputSpec): Promise<Rendered[]> {
  const render = await createRenderer(outputSpec);
  // Unicode text beyond the fixtures': a paragraph with Hangul, an emoji and a lone surrogate.
  const extra = new TextEncoder().encode('Pyongyang, May 2 (KCNA) -- \uc870\uc120 \u{1f600} text \u201cquoted\u201d.\nMore. -0-\n');
  const inputs = FIXTURES.map((name) => ({ input: inputRef(name), bytes: loadFixture(name).input }));
  inputs.push({ input: inputRef('extra'), bytes: extra });
  return inputs.map(({ input, bytes }) => renderResult(convertBytes(input, bytes, 2021), render, false));
}

function text(pieces: ReadonlyArray<string | Uint8Array>): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8'))).join('');
}

describe('encoded records', () => {
  const specs: Array<[string, Partial<OutputSpec>]> = [
    ['ndjson', { format: 'ndjson' }],
    ['json array', { format: 'json' }],
    ['json single', { format: 'json', single: true }],
    ['csv', { format: 'csv' }],
    ['csv with a BOM', { format: 'csv', bom: true }],
    ['csv teasers', { format: 'csv', records: 'teasers' }],
    ['ndjson teasers', { format: 'ndjson', records: 'teasers' }],
    ['ninjs', { format: 'ninjs' }],
  ];

  it.each(specs)('%s: the assembler writes the same bytes for encoded records as for text', async (_name, overrides) => {
    const outputSpec = spec(overrides);
    const asText = await renderedFixtures(outputSpec);
    const asBytes = await renderedFixtures(outputSpec);
    const buffer = encodeRecords(asBytes);
    expect(buffer).toBeInstanceOf(ArrayBuffer);

    const textAssembler = await createAssembler(outputSpec);
    const bytesAssembler = await createAssembler(outputSpec);
    let expected = '';
    const pieces: Array<string | Uint8Array> = [];
    asText.forEach((result, i) => {
      const encoded = asBytes[i] as RenderedSuccess;
      expect(result.ok && encoded.ok).toBe(true);
      if (!result.ok) return;
      const records = result.dispatches.flatMap((dispatch) => dispatch.records);
      expect(records.every((record) => typeof record === 'string')).toBe(true);
      expected += textAssembler.add(records as string[]);
      const views = encoded.dispatches.flatMap((dispatch) => dispatch.records);
      expect(views.every((view) => view instanceof Uint8Array && view.buffer === buffer)).toBe(true);
      for (const piece of bytesAssembler.pieces(views)) pieces.push(piece);
    });
    expected += textAssembler.end();
    pieces.push(bytesAssembler.end());
    expect(text(pieces)).toBe(expected);
    expect(bytesAssembler.records).toBe(textAssembler.records);
  });

  it('leaves failures alone, and gives no buffer when there are no records', () => {
    const failed: Rendered = { ok: false, display: 'x.txt', error: { code: 'EMPTY_INPUT', message: 'the input is empty' }, warnings: [] };
    const empty: Rendered = { ok: true, display: 'y.txt', path: 'y.txt', warnings: [], dispatches: [{ id: 'a'.repeat(32), records: [] }] };
    expect(encodeRecords([failed, empty])).toBeUndefined();
    expect(failed).toEqual({ ok: false, display: 'x.txt', error: { code: 'EMPTY_INPUT', message: 'the input is empty' }, warnings: [] });
  });

  it('keeps each record apart, in order, across results', () => {
    const results: Rendered[] = [
      { ok: true, display: 'a', path: 'a', warnings: [], dispatches: [{ id: '1', records: ['one\n', 'two \u00e9\n'] }, { id: '2', records: ['three \u{1f600}\n'] }] },
      { ok: true, display: 'b', path: 'b', warnings: [], dispatches: [{ id: '3', records: ['x'.repeat(200_000)] }] },
    ];
    encodeRecords(results);
    expect(results.every((result) => result.ok && result.dispatches.every((dispatch) => dispatch.records.every((view) => view instanceof Uint8Array)))).toBe(true);
    const decoded = results.flatMap((result) => (result.ok ? result.dispatches.map((dispatch) => dispatch.records.map((view) => Buffer.from(view as Uint8Array).toString('utf8'))) : []));
    expect(decoded).toEqual([['one\n', 'two \u00e9\n'], ['three \u{1f600}\n'], ['x'.repeat(200_000)]]);
  });
});
