/**
 * Console transcripts in Markdown, run as cram and trycmd run theirs. A ```console block holds
 * commands (`$ ...`) each followed by the output it prints, standard output and standard error as
 * a terminal shows them, and `[N]` when it exits with status N (nothing when 0). A line `...`
 * stands for any number of lines. Blocks tagged otherwise (```sh for instructions, ``` for
 * illustrations) are not run.
 *
 * Each block runs with bash (pipefail) in a fresh scratch folder holding a copy of the repository's
 * examples/ and fixtures/, with `kcna-parse` on PATH as the built binary, NO_COLOR set, the
 * summary's elapsed time fixed (KCNA_PARSE_TEST_ELAPSED) and the scratch folder's path shown as
 * ~/kcna-parse. Commands of one block share the folder.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the scratch folder's path is shown as. */
export const SHOWN_CWD = '~/kcna-parse';

/** The ```console blocks of a Markdown text, with their commands and expected output. */
export function findBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```console') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    const commands = [];
    for (const line of lines.slice(start, end)) {
      if (line.startsWith('$ ')) commands.push({ command: line.slice(2), expected: [] });
      else if (commands.length > 0) commands.at(-1).expected.push(line);
      else throw new Error(`line ${start + 1}: a console block must start with a command ('$ ...')`);
    }
    blocks.push({ start, end, commands });
    i = end;
  }
  return blocks;
}

/** A scratch folder with examples/, fixtures/ and a kcna-parse command; removed by cleanup(). */
export function makeScratch(root) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kcna-parse-transcript-'));
  for (const folder of ['examples', 'fixtures']) cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
  const bin = path.join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'kcna-parse'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'bin/kcna-parse.js')}" "$@"\n`);
  chmodSync(path.join(bin, 'kcna-parse'), 0o755);
  return { dir, bin, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one command in the scratch folder; returns its output lines as a transcript shows them. */
export function runCommand(command, scratch) {
  // Braces, so that every part of a pipeline or list writes its standard error into the transcript.
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', `{ ${command}\n} 2>&1`], {
    cwd: scratch.dir,
    // KCNA_PARSE_TEST_ELAPSED: the run's summary gives this time, not the one measured, so that it reads the same on every machine.
    env: { PATH: `${scratch.bin}:${process.env.PATH}`, NO_COLOR: '1', KCNA_PARSE_TEST_ELAPSED: '0.12', HOME: scratch.dir, LC_ALL: 'C.UTF-8', COLUMNS: '100' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  let output = result.stdout.split(scratch.dir).join(SHOWN_CWD);
  if (output.endsWith('\n')) output = output.slice(0, -1);
  const lines = output === '' ? [] : output.split('\n');
  if (result.status !== 0) lines.push(`[${result.status}]`);
  return lines;
}

/** Whether output lines match the expected ones, where a line '...' matches any number of lines. */
export function matches(expected, actual) {
  const at = (e, a) => {
    if (e === expected.length) return a === actual.length;
    if (expected[e] === '...') {
      for (let k = a; k <= actual.length; k++) if (at(e + 1, k)) return true;
      return false;
    }
    return a < actual.length && expected[e] === actual[a] && at(e + 1, a + 1);
  };
  return at(0, 0);
}
