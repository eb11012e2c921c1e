/**
 * `kcna-parse explain [CODE]`: the docs' entry for a warning or error code, rendered for a terminal
 * (bold where colour is on, code blocks indented); with no code, every code with its meaning in a line.
 */
import { explainCode, explainedCodes, renderForTerminal, summaryOf } from './explain.js';
import { EXIT } from './exit.js';
import { paintFor, type ColorMode } from './render.js';
import type { Streams } from './streams.js';
import { HintedUsageError, closest } from './suggest.js';

export async function runExplain(code: string | undefined, options: { color?: ColorMode }, io: Streams): Promise<number> {
  const paint = await paintFor(options.color ?? 'auto', io.stdout, io.env);
  if (code === undefined) {
    const codes = explainedCodes();
    const width = Math.max(...codes.map(({ code: name }) => name.length));
    const lines: string[] = [];
    for (const kind of ['error', 'warning'] as const) {
      lines.push(paint.bold(kind === 'error' ? 'Errors (an input or the run failed):' : 'Warnings (a document was written; something was noticed):'));
      for (const entry of codes.filter((candidate) => candidate.kind === kind)) lines.push(`  ${entry.code.padEnd(width)}  ${summaryOf(entry.code) ?? ''}`.trimEnd());
      lines.push('');
    }
    lines.push('kcna-parse explain CODE prints what a code means, an example and what to do.');
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  }
  const wanted = code.trim().toUpperCase().replace(/-/g, '_');
  const entry = explainCode(wanted);
  if (!entry) {
    const names = explainedCodes().map((candidate) => candidate.code);
    // 'PAGEJUNK' and 'JUNK' are near PAGE_JUNK too: the words, without their underscores, or a part of one.
    const near = closest(wanted, names);
    if (near.length === 0) near.push(...names.filter((name) => wanted.length >= 4 && (name.includes(wanted) || name.replace(/_/g, '') === wanted.replace(/_/g, ''))).slice(0, 3));
    throw new HintedUsageError(`unknown code '${code}'${near.length > 0 ? ` (Did you mean ${near.join(' or ')}?)` : ''}`, '`kcna-parse explain` with no code lists every code, with its meaning');
  }
  io.stdout.write(`${paint.bold(wanted)} (${entry.file})\n\n${renderForTerminal(entry.text, paint)}\n`);
  return EXIT.ok;
}
