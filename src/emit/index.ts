/** Picks the renderer and assembler for an output. Format modules load only when chosen. */
import type { Dispatch } from '../schema/types.js';
import { DISPATCH_COLUMNS, TEASER_COLUMNS } from '../schema/validate.js';
import { compactDispatch, compactTeaserRecord, prettyDispatch, prettyTeaserRecord } from '../schema/generated/serializers.js';
import type { TeaserRecord } from '../schema/types.js';
import { jsonAssembler, ndjsonAssembler, jsonRenderer, ndjsonRenderer, type Serializer } from './json.js';
import { dispatchRow, teaserRecords, teaserRows } from './records.js';
import { checked, type Assembler, type OutputSpec, type RecordWriter, type Renderer } from './writer.js';

/** Whether JSON output is one value: a single input asked for, and one record per input. */
function singleValue(spec: OutputSpec): boolean {
  return spec.single && spec.records === 'dispatches';
}

export async function createRenderer(spec: OutputSpec): Promise<Renderer> {
  const teasers = spec.records === 'teasers';
  if (spec.format === 'csv') {
    const { csvRenderer } = await import('./csv.js');
    return csvRenderer({
      columns: teasers ? TEASER_COLUMNS : DISPATCH_COLUMNS,
      toRows: teasers
        ? (document) => checked('teaser-row', teaserRows(document), document.source.path)
        : (document) => checked('dispatch-row', [dispatchRow(document)], document.source.path),
      bom: spec.bom,
      excelSafe: spec.excelSafe,
    });
  }
  if (spec.format === 'ninjs') {
    // --records teasers with ninjs is refused as a usage error before this point.
    // Documents reach the renderer checked against their schema (pipeline/convert.ts).
    const { ninjsItem } = await import('./ninjs.js');
    return jsonRenderer((document) => [ninjsItem(document)], singleValue(spec));
  }
  const toRecords = teasers
    ? (document: Dispatch) => checked('teaser-record', teaserRecords(document), document.source.path)
    : (document: Dispatch) => [document];
  // NDJSON keeps JSON.stringify: its compact form, V8's fastest path, measured 3-10% faster than
  // the generated compact serializer end to end, while the generated pretty one is 3-20% faster
  // than JSON.stringify with indentation (BENCHMARKS.md, Serializers).
  if (spec.format === 'ndjson') return ndjsonRenderer(toRecords);
  return jsonRenderer(toRecords, singleValue(spec), teasers ? TEASER_RECORD_JSON : DISPATCH_JSON);
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

export async function createAssembler(spec: OutputSpec): Promise<Assembler> {
  if (spec.format === 'csv') {
    const { csvAssembler } = await import('./csv.js');
    return csvAssembler({ columns: spec.records === 'teasers' ? TEASER_COLUMNS : DISPATCH_COLUMNS, bom: spec.bom });
  }
  return spec.format === 'ndjson' ? ndjsonAssembler() : jsonAssembler(singleValue(spec));
}

/** Renderer and assembler together, for output produced in this thread. */
export async function createWriter(spec: OutputSpec): Promise<RecordWriter> {
  const render = await createRenderer(spec);
  const assembler = await createAssembler(spec);
  return {
    add: (document) => assembler.add(render(document)),
    end: () => assembler.end(),
    get records() {
      return assembler.records;
    },
  };
}

export { FORMATS, RECORD_KINDS, type Format, type OutputSpec, type RecordKind, type RecordWriter, type Renderer, type Assembler, type Piece } from './writer.js';
