/**
 * The schema version and the package version move together (policy in docs/library.md): the
 * package's major version is the schema's, and every published schema names the same version.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/index.js';
import { PACKAGE, ROOT } from './helpers.js';

const major = (version: string) => version.split('.')[0];
const schemaFiles = readdirSync(path.join(ROOT, 'schemas')).filter((file) => file.endsWith('.schema.json'));

describe('versions', () => {
  it('the package major version is the schema major version, and never behind it', () => {
    expect(major(PACKAGE.version)).toBe(major(SCHEMA_VERSION));
    const [pMajor, pMinor] = PACKAGE.version.split('.').map(Number);
    const [sMajor, sMinor] = SCHEMA_VERSION.split('.').map(Number);
    expect(pMajor === sMajor && pMinor! >= sMinor!).toBe(true);
  });

  it.each(schemaFiles)('schemas/%s names SCHEMA_VERSION in its $id and schemaVersion', (file) => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as {
      $id: string;
      properties: { schemaVersion?: { const?: string } };
    };
    expect(schema.$id).toBe(`urn:kcna-parse:schema:${file.replace(/\.schema\.json$/, '')}:${SCHEMA_VERSION}`);
    if (schema.properties.schemaVersion) expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
  });
});
