/**
 * Reading the reference documents in docs/ the way the doc tests need: `## ` sections, and the
 * fenced code blocks whose info string carries a tag after the language (```` ```text input ````,
 * ```` ```json warnings ````). Untagged blocks are illustrations and are ignored.
 */
import { readFileSync } from 'node:fs';

export const ROOT = new URL('../../', import.meta.url);

export function readRepoFile(relative: string): string {
  return readFileSync(new URL(relative, ROOT), 'utf8');
}

export interface Block {
  /** The language, e.g. 'text' or 'json'. */
  lang: string;
  /** The tag after the language, e.g. 'input', 'warnings', 'options'. */
  tag: string;
  /** The block's lines, each followed by '\n' (so an input block is a file ending with a line ending). */
  content: string;
  /** 1-based line of the opening fence in the document, for messages. */
  line: number;
}

export interface Section {
  /** The heading text after '## '. */
  heading: string;
  /** 1-based line of the heading. */
  line: number;
  /** The section's text, up to the next '## ' heading. */
  body: string;
  blocks: Block[];
}

/** Every `## ` section, in order. Headings inside fenced blocks are not headings. */
export function sections(markdown: string): Section[] {
  const lines = markdown.split('\n');
  const result: Section[] = [];
  let current: { heading: string; line: number; start: number } | null = null;
  let inFence = false;
  const close = (end: number) => {
    if (current === null) return;
    const body = lines.slice(current.start, end).join('\n');
    result.push({ heading: current.heading, line: current.line, body, blocks: blocks(body, current.start) });
  };
  lines.forEach((text, index) => {
    if (text.trimStart().startsWith('```')) inFence = !inFence;
    if (inFence) return;
    const heading = /^## (.+)$/.exec(text);
    if (heading) {
      close(index);
      current = { heading: heading[1]!.trim(), line: index + 1, start: index + 1 };
    }
  });
  close(lines.length);
  return result;
}

/**
 * The tagged fenced blocks of a text, in order. A block may be indented (inside a list item); its
 * fence's indentation is removed from every line of its content.
 */
export function blocks(markdown: string, lineOffset = 0): Block[] {
  const found: Block[] = [];
  const lines = markdown.split('\n');
  const closing = (from: number, indent: string) => lines.findIndex((line, j) => j > from && line === `${indent}\`\`\``);
  for (let i = 0; i < lines.length; i++) {
    const fence = /^([ \t]*)```(.*)$/.exec(lines[i]!);
    if (!fence) continue;
    const indent = fence[1]!;
    const end = closing(i, indent);
    if (end < 0) throw new Error(`unclosed code block at line ${lineOffset + i + 1}`);
    const open = /^(\w+)[ \t]+([\w-]+)[ \t]*$/.exec(fence[2]!);
    if (open) {
      const body = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      found.push({ lang: open[1]!, tag: open[2]!, content: body.map((line) => `${line}\n`).join(''), line: lineOffset + i + 1 });
    }
    // Untagged blocks are skipped whole, so their contents are never read as fences.
    i = end;
  }
  return found;
}

/** The `## ` headings that look like codes (SCREAMING_SNAKE), in order. */
export function codeHeadings(markdown: string): string[] {
  return sections(markdown)
    .map((section) => section.heading)
    .filter((heading) => /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(heading));
}

/**
 * An input block's bytes. In `input-bytes` blocks, `\xNN` stands for the single byte 0xNN; every
 * other character is UTF-8.
 */
export function inputBytes(block: Block): Uint8Array {
  if (block.tag !== 'input-bytes') return new TextEncoder().encode(block.content);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let last = 0;
  for (const match of block.content.matchAll(/\\x([0-9A-Fa-f]{2})/g)) {
    bytes.push(...encoder.encode(block.content.slice(last, match.index)));
    bytes.push(Number.parseInt(match[1]!, 16));
    last = match.index + match[0].length;
  }
  bytes.push(...encoder.encode(block.content.slice(last)));
  return Uint8Array.from(bytes);
}
