/**
 * What docs/errors.md and docs/warnings.md say of a code, read from the installed package: the
 * whole entry for `kcna-parse explain CODE`, and its "What to do" paragraph as the hint after a
 * usage error. The docs are the one place the advice is written.
 */
import { readFileSync } from 'node:fs';
import { packageRoot } from '../package-info.js';

const DOCS = ['docs/errors.md', 'docs/warnings.md'] as const;

/** The `## CODE` section of the docs, without its heading, or undefined for an unknown code. */
export function explainCode(code: string): { file: string; text: string } | undefined {
  for (const file of DOCS) {
    let doc: string;
    try {
      doc = readFileSync(new URL(file, packageRoot), 'utf8');
    } catch {
      continue;
    }
    const start = doc.indexOf(`\n## ${code}\n`);
    if (start < 0) continue;
    const body = doc.slice(start + code.length + 5);
    const end = body.indexOf('\n## ');
    return { file, text: (end < 0 ? body : body.slice(0, end)).trim() };
  }
  return undefined;
}

/** The codes the docs explain, in their order. */
export function explainedCodes(): string[] {
  const codes: string[] = [];
  for (const file of DOCS) {
    try {
      for (const m of readFileSync(new URL(file, packageRoot), 'utf8').matchAll(/^## ([A-Z][A-Z0-9_]+)$/gm)) codes.push(m[1]!);
    } catch {
      // a docs file left out of the installation
    }
  }
  return codes;
}

/** The "What to do" paragraph of a code's entry, on one line, or undefined. */
export function hintFor(code: string): string | undefined {
  const entry = explainCode(code);
  const m = entry && /\*\*What to do\.\*\*\s*([\s\S]*?)(?:\n\n|$)/.exec(entry.text);
  return m?.[1]?.replace(/\s+/g, ' ').trim();
}
