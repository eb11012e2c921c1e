/**
 * Every ```console block of README.md and docs/ is run, and each command must print exactly what
 * the block shows (scripts/lib/transcripts.mjs has the rules; scripts/update-transcripts.mjs
 * rewrites the blocks after a change of output). So the README runs as written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBlocks, makeScratch, matches, runCommand, type Scratch } from '../../scripts/lib/transcripts.mjs';
import { ROOT } from '../cli/helpers.js';

const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)];
const blocks = files.flatMap((file) => findBlocks(readFileSync(path.join(ROOT, file), 'utf8')).map((block) => ({ file, block })));

describe('console transcripts', () => {
  it('the README has transcripts to run', () => {
    expect(blocks.filter(({ file }) => file === 'README.md').length).toBeGreaterThan(5);
  });

  describe.each(blocks.map(({ file, block }) => [`${file}:${block.start}`, block] as const))('%s', (_where, block) => {
    let scratch: Scratch | undefined;
    afterAll(() => scratch?.cleanup());
    it.each(block.commands.map((command) => [command.command, command] as const))('$ %s', (_command, { command, expected }) => {
      scratch ??= makeScratch(ROOT);
      const actual = runCommand(command, scratch);
      if (!matches(expected, actual)) expect(actual.join('\n')).toBe(expected.join('\n'));
    });
  });
});
