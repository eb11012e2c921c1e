/** `kcna-parse explain CODE`: the docs' entry for a warning or error code. */
import { UsageError } from '../errors.js';
import { explainCode, explainedCodes } from './explain.js';
import { EXIT } from './exit.js';
import type { Streams } from './streams.js';

export async function runExplain(code: string, io: Streams): Promise<number> {
  const wanted = code.trim().toUpperCase().replace(/-/g, '_');
  const entry = explainCode(wanted);
  if (!entry) {
    throw new UsageError(`unknown code '${code}'; the codes are ${explainedCodes().join(', ')}`);
  }
  io.stdout.write(`${wanted} (${entry.file})\n\n${entry.text}\n`);
  return EXIT.ok;
}
