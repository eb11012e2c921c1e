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
  /** The text of each of its records, ready for an assembler. */
  records: string[];
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
