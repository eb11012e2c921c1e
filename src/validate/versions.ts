/**
 * Output of earlier versions, checked against the schemas it was written to: every version's
 * schemas stay published (schemas/<version>/), so that an archive of older output stays checkable.
 * A JSON record says its version (schemaVersion); a CSV file says it by its header, whose columns
 * each version extended.
 *
 * The current version's validators are compiled ahead of time (schema/validate.ts); an earlier
 * version's are compiled here, with ajv, when validate first meets a record of that version: a run
 * over current output never loads ajv.
 */
import { createRequire } from 'node:module';
import { SCHEMA_VERSION } from '../parse/parse.js';
import { readSchemaFile } from '../package-info.js';
import { runValidator, type ValidationResult } from '../schema/validate.js';

/** The versions before this one whose schemas are published, oldest first. */
export const EARLIER_VERSIONS = ['1.0.0', '1.1.0', '1.2.0'] as const;
export type EarlierVersion = (typeof EARLIER_VERSIONS)[number];

/** Every version a record may state, oldest first. */
export const KNOWN_VERSIONS: readonly string[] = [...EARLIER_VERSIONS, SCHEMA_VERSION];

/** The schemas a version published (the report's from 1.1.0 on). */
export type VersionedSchema = 'dispatch' | 'teaser-record' | 'dispatch-row' | 'teaser-row' | 'report';

export function isEarlierVersion(version: unknown): version is EarlierVersion {
  return typeof version === 'string' && (EARLIER_VERSIONS as readonly string[]).includes(version);
}

type Validate = Parameters<typeof runValidator>[0];
const compiled = new Map<EarlierVersion, Map<VersionedSchema, Validate>>();
const require = createRequire(import.meta.url);

/** The validators of one earlier version, compiled once. */
function validatorsOf(version: EarlierVersion): Map<VersionedSchema, Validate> {
  let validators = compiled.get(version);
  if (validators !== undefined) return validators;
  // The schemas are JSON Schema 2020-12; ajv-formats for their "date" and "date-time".
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (options: object) => AjvInstance }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: AjvInstance) => void }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const schemas = new Map<VersionedSchema, { $id: string }>();
  for (const name of ['dispatch', 'teaser-record', 'dispatch-row', 'teaser-row', 'report'] as const) {
    let schema: { $id: string };
    try {
      schema = JSON.parse(readSchemaFile(`${version}/${name}.schema.json`).toString('utf8')) as { $id: string };
    } catch {
      continue; // a schema the version did not publish (1.0.0 had no report)
    }
    ajv.addSchema(schema);
    schemas.set(name, schema);
  }
  validators = new Map();
  for (const [name, schema] of schemas) validators.set(name, ajv.getSchema(schema.$id) as Validate);
  compiled.set(version, validators);
  return validators;
}

interface AjvInstance {
  addSchema(schema: object): void;
  getSchema(id: string): unknown;
}

/** Checks a record against the schema of the version it states. */
export function checkEarlierRecord(version: EarlierVersion, schema: VersionedSchema, value: unknown): ValidationResult {
  const validator = validatorsOf(version).get(schema);
  if (validator === undefined) return { valid: false, issues: [{ pointer: '/schemaVersion', message: `version ${version} published no ${schema} schema` }] };
  return runValidator(validator, value);
}

/** The earlier version whose CSV columns are exactly this header, if one is (the current version's is checked first, by the caller). */
export function csvVersionOf(header: readonly string[], schema: 'dispatch-row' | 'teaser-row'): EarlierVersion | null {
  for (const version of [...EARLIER_VERSIONS].reverse()) {
    let columns: string[];
    try {
      columns = Object.keys((JSON.parse(readSchemaFile(`${version}/${schema}.schema.json`).toString('utf8')) as { properties: object }).properties);
    } catch {
      continue;
    }
    if (columns.length === header.length && columns.every((column, i) => column === header[i])) return version;
  }
  return null;
}
