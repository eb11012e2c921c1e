#!/usr/bin/env node
/**
 * Re-runs every ```console block of README.md and docs/*.md and writes what each command printed
 * back into the file (as `cram -i` does): after a change of output, run it (after `npm run build`),
 * then read the diff — every changed line is a claim the docs now make.
 *
 *   node scripts/update-transcripts.mjs [files...]
 *
 * Lines `...` in a block are kept where they still match; tests/docs/transcripts.test.ts checks
 * that the files agree with the program.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBlocks, makeScratch, matches, runCommand } from './lib/transcripts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

for (const file of files) {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks = findBlocks(lines.join('\n'));
  if (blocks.length === 0) continue;
  // From the last block up, so that earlier line numbers stay right.
  for (const block of blocks.reverse()) {
    const scratch = makeScratch(ROOT);
    const body = [];
    try {
      for (const { command, expected } of block.commands) {
        const actual = runCommand(command, scratch);
        body.push(`$ ${command}`, ...(matches(expected, actual) ? expected : actual));
      }
    } finally {
      scratch.cleanup();
    }
    lines.splice(block.start, block.end - block.start, ...body);
  }
  writeFileSync(path.join(ROOT, file), lines.join('\n'));
  process.stderr.write(`${file}: ${blocks.length} block(s)\n`);
}
