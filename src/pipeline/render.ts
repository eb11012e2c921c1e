/**
 * The last step of the pipeline: one conversion result rendered into the text of its records, or
 * why it failed. Plain data, so that a worker thread can produce it and hand it over.
 */
import type { Piece, Renderer } from '../emit/writer.js';
import { internalError, isKcnaError, type ErrorCode } from '../errors.js';
import { ByteBuilder } from '../io/bytes.js';
import { placeOf, type ArchivePlace, type InputRef } from '../io/inputs.js';
import type { Dispatch, Warning } from '../schema/types.js';
import type { FileResult } from './convert.js';

/** One dispatch of an input, rendered. */
export interface RenderedDispatch {
  /** The dispatch's content id. */
  id: string;
  /**
   * Each of its records, ready for an assembler: text when rendered in this thread, UTF-8 bytes
   * when a worker thread rendered them (see encodeRecords).
   */
  records: Piece[];
}

export interface RenderedSuccess {
  ok: true;
  display: string;
  /** source.path of the documents. */
  path: string | null;
  /** Every warning of the input, in line order. */
  warnings: Warning[];
  /** Each dispatch of the input, in file order. */
  dispatches: RenderedDispatch[];
  /** The documents and their input, when rendered in this thread for one output per input. */
  documents?: Dispatch[];
  input?: InputRef;
  /** For a record of a web archive: where in the archive. */
  place?: ArchivePlace;
}

export interface RenderedFailure {
  ok: false;
  display: string;
  error: { code: ErrorCode; message: string };
  warnings: Warning[];
  /** For a record of a web archive, or damage in one: where in the archive. */
  place?: ArchivePlace;
}

export type Rendered = RenderedSuccess | RenderedFailure;

/**
 * Renders a conversion result. Anything that goes wrong while rendering — a record that fails its
 * schema, records too large for a string, a bug — makes this input fail, never the run.
 */
export function renderResult(result: FileResult, render: Renderer, keepDocuments: boolean): Rendered {
  if (!result.ok) {
    const failed: RenderedFailure = { ok: false, display: result.display, error: { code: result.error.code, message: result.error.message }, warnings: result.warnings };
    if (result.place !== undefined) failed.place = result.place;
    return failed;
  }
  const { documents, input } = result;
  const place = placeOf(input);
  try {
    const dispatches: RenderedDispatch[] = [];
    for (const document of documents) dispatches.push({ id: document.id, records: render(document) });
    const rendered: RenderedSuccess = { ok: true, display: input.display, path: result.document.source.path, warnings: result.warnings, dispatches };
    if (place !== undefined) rendered.place = place;
    if (keepDocuments) {
      rendered.documents = documents;
      rendered.input = input;
    }
    return rendered;
  } catch (caught) {
    const error = isKcnaError(caught) ? caught : internalError(input.display, caught);
    const failed: RenderedFailure = { ok: false, display: input.display, error: { code: error.code, message: error.message }, warnings: result.warnings };
    if (place !== undefined) failed.place = place;
    return failed;
  }
}

const SCRATCH_BYTES = 1024 * 1024;
/** Where encodeRecords encodes before copying out the bytes it used. */
let scratch: ByteBuilder | undefined;

/**
 * Encodes the records of rendered results as UTF-8, in place, into one new buffer, which the
 * caller can transfer to another thread instead of copying the strings: each dispatch's records
 * become views of that buffer. Returns the buffer (undefined when there are no records at all).
 * A result whose records cannot be encoded (too large for a buffer) keeps its strings.
 */
export function encodeRecords(results: readonly Rendered[]): ArrayBuffer | undefined {
  const builder = (scratch ??= new ByteBuilder(SCRATCH_BYTES));
  builder.size = 0;
  /** Where each record's bytes are in the builder, in order: [start, end] pairs. */
  const bounds: number[] = [];
  const encoded: RenderedDispatch[] = [];
  for (const result of results) {
    if (!result.ok) continue;
    const mark = builder.size;
    const marks = bounds.length;
    try {
      for (const dispatch of result.dispatches) {
        for (const record of dispatch.records) {
          const start = builder.size;
          builder.append(record);
          bounds.push(start, builder.size);
        }
      }
      for (const dispatch of result.dispatches) encoded.push(dispatch);
    } catch {
      // Left as text for this result alone.
      builder.size = mark;
      bounds.length = marks;
    }
  }
  const out = bounds.length === 0 ? undefined : new Uint8Array(builder.bytes());
  // Kept for the next call unless an outsized record grew it.
  if (builder.capacity > SCRATCH_BYTES) scratch = undefined;
  if (out === undefined) return undefined;
  let at = 0;
  for (const dispatch of encoded) {
    const views: Uint8Array[] = [];
    for (let i = 0; i < dispatch.records.length; i++, at += 2) views.push(out.subarray(bounds[at]!, bounds[at + 1]!));
    dispatch.records = views;
  }
  return out.buffer;
}
