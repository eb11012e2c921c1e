/**
 * JSON: one pretty-printed value for a single input holding one dispatch, an array otherwise (the
 * shape rules are in ../json.ts).
 */
import { compactDispatch, compactTeaserRecord, prettyDispatch, prettyTeaserRecord } from '../../schema/generated/serializers.js';
import type { Dispatch, TeaserRecord } from '../../schema/types.js';
import { SCHEMA_FILES } from '../../schema/validate.js';
import { jsonAssembler, jsonRenderer, STRINGIFY, type Serializer, type ToRecords } from '../json.js';
import { teaserRecords } from '../records.js';
import { checked, RECORD_KINDS, type OutputSpec, type RecordKind, type TextFormat } from '../writer.js';
import { jsonFields, projection } from './fields.js';

/** Whether JSON output is one value: a single input asked for, and one record per input. */
export function singleValue(spec: OutputSpec): boolean {
  return spec.single && spec.records === 'dispatches';
}

/**
 * The records of a document under --records: the document itself, or its teaser records (checked
 * against their schema); with --fields, the fields named of each.
 */
export function recordsOf(spec: Pick<OutputSpec, 'records' | 'fields'>): ToRecords {
  const all: ToRecords =
    spec.records === 'teasers' ? (document: Dispatch) => checked('teaser-record', teaserRecords(document), document.source.path) : (document: Dispatch) => [document];
  if (spec.fields === undefined) return all;
  const keep = projection(spec.fields);
  return (document) => all(document).map(keep);
}

/** The published schema of JSON and NDJSON records. */
export function jsonSchemaFile(records: RecordKind): { file: string } {
  return { file: SCHEMA_FILES[records === 'teasers' ? 'teaser-record' : 'dispatch'] };
}

/**
 * Serializers generated from the schemas (scripts/build-serializers.mjs): the same text as
 * JSON.stringify, for records already checked against their schema. Their compact form is tested
 * and ready for a parser that can say which strings need no escaping; it is not used yet.
 */
const DISPATCH_JSON: Serializer = {
  compact: (record) => compactDispatch(record as Dispatch),
  pretty: (record, indent) => prettyDispatch(record as Dispatch, indent),
};
const TEASER_RECORD_JSON: Serializer = {
  compact: (record) => compactTeaserRecord(record as TeaserRecord),
  pretty: (record, indent) => prettyTeaserRecord(record as TeaserRecord, indent),
};

export const jsonFormat: TextFormat<'json'> = {
  kind: 'text',
  name: 'json',
  extensions: ['.json'],
  recordKinds: RECORD_KINDS,
  options: ['fields'],
  fields: jsonFields,
  schema: jsonSchemaFile,
  reader: { syntax: 'json' },
  async renderer(spec) {
    // The generated pretty serializer is 3-20% faster than JSON.stringify with indentation
    // (BENCHMARKS.md, Serializers); it writes whole records, so projected ones take JSON.stringify.
    const serializer = spec.fields !== undefined ? STRINGIFY : spec.records === 'teasers' ? TEASER_RECORD_JSON : DISPATCH_JSON;
    return jsonRenderer(recordsOf(spec), singleValue(spec), serializer);
  },
  async assembler(spec) {
    return jsonAssembler(singleValue(spec));
  },
};
