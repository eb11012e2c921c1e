/**
 * Issue 20, point 8 (set-up): the README's set-up works for a user who is not root, and the files
 * that the commands of the README and docs/ write, when tried in the clone, are ignored by git.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBlocks } from '../../scripts/lib/transcripts.mjs';
import { readRepoFile, ROOT } from './markdown.js';

const readme = readRepoFile('README.md');

/** The paths a shell command line writes, relative to where it runs: -o, --report, --out-dir, '>', mkdir, cp's target. */
function writtenPaths(command: string): string[] {
  const found: string[] = [];
  for (const part of command.split(/&&|;|\|/)) {
    const words = part.trim().split(/\s+/);
    for (let i = 0; i < words.length - 1; i++) {
      if (['-o', '--output', '--report', '--out-dir', '>'].includes(words[i]!)) found.push(words[i + 1]!);
    }
    if (words[0] === 'mkdir') found.push(...words.slice(1).filter((word) => !word.startsWith('-')));
    if (words[0] === 'cp') found.push(words.at(-1)!);
  }
  return found.filter((file) => file !== '-' && !file.startsWith('/dev/') && !file.startsWith('$'));
}

describe('set-up (issue 20, point 8)', () => {
  it('the README says how to link the command as a user who is not root, or to use npx instead', () => {
    const start = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Usage'));
    expect(start).toContain('npm config set prefix ~/.local');
    expect(start).toContain('export PATH="$HOME/.local/bin:$PATH"');
    expect(start).toContain('`npx kcna-parse`');
    expect(start).toContain('EACCES');
    expect(start).not.toMatch(/sudo npm/);
  });

  it('.gitignore covers every file the commands of the README and docs/ write', () => {
    const ignored = readRepoFile('.gitignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const files = ['README.md', ...readdirSync(new URL('docs/', ROOT)).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
    const written = new Set<string>();
    for (const file of files) {
      for (const block of findBlocks(readRepoFile(file))) for (const { command } of block.commands) for (const path of writtenPaths(command)) written.add(path);
    }
    // The examples' scripts say, in their usage, what they write.
    written.add('corpus.db');
    written.add('items.ndjson');
    expect([...written].sort()).toEqual(expect.arrayContaining(['dispatches.csv', 'out.ndjson', 'report.html', 'report.json']));
    // A path is ignored when its first part is, at the clone's root (as a file or as a folder).
    const uncovered = [...written].filter((path) => {
      const first = path.replace(/^\.\//, '').split('/')[0]!;
      return !ignored.includes(`/${first}`) && !ignored.includes(`/${first}/`);
    });
    expect(uncovered).toEqual([]);
  });

  it('finds what a command line writes', () => {
    expect(writtenPaths("kcna-parse 'a/*.txt' -o dispatches.csv")).toEqual(['dispatches.csv']);
    expect(writtenPaths('mkdir x y && cp a x/d.txt && kcna-parse x --out-dir out --report r.json')).toEqual(['x', 'y', 'x/d.txt', 'out', 'r.json']);
    expect(writtenPaths('kcna-parse a -f ndjson > /dev/full; echo "exit $?"')).toEqual([]);
  });
});
