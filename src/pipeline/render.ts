/**
 * The last step of the pipeline: one conversion result rendered into the text of its records, or
 * why it failed. Plain data, so that a worker thread can produce it and hand it over.
 */
import type { Renderer } from '../emit/writer.js';
import { internalError, isKcnaError, type ErrorCode } from '../errors.js';
import type { InputRef } from '../io/inputs.js';
import type { Dispatch, Warning } from '../schema/types.js';
import type { FileResult } from './convert.js';

/** One dispatch of an input, rendered. */
export interface RenderedDispatch {
  /** The dispatch's content id. */
  id: string;
  /** The text of each of its records, ready for an assembler (empty once encoded). */
  records: string[];
  /** The same records encoded as UTF-8, when a worker thread rendered them (see encodeRecords). */
  encoded?: Uint8Array[];
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
}

export interface RenderedFailure {
  ok: false;
  display: string;
  error: { code: ErrorCode; message: string };
  warnings: Warning[];
}

export type Rendered = RenderedSuccess | RenderedFailure;

/**
 * Renders a conversion result. Anything that goes wrong while rendering — a record that fails its
 * schema, records too large for a string, a bug — makes this input fail, never the run.
 */
export function renderResult(result: FileResult, render: Renderer, keepDocuments: boolean): Rendered {
  if (!result.ok) return { ok: false, display: result.display, error: { code: result.error.code, message: result.error.message }, warnings: result.warnings };
  const { documents, input } = result;
  try {
    const dispatches: RenderedDispatch[] = [];
    for (const document of documents) dispatches.push({ id: document.id, records: render(document) });
    const rendered: RenderedSuccess = { ok: true, display: input.display, path: result.document.source.path, warnings: result.warnings, dispatches };
    if (keepDocuments) {
      rendered.documents = documents;
      rendered.input = input;
    }
    return rendered;
  } catch (caught) {
    const error = isKcnaError(caught) ? caught : internalError(input.display, caught);
    return { ok: false, display: input.display, error: { code: error.code, message: error.message }, warnings: result.warnings };
  }
}

const SCRATCH_BYTES = 1024 * 1024;
/** Where encodeRecords encodes before copying out the bytes it used. */
let encodeScratch: Buffer | undefined;

/**
 * Encodes the records of rendered results as UTF-8, in place, into one new buffer, which the
 * caller can transfer to another thread instead of copying the strings: each dispatch's `records`
 * becomes `encoded`, views of that buffer. Returns the buffer (undefined when there are no
 * records at all). A result whose records cannot be encoded (too large for a buffer) keeps its strings.
 */
export function encodeRecords(results: readonly Rendered[]): ArrayBuffer | undefined {
  let scratch = (encodeScratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES));
  let size = 0;
  /** Where each record's bytes are in the scratch buffer, in order: [start, end] pairs. */
  const bounds: number[] = [];
  const encoded: RenderedDispatch[] = [];
  for (const result of results) {
    if (!result.ok) continue;
    const mark = size;
    const marks = bounds.length;
    try {
      for (const dispatch of result.dispatches) {
        for (const record of dispatch.records) {
          // UTF-8 takes at most three bytes per UTF-16 unit.
          if (size + record.length * 3 > scratch.length) {
            const grown = Buffer.allocUnsafeSlow(Math.max(size + record.length * 3, scratch.length * 2));
            scratch.copy(grown, 0, 0, size);
            scratch = grown;
          }
          const start = size;
          size += scratch.write(record, size);
          bounds.push(start, size);
        }
      }
      for (const dispatch of result.dispatches) encoded.push(dispatch);
    } catch {
      // Left as text for this result alone.
      size = mark;
      bounds.length = marks;
    }
  }
  // Kept for the next call unless an outsized record grew it.
  if (scratch.length <= SCRATCH_BYTES) encodeScratch = scratch;
  if (bounds.length === 0) return undefined;
  const out = new Uint8Array(size);
  out.set(scratch.subarray(0, size));
  let at = 0;
  for (const dispatch of encoded) {
    const views: Uint8Array[] = [];
    for (let i = 0; i < dispatch.records.length; i++, at += 2) views.push(out.subarray(bounds[at]!, bounds[at + 1]!));
    dispatch.encoded = views;
    dispatch.records = [];
  }
  return out.buffer;
}
