/**
 * What docs/warnings.md and docs/errors.md say of each code, for the page: it carries the
 * explanation of every code it shows (it is self-contained, so it cannot link to the docs). The
 * docs are read from the installed package, as `kcna-parse explain` reads them, and their Markdown
 * is turned into HTML here: the few constructs these sections use (paragraphs, lists, fenced code,
 * code spans, bold, links). Every piece of text is escaped; a link becomes a link only when it
 * points to another code explained on the same page, and plain text otherwise.
 */
import { readFileSync } from 'node:fs';
import { packageRoot } from '../package-info.js';

const DOCS = ['docs/warnings.md', 'docs/errors.md'] as const;

/** One code's explanation: the docs file it comes from and its Markdown, split in two parts. */
export interface Explanation {
  code: string;
  file: string;
  /** The "Meaning" paragraph (or the first paragraph). */
  meaning: string;
  /** The "What to do" paragraph, if the entry has one. */
  whatToDo: string | null;
  /** Everything else of the entry (when it happens, examples). */
  rest: string;
}

const cache = new Map<string, string | null>();

function readDoc(file: string): string | null {
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(new URL(file, packageRoot), 'utf8'));
    } catch {
      // A docs file left out of an installation: the page says the explanation is missing.
      cache.set(file, null);
    }
  }
  return cache.get(file)!;
}

/** The explanation of `code`, or undefined when neither docs file has an entry for it. */
export function explanationOf(code: string): Explanation | undefined {
  for (const file of DOCS) {
    const doc = readDoc(file);
    if (doc === null) continue;
    const start = doc.indexOf(`\n## ${code}\n`);
    if (start < 0) continue;
    const body = doc.slice(start + code.length + 5);
    const end = body.search(/\n## /);
    const text = (end < 0 ? body : body.slice(0, end)).trim();
    const blocks = splitBlocks(text);
    const meaningAt = blocks.findIndex((block) => block.startsWith('**Meaning.**'));
    const whatAt = blocks.findIndex((block) => block.startsWith('**What to do.**'));
    const meaningIndex = meaningAt >= 0 ? meaningAt : 0;
    const meaning = blocks[meaningIndex] ?? '';
    const whatToDo = whatAt >= 0 ? blocks[whatAt]! : null;
    const rest = blocks.filter((_, i) => i !== meaningIndex && i !== whatAt).join('\n\n');
    return { code, file, meaning, whatToDo, rest };
  }
  return undefined;
}

/** Blocks of Markdown: runs of lines separated by blank lines, a fenced code block kept whole. */
function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fenced = false;
  const flush = () => {
    if (current.length > 0) blocks.push(current.join('\n'));
    current = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (!fenced) flush();
      current.push(line);
      fenced = !fenced;
      if (!fenced) flush();
      continue;
    }
    if (!fenced && line.trim() === '') {
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return blocks;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Markdown of an explanation as HTML. `anchorOf` gives the page's anchor for a code it explains
 * (undefined for the others, whose links become text).
 */
export function markdownToHtml(markdown: string, anchorOf: (code: string) => string | undefined): string {
  const out: string[] = [];
  for (const block of splitBlocks(markdown)) {
    if (block.startsWith('```')) {
      const lines = block.split('\n');
      const body = lines.slice(1, lines.at(-1)?.startsWith('```') && lines.length > 1 ? -1 : undefined);
      out.push(`<pre class="doc">${escape(body.join('\n'))}</pre>`);
    } else if (/^(?:[-*]|\d+\.) /.test(block)) {
      const ordered = /^\d+\. /.test(block);
      const items = block.split(/\n(?=(?:[-*]|\d+\.) )/).map((item) => `<li>${inline(item.replace(/^(?:[-*]|\d+\.) /, ''), anchorOf)}</li>`);
      out.push(`<${ordered ? 'ol' : 'ul'}>${items.join('')}</${ordered ? 'ol' : 'ul'}>`);
    } else {
      out.push(`<p>${inline(block, anchorOf)}</p>`);
    }
  }
  return out.join('\n');
}

/** Code spans, bold and links of one block, everything escaped. */
function inline(text: string, anchorOf: (code: string) => string | undefined): string {
  // Code spans first: nothing inside them is Markdown.
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return `<code>${escape(part.slice(1, -1))}</code>`;
      let html = '';
      let at = 0;
      for (const m of part.matchAll(/\[([^\]]+)\]\(([^)\s]*)\)/g)) {
        html += styled(part.slice(at, m.index));
        const code = /#([a-z0-9_]+)$/.exec(m[2]!)?.[1]?.toUpperCase();
        const anchor = code === undefined ? undefined : anchorOf(code);
        html += anchor === undefined ? styled(m[1]!) : `<a href="#${escape(anchor)}">${styled(m[1]!)}</a>`;
        at = m.index + m[0].length;
      }
      return html + styled(part.slice(at));
    })
    .join('')
    .replace(/\n/g, ' ');
}

function styled(text: string): string {
  return escape(text).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}
