/**
 * The published schemas are the single source of truth: well-formed JSON Schema 2020-12, every
 * object closed and every property described, the generated types in step with them, and the
 * version in the documents equal to the one in the schemas.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderTypes } from '../../scripts/lib/render-types.mjs';
import { SCHEMAS } from '../../scripts/lib/schemas.mjs';
import { SCHEMA_VERSION } from '../../src/parse/parse.js';
import { EARLIER_VERSIONS } from '../../src/validate/versions.js';

const dir = new URL('../../schemas/', import.meta.url);
const load = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;

type Node = Record<string, unknown>;

/** Every subschema that declares properties, with its JSON Pointer. */
function objects(node: unknown, pointer = ''): Array<[string, Node]> {
  if (node === null || typeof node !== 'object') return [];
  const found: Array<[string, Node]> = [];
  const record = node as Node;
  if (record['properties']) found.push([pointer, record]);
  for (const [key, value] of Object.entries(record)) found.push(...objects(value, `${pointer}/${key}`));
  return found;
}

describe('published schemas', () => {
  it('lists every file in schemas/ in the build', () => {
    const files = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.map((entry) => entry.name).sort()).toEqual(SCHEMAS.map((s) => s.file).sort());
  });

  it("ships IPTC's ninjs schema in schemas/ninjs/ with its licence and attribution, and nothing else there", () => {
    expect(readdirSync(dir).filter((name) => !SCHEMAS.some((s) => s.file === name))).toEqual([...EARLIER_VERSIONS, 'ninjs']);
    expect(readdirSync(new URL('ninjs/', dir)).sort()).toEqual(['GeoJSON-schema.json', 'LICENSE', 'README.md', 'ninjs-schema_3.1.json']);
  });

  // The copy is IPTC's text unchanged; where the vendored original sits beside the clone, compare.
  const vendor = new URL('../../../shared/vendor/ninjs/', import.meta.url);
  const vendored = existsSync(vendor);
  // Named from the clone (../shared/vendor/ninjs/), as the README names paths: not this machine's absolute path.
  const shown = `${path.relative(fileURLToPath(new URL('../../', import.meta.url)), fileURLToPath(vendor)).split(path.sep).join('/')}/`;
  if (!vendored) console.warn(`skipping the comparison of schemas/ninjs/ with the vendored original: ${shown} is absent`);
  it.skipIf(!vendored && !process.env['KCNA_PARSE_REQUIRE_VENDOR'])('schemas/ninjs/ holds the vendored ninjs schema, GeoJSON schema and licence byte for byte', () => {
    for (const file of ['ninjs-schema_3.1.json', 'GeoJSON-schema.json', 'LICENSE']) {
      expect(readFileSync(new URL(`ninjs/${file}`, dir)).equals(readFileSync(new URL(file, vendor))), file).toBe(true);
    }
  });

  it.each(SCHEMAS.map((s) => s.file))('%s compiles under ajv strict mode as JSON Schema 2020-12', (file) => {
    const ajv = new ajv2020.default({ strict: true });
    ajvFormats.default(ajv);
    for (const { file: other } of SCHEMAS) if (other !== file) ajv.addSchema(load(other));
    const schema = load(file);
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toMatch(new RegExp(`^urn:kcna-parse:schema:[a-z-]+:${SCHEMA_VERSION.replace(/\./g, '\\.')}$`));
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it.each(SCHEMAS.map((s) => s.file))('%s closes every object and describes every property', (file) => {
    const problems: string[] = [];
    for (const [pointer, node] of objects(load(file))) {
      if (node['additionalProperties'] !== false) problems.push(`${pointer}: additionalProperties is not false`);
      for (const [name, property] of Object.entries(node['properties'] as Record<string, Node>)) {
        if (typeof property['description'] !== 'string' || property['description'].length < 10) problems.push(`${pointer}/properties/${name}: no description`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('states the same version as the documents the parser writes', () => {
    for (const file of ['dispatch.schema.json', 'teaser-record.schema.json']) {
      expect((load(file)['properties'] as Record<string, Node>)['schemaVersion']!['const']).toBe(SCHEMA_VERSION);
    }
  });

  // DuckDB, SQL engines, Spark and Power Query compare names without case: 1.x had a teaser's
  // `dateline` (the KCNA dateline) beside its `dateLine` (a line number), which DuckDB refused.
  it.each(SCHEMAS.map((s) => s.file))('%s has no two property names that differ only by case, at any level', (file) => {
    const byLowerCase = new Map<string, Set<string>>();
    for (const [, node] of objects(load(file))) {
      for (const name of Object.keys(node['properties'] as Record<string, Node>)) {
        const names = byLowerCase.get(name.toLowerCase()) ?? new Set<string>();
        names.add(name);
        byLowerCase.set(name.toLowerCase(), names);
      }
    }
    expect([...byLowerCase.values()].filter((names) => names.size > 1).map((names) => [...names])).toEqual([]);
  });

  it.each(EARLIER_VERSIONS.flatMap((version) => readdirSync(new URL(`${version}/`, dir)).map((file) => [version, file] as const)))(
    'publishes %s/%s as that version wrote it: its own $id and schemaVersion, compiling with its siblings',
    (version, file) => {
      const ajv = new ajv2020.default({ strict: false });
      ajvFormats.default(ajv);
      for (const other of readdirSync(new URL(`${version}/`, dir))) if (other !== file) ajv.addSchema(load(`${version}/${other}`));
      const schema = load(`${version}/${file}`);
      expect(schema['$id']).toBe(`urn:kcna-parse:schema:${file.replace('.schema.json', '')}:${version}`);
      const stated = (schema['properties'] as Record<string, Node>)['schemaVersion'];
      if (stated !== undefined) expect(stated['const']).toBe(version);
      expect(() => ajv.compile(schema)).not.toThrow();
    },
  );

  it('has generated types in step with it (run `npm run gen:types` after a schema change)', async () => {
    const committed = readFileSync(new URL('../../src/schema/types.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await renderTypes());
  });
});
