/**
 * The limits converting applies to an input's records, applied by the report too: an input that
 * `kcna-parse` fails (RENDER_LIMIT: records too large for the engine to hold as text) must not be
 * counted as converted by `kcna-parse report`, or a CI gate on the report's `inputs.failed` would
 * pass where the conversion exits 1. The check is the JSON renderer's own (src/emit/json.ts), run
 * with a serializer that writes nothing: the same rule, without building the text.
 */
import { jsonRenderer, type Serializer } from '../emit/json.js';
import { internalError, isKcnaError } from '../errors.js';
import type { FileResult } from '../pipeline/convert.js';

const NOTHING: Serializer = { compact: () => '', pretty: () => '' };
const check = jsonRenderer((document) => [document], true, NOTHING);

/** The result as converting would end it: a failure when a record passes the renderer's limits. */
export function withOutputLimits(result: FileResult): FileResult {
  if (!result.ok) return result;
  try {
    for (const document of result.documents) check(document);
    return result;
  } catch (caught) {
    const error = isKcnaError(caught) ? caught : internalError(result.input.display, caught);
    return { ok: false, input: result.input, display: result.input.display, error, warnings: result.warnings };
  }
}
