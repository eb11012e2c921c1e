/**
 * JSON: one value for a single input (a path or '-') holding one dispatch, an array otherwise — the
 * shape follows the command line and the input, never the number of files that matched nor the
 * number of records that survive --dedupe: a single file holding several dispatches (a daily page,
 * a listing) gives an array of them, even when all but one are dropped as duplicates. Records are
 * pretty-printed with two spaces.
 * NDJSON: one compact record per line, written as each input is done.
 */
import { KcnaError } from '../errors.js';
import type { Dispatch } from '../schema/types.js';
import type { Assembler, Piece, Renderer } from './writer.js';

/** The longest string the JavaScript engine can hold (V8: 2^29 - 24 UTF-16 code units). */
const MAX_STRING_LENGTH = 2 ** 29 - 24;

/**
 * Refuses a record whose JSON is sure to pass the engine's string limit, before trying: a failed
 * JSON.stringify first builds half a gigabyte of text, which takes seconds and memory. The bound
 * counts only the texts of the paragraphs and warnings and a fixed minimum per warning, so it
 * never refuses a record that would fit.
 */
function assertRenderable(record: unknown): void {
  const document = record as Partial<Dispatch>;
  if (!Array.isArray(document.warnings) || document.warnings.length < 100_000) return;
  let length = 0;
  for (const paragraph of document.lead?.paragraphs ?? []) length += paragraph.length;
  for (const warning of document.warnings) length += 40 + warning.code.length + warning.message.length + (warning.text?.length ?? 0);
  if (length > MAX_STRING_LENGTH) {
    throw new KcnaError('RENDER_LIMIT', `its records are too large to hold as text (over ${MAX_STRING_LENGTH} characters; the engine limits a string to about 512 MiB)`, {
      path: document.source?.path ?? null,
    });
  }
}

export type ToRecords = (document: Dispatch) => unknown[];

/**
 * Writes a record as JSON. Whatever writes it, the text is JSON.stringify's: compact, or pretty
 * with two spaces (`indent` before each line after the first).
 */
export interface Serializer {
  compact(record: unknown): string;
  pretty(record: unknown, indent: string): string;
}

/** JSON.stringify itself, for records without a serializer generated from their schema. */
export const STRINGIFY: Serializer = {
  compact: (record) => JSON.stringify(record),
  pretty: (record, indent) => {
    const json = JSON.stringify(record, null, 2);
    return indent === '' ? json : json.replace(/\n/g, `\n${indent}`);
  },
};

/**
 * Pretty JSON; inside an array each line is indented by two more spaces. For a single input the
 * document says whether it is the input's only dispatch (source.story.count) and not a page of a
 * web archive (source.archive): if so it is written as one value, unindented, else as an item of
 * the input's array. So the records arrive ready to
 * write, in the worker thread that rendered them as well as here, and the assembler only adds the
 * brackets and commas.
 */
export function jsonRenderer(toRecords: ToRecords, single: boolean, serializer: Serializer = STRINGIFY): Renderer {
  return (document) =>
    toRecords(document).map((record) => {
      assertRenderable(record);
      // A web archive's page is an item of the archive's array, whatever it holds.
      return single && document.source.story.count === 1 && document.source.archive === null ? serializer.pretty(record, '') : `  ${serializer.pretty(record, '  ')}`;
    });
}

/** NDJSON records without their line ends, which the assembler writes (see ndjsonAssembler). */
export function ndjsonRenderer(toRecords: ToRecords, serializer: Serializer = STRINGIFY): Renderer {
  return (document) =>
    toRecords(document).map((record) => {
      assertRenderable(record);
      return serializer.compact(record);
    });
}

/**
 * One value as it is, when a single input gave one record; otherwise an array, opened by its first
 * record and closed at the end. `total` (add, pieces) is how many records the input gave before any
 * was dropped as a duplicate: the shape follows it, never the number of records written.
 */
export function jsonAssembler(single: boolean): Assembler {
  let records = 0;
  // A single input is added in one call, so its record count decides between a value and an array;
  // unless it is a collection (a web archive), whose records come one input at a time.
  let asValue = false;
  let collection = false;
  const pieces = (rendered: readonly Piece[], total: number): Piece[] => {
    if (single && !collection && records === 0 && total === 1 && rendered.length === 1) {
      asValue = true;
      records = 1;
      return [rendered[0]!, '\n'];
    }
    const out: Piece[] = [];
    for (const record of rendered) out.push(records++ === 0 ? '[\n' : ',\n', record);
    return out;
  };
  return {
    get records() {
      return records;
    },
    collection() {
      collection = true;
    },
    add(rendered, total = rendered.length) {
      return (pieces(rendered, total) as string[]).join('');
    },
    pieces(rendered, total = rendered.length) {
      // Records rendered by a worker thread come encoded, and are written as they are.
      return pieces(rendered, total);
    },
    end() {
      if (asValue || (single && !collection && records === 0)) return '';
      return records === 0 ? '[]\n' : '\n]\n';
    },
  };
}

/**
 * NDJSON: each record on a line of its own. The renderer leaves the line ends to the assembler, so
 * that a record is written as it is, instead of copied into a string one character longer.
 */
export function ndjsonAssembler(): Assembler {
  let records = 0;
  return {
    get records() {
      return records;
    },
    add(rendered) {
      records += rendered.length;
      return rendered.length === 0 ? '' : `${rendered.join('\n')}\n`;
    },
    pieces(rendered) {
      records += rendered.length;
      const pieces: Piece[] = [];
      for (const record of rendered) pieces.push(record, '\n');
      return pieces;
    },
    end() {
      return '';
    },
  };
}
