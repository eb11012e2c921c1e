/**
 * parseDispatch through the package entry, as a user calls it: bytes or text in, a document or a
 * typed "not a dispatch" result out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KcnaError,
  SCHEMA_VERSION,
  isKcnaError,
  parseDispatch,
  validateDocument,
  type Dispatch,
  type ParseFailure,
  type ParseResult,
  type WarningCode,
} from '../../src/index.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}/input.txt`, import.meta.url)));
const golden = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${name}/expected.json`, import.meta.url), 'utf8')) as Dispatch;

function documentOf(result: ParseResult): Dispatch {
  if (!result.ok) throw new Error(`expected a document, got ${result.code}: ${result.message}`);
  return result.document;
}

describe('parseDispatch', () => {
  it('parses bytes into a schema-valid document with its diagnostics', () => {
    const result = parseDispatch(fixture('sample'), { path: 'fixtures/sample/input.txt' });
    const document = documentOf(result);
    expect(document).toEqual(golden('sample'));
    expect(document.schemaVersion).toBe(SCHEMA_VERSION);
    expect(document.lead.dateline).toMatchObject({ place: 'Pyongyang', month: 3, day: 23, agency: 'KCNA' });
    expect(validateDocument(document)).toBe(true);
    expect(result.ok && result.diagnostics).toBe(document.warnings);
  });

  it('gives the same document for already-decoded text, apart from how the bytes were read', () => {
    const bytes = fixture('sample');
    const fromText = documentOf(parseDispatch(new TextDecoder().decode(bytes)));
    const fromBytes = documentOf(parseDispatch(bytes));
    expect(fromText).toEqual(fromBytes);
    expect(fromText.source.path).toBeNull();
  });

  it('takes the year from the options', () => {
    const document = documentOf(parseDispatch(fixture('sample'), { year: 2021 }));
    expect(document.lead.date).toBe('2021-03-23');
    expect(document.lead.dateline).toMatchObject({ year: 2021, yearSource: 'option' });
  });

  it('reports the warnings it raised, by stable code', () => {
    const result = parseDispatch('Pyongyang, March 23 (KCNA) -- A lead paragraph with no end marker.\n');
    const codes: WarningCode[] = documentOf(result).warnings.map((warning) => warning.code);
    expect(codes).toEqual(['MISSING_END_MARKER']);
  });

  it('returns a typed failure, not an exception, for input that is not a dispatch', () => {
    const result = parseDispatch(fixture('not-a-dispatch'));
    expect(result.ok).toBe(false);
    const failure = result as ParseFailure;
    expect(failure.code).toBe('NOT_A_DISPATCH');
    expect(failure.message).toContain('no dateline');
    expect(failure).not.toHaveProperty('document');
  });

  it('tells empty input apart', () => {
    expect(parseDispatch(new Uint8Array())).toMatchObject({ ok: false, code: 'EMPTY_INPUT', diagnostics: [] });
    expect(parseDispatch('\n  \n')).toMatchObject({ ok: false, code: 'EMPTY_INPUT' });
  });

  it('throws a KcnaError only for an option out of range', () => {
    let thrown: unknown;
    try {
      parseDispatch(fixture('sample'), { year: 99 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KcnaError);
    expect(isKcnaError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ name: 'KcnaError', code: 'INVALID_OPTION' });
    expect((thrown as KcnaError).message).toContain('got 99');
  });
});
