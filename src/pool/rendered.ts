/**
 * What the command line writes for one input, once rendered: the text of its records, or why it
 * failed. Plain data, so that a worker thread can produce it.
 */
import type { Renderer } from '../emit/writer.js';
import { isKcnaError } from '../errors.js';
import type { FileResult } from '../files.js';
import type { InputRef } from '../io/inputs.js';
import type { Dispatch, Warning } from '../schema/types.js';

export interface RenderedSuccess {
  ok: true;
  display: string;
  /** source.path of the document. */
  path: string | null;
  id: string;
  warnings: Warning[];
  /** The text of each record, ready for an assembler. */
  records: string[];
  /** The document and its input, when rendered in this thread for --out-dir. */
  document?: Dispatch;
  input?: InputRef;
}

export interface RenderedFailure {
  ok: false;
  display: string;
  error: { code: string; message: string };
  warnings: Warning[];
}

export type Rendered = RenderedSuccess | RenderedFailure;

/** Renders a conversion result; a record that fails its schema makes the input fail. */
export function renderResult(result: FileResult, render: Renderer, keepDocument: boolean): Rendered {
  if (!result.ok) return { ok: false, display: result.display, error: { code: result.error.code, message: result.error.message }, warnings: result.warnings };
  const { document, input } = result;
  try {
    const records = render(document);
    const rendered: RenderedSuccess = { ok: true, display: input.display, path: document.source.path, id: document.id, warnings: result.warnings, records };
    if (keepDocument) {
      rendered.document = document;
      rendered.input = input;
    }
    return rendered;
  } catch (error) {
    if (!isKcnaError(error)) throw error;
    return { ok: false, display: input.display, error: { code: error.code, message: error.message }, warnings: result.warnings };
  }
}
