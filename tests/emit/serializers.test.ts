/**
 * The JSON serializers generated from the schemas (scripts/build-serializers.mjs) give exactly
 * JSON.stringify's text: compact (NDJSON) and pretty with two spaces, at the top level and indented
 * inside an array, on every fixture's documents and teaser records and on generated documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { teaserRecords } from '../../src/emit/records.js';
import { parseDispatch } from '../../src/parse/parse.js';
import { compactDispatch, compactTeaserRecord, prettyDispatch, prettyTeaserRecord } from '../../src/schema/generated/serializers.js';
import type { Dispatch } from '../../src/schema/types.js';
import { checkDocument } from '../../src/schema/validate.js';
import { nastyString, parseOptions, soupBytes } from '../helpers/arbitraries.js';
import { listFixtures } from '../helpers/fixtures.js';

/** Each form the serializers write, next to what JSON.stringify writes. */
function expectSameAsStringify<T>(record: T, compact: (r: T) => string, pretty: (r: T, indent: string) => string): void {
  expect(compact(record)).toBe(JSON.stringify(record));
  expect(pretty(record, '')).toBe(JSON.stringify(record, null, 2));
  expect(pretty(record, '  ')).toBe(JSON.stringify(record, null, 2).replace(/\n/g, '\n  '));
}

function expectDocument(document: Dispatch): void {
  expectSameAsStringify(document, compactDispatch, prettyDispatch);
  for (const record of teaserRecords(document)) expectSameAsStringify(record, compactTeaserRecord, prettyTeaserRecord);
}

/** Every document a parse gives (a page can hold several). */
function documentsOf(input: Uint8Array | string, options = {}): Dispatch[] {
  const result = parseDispatch(input, options);
  if (!result.ok) return [];
  // A parser that finds several dispatches in one input gives them all in `documents`.
  return (result as { documents?: Dispatch[] }).documents ?? [result.document];
}

describe('generated JSON serializers', () => {
  it('write every fixture document and teaser record as JSON.stringify does', () => {
    let documents = 0;
    let teasers = 0;
    for (const fixture of listFixtures()) {
      for (const document of documentsOf(fixture.input, fixture.options)) {
        expectDocument(document);
        documents++;
        teasers += document.teasers.length;
      }
    }
    expect(documents).toBeGreaterThan(20);
    expect(teasers).toBeGreaterThan(100);
  });

  it('write generated documents as JSON.stringify does', () => {
    fc.assert(
      fc.property(soupBytes, parseOptions, (bytes, options) => {
        for (const document of documentsOf(bytes, options)) expectDocument(document);
      }),
      { numRuns: 300 },
    );
  });

  it('escape exactly what JSON.stringify escapes: quotes, backslashes, controls, lone surrogates', () => {
    const [base] = documentsOf(listFixtures().find((f) => f.name === 'sample')!.input, { path: 'sample.txt' });
    fc.assert(
      fc.property(nastyString, nastyString, fc.option(nastyString), (paragraph, path, title) => {
        const document: Dispatch = structuredClone(base!);
        document.lead.paragraphs = [paragraph, `"${paragraph}\\`, 'plain'];
        document.source.path = path;
        document.lead.title = title;
        if (document.teasers[0]) document.teasers[0].text = paragraph;
        expectDocument(document);
      }),
      { numRuns: 300 },
    );
  });

  it('follow the order of an object own keys, as JSON.stringify does, and leave out undefined values', () => {
    const [base] = documentsOf(listFixtures().find((f) => f.name === 'sample')!.input, { path: 'sample.txt' });
    const document = structuredClone(base!);
    // Keys in reverse order, and one optional property present but undefined.
    const { lead } = document;
    document.lead = Object.fromEntries(Object.entries(lead).reverse()) as Dispatch['lead'];
    (document.teasers[0] as { dateline?: unknown }).dateline = undefined;
    expect(checkDocument(base).valid).toBe(true);
    expectDocument(document);
    expect(compactDispatch(document)).toContain('{"wordCount":');
  });
});
