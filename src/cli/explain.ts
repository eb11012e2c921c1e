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

/** The codes the docs explain, in their order: errors, then warnings. */
export function explainedCodes(): Array<{ code: string; kind: 'error' | 'warning' }> {
  const codes: Array<{ code: string; kind: 'error' | 'warning' }> = [];
  for (const file of DOCS) {
    try {
      for (const m of readFileSync(new URL(file, packageRoot), 'utf8').matchAll(/^## ([A-Z][A-Z0-9_]+)$/gm)) {
        codes.push({ code: m[1]!, kind: file === 'docs/errors.md' ? 'error' : 'warning' });
      }
    } catch {
      // a docs file left out of the installation
    }
  }
  return codes;
}

/** The longest one-line meaning `kcna-parse explain` lists, in characters. */
const SUMMARY_WIDTH = 96;

/**
 * What a code means, in a line: the start of its "Meaning" paragraph up to the first colon, dash or
 * semicolon (outside code spans) that leaves a phrase of some length, else its first sentence; at
 * most SUMMARY_WIDTH characters, cut at a word. Plain text; undefined for an unknown code.
 */
export function summaryOf(code: string): string | undefined {
  const entry = explainCode(code);
  const m = entry && /\*\*Meaning\.\*\*\s*([\s\S]*?)(?:\n\n|$)/.exec(entry.text);
  if (!m) return undefined;
  const paragraph = m[1]!.replace(/\s+/g, ' ').trim();
  // Where a clause or sentence ends, in the Markdown (so that a colon inside `code` does not count).
  let end = paragraph.length;
  let inCode = false;
  for (let i = 0; i < paragraph.length; i++) {
    const char = paragraph[i]!;
    if (char === '`') inCode = !inCode;
    if (inCode) continue;
    const clause = (char === ':' || char === ';') && paragraph[i + 1] === ' ';
    const dash = char === '—';
    const sentence = char === '.' && /^ [A-Z(`]/.test(paragraph.slice(i + 1, i + 3)) && !/\b(?:e\.g|i\.e|etc)$/.test(paragraph.slice(0, i));
    if (sentence || ((clause || dash) && inline(paragraph.slice(0, i), PLAIN).length >= 20)) {
      end = i;
      break;
    }
  }
  const text = inline(paragraph.slice(0, end), PLAIN).replace(/[\s.]+$/, '');
  if (text.length <= SUMMARY_WIDTH) return text;
  return `${text.slice(0, text.lastIndexOf(' ', SUMMARY_WIDTH - 1))}…`;
}

/** How rendered text is styled: bold and code, or plain. */
export interface TextPaint {
  bold(text: string): string;
  code(text: string): string;
  dim(text: string): string;
}

const PLAIN: TextPaint = { bold: (t) => t, code: (t) => t, dim: (t) => t };

/**
 * A docs entry rendered for a terminal: **bold** in bold (or plain), `code` in its colour (or
 * plain), links as their text, code blocks indented by four spaces without their fences, and a
 * transcript's exit status `[1]` said in words.
 */
export function renderForTerminal(markdown: string, paint: TextPaint = PLAIN): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const opening = /^```(\w*)/.exec(line);
    if (fence === null && opening) {
      fence = opening[1] ?? '';
      continue;
    }
    if (fence !== null) {
      if (line.startsWith('```')) {
        fence = null;
        continue;
      }
      const status = fence === 'console' ? /^\[(\d+)\]$/.exec(line) : null;
      out.push(status ? `    ${paint.dim(`(exit status ${status[1]})`)}` : line === '' ? '' : `    ${line}`);
      continue;
    }
    const heading = /^#{1,6} (.*)$/.exec(line);
    out.push(heading ? paint.bold(inline(heading[1]!, paint)) : inline(line, paint));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * A link as text: a web address is shown after it, another page of the docs by its path (they ship
 * with the package), a section of these pages (another code) not at all.
 */
function link(text: string, target: string): string {
  if (/^https?:/.test(target)) return `${text} (${target})`;
  const file = target.replace(/#.*$/, '');
  if (file === '' || file === 'errors.md' || file === 'warnings.md') return text;
  const shown = `docs/${file}`;
  return text === file || text === `${file.replace(/\.md$/, '')}` ? shown : `${text} (${shown})`;
}

/** One line of Markdown text rendered: bold, code spans and links. */
function inline(line: string, paint: TextPaint): string {
  // Code spans are taken as they are; bold and links only outside them.
  return line
    .split(/(`[^`]+`)/)
    .map((part, i) =>
      i % 2 === 1
        ? paint.code(part.slice(1, -1))
        : part
            .replace(/\*\*([^*]+)\*\*/g, (_, text: string) => paint.bold(text))
            .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, text: string, target: string) => link(text, target)),
    )
    .join('');
}

/** The "What to do" paragraph of a code's entry, on one line, or undefined. */
export function hintFor(code: string): string | undefined {
  const entry = explainCode(code);
  const m = entry && /\*\*What to do\.\*\*\s*([\s\S]*?)(?:\n\n|$)/.exec(entry.text);
  return m?.[1]?.replace(/\s+/g, ' ').trim();
}
