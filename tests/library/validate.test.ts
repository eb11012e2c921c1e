/**
 * Validation through the package entry: a document that was changed after parsing no longer
 * follows the schema, and checkDocument says where.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument, checkRecord, parseDispatch, toNinjs, validateDocument, type Dispatch } from '../../src/index.js';

function sample(): Dispatch {
  const result = parseDispatch(new Uint8Array(readFileSync(new URL('../../fixtures/sample/input.txt', import.meta.url))));
  if (!result.ok) throw new Error(result.message);
  return result.document;
}

/** A deep copy, changed by `tamper`, typed loosely as data from outside would be. */
function tampered(tamper: (document: Record<string, any>) => void): unknown {
  const copy = structuredClone(sample()) as Record<string, any>;
  tamper(copy);
  return copy;
}

describe('validateDocument and checkDocument', () => {
  it('accept a parsed document', () => {
    expect(validateDocument(sample())).toBe(true);
    expect(checkDocument(sample())).toEqual({ valid: true });
  });

  it.each([
    ['a removed required property', (d: Record<string, any>) => delete d['id'], '', "must have required property 'id'"],
    ['an extra property', (d: Record<string, any>) => (d['extra'] = 1), '', "must NOT have additional properties: 'extra'"],
    ['another schema version', (d: Record<string, any>) => (d['schemaVersion'] = '1.2.0'), '/schemaVersion', 'must be equal to constant: "2.0.0"'],
    ['a malformed id', (d: Record<string, any>) => (d['id'] = 'ABC'), '/id', 'must match pattern "^[0-9a-f]{32}$"'],
    ['a month out of range', (d: Record<string, any>) => (d['lead'].dateline.month = 13), '/lead/dateline/month', 'must be <= 12'],
    ['an unknown warning code', (d: Record<string, any>) => d['warnings'].push({ code: 'NOPE', line: null, message: 'x' }), '/warnings/0/code', 'must be equal to one of the allowed values'],
  ])('reject %s, pointing at it', (_name, tamper, pointer, message) => {
    const document = tampered(tamper);
    expect(validateDocument(document)).toBe(false);
    const check = checkDocument(document);
    expect(check.valid).toBe(false);
    if (!check.valid) expect(check.issues).toContainEqual({ pointer, message: expect.stringContaining(message) });
  });

  it('narrow unknown data to Dispatch', () => {
    const data: unknown = JSON.parse(JSON.stringify(sample()));
    if (!validateDocument(data)) throw new Error('expected a valid document');
    expect(toNinjs(data).altIds).toContainEqual({ role: 'kcna-parse:content-id', value: data.id });
  });

  it('checkRecord checks the other published record kinds', () => {
    expect(checkRecord('dispatch', sample())).toEqual({ valid: true });
    expect(checkRecord('teaser-row', sample()).valid).toBe(false);
  });
});
