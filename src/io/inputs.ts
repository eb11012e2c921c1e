/**
 * Command-line inputs to a list of files: literal paths, directories (walked for *.txt), glob
 * patterns, and '-' for standard input. Each argument's matches are sorted (by code unit, not
 * locale) and arguments keep their order; a file named twice is kept once, where first named.
 *
 * Symbolic links to files are followed; symbolic links to directories are not descended into (as
 * with `find`), so a link loop cannot make the walk endless. Directories that cannot be read are
 * reported and skipped.
 */
import { stat } from 'node:fs/promises';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { KcnaError } from '../errors.js';

/** One input to convert: a file found from the arguments, or standard input. */
export interface InputRef {
  /** How the input is shown and recorded: as matched, '/'-separated; '-' for standard input. */
  display: string;
  /** Absolute path, or null for standard input. */
  absolute: string | null;
  /** Absolute directory the input was found under: --out-dir mirrors paths relative to it. */
  base: string;
}

/** An input that cannot be converted, found while expanding the arguments. */
export interface InputProblem {
  display: string;
  error: KcnaError;
}

export interface ExpandedInputs {
  /** Inputs and problems, in output order. */
  entries: Array<{ input: InputRef } | { problem: InputProblem }>;
  /** Whether the shape of the command line asks for one document (one file path or '-'). */
  single: boolean;
}

/** A command-line mistake: exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const GLOB_CHARACTERS = /[*?[\]{}()!+@]/;

const STDIN: InputRef = { display: '-', absolute: null, base: '' };

export async function expandInputs(args: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const entries: ExpandedInputs['entries'] = [];
  const seen = new Set<string>();
  const add = (input: InputRef) => {
    const key = input.absolute ?? '-';
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ input });
  };
  let dynamic = false;

  for (const arg of args) {
    if (arg === '-') {
      add({ ...STDIN, base: cwd });
      continue;
    }
    const absolute = path.resolve(cwd, arg);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      dynamic = true;
      const found = await walk(arg, cwd, true);
      for (const problem of found.problems) entries.push({ problem });
      for (const file of found.files) add(file);
      continue;
    }
    // fast-glob takes tens of milliseconds to load: only a missing path with glob characters needs it.
    if (!info && GLOB_CHARACTERS.test(arg) && (await import('fast-glob')).default.isDynamicPattern(toPosix(arg))) {
      dynamic = true;
      const found = await walk(arg, cwd, false);
      if (found.files.length === 0 && found.problems.length === 0) {
        throw new UsageError(`no files match the pattern '${arg}'`);
      }
      for (const problem of found.problems) entries.push({ problem });
      for (const file of found.files) add(file);
      continue;
    }
    // A literal path: missing or unreadable ones fail when read, as with `cat`.
    add({ display: toPosix(arg), absolute, base: path.dirname(absolute) });
  }
  return { entries, single: !dynamic && args.length === 1 };
}

interface WalkResult {
  files: InputRef[];
  problems: InputProblem[];
}

async function walk(arg: string, cwd: string, isDirectory: boolean): Promise<WalkResult> {
  const fg = (await import('fast-glob')).default;
  const posixArg = toPosix(arg);
  const pattern = isDirectory ? `${fg.escapePath(posixArg.replace(/\/+$/, ''))}/**/*.txt` : posixArg;
  const base = path.resolve(cwd, isDirectory ? arg : fg.generateTasks([pattern])[0]?.base ?? '.');
  const problems: InputProblem[] = [];
  // Unreadable directories are recorded and walked past, instead of failing the whole walk.
  const readdir = ((dir: string, options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: nodeFs.Dirent[]) => void) => {
    nodeFs.readdir(dir, options as { withFileTypes: true }, (error, found) => {
      if (error && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') {
        const display = toPosix(path.relative(cwd, dir)) || '.';
        problems.push({ display, error: readError(display, error) });
        callback(null, []);
      } else if (error) callback(null, []); // a pattern's missing folder simply matches nothing
      else callback(null, found);
    });
  }) as unknown as typeof nodeFs.readdir;

  const matches = await fg(pattern, {
    cwd,
    dot: false,
    onlyFiles: false,
    markDirectories: true,
    followSymbolicLinks: false,
    unique: true,
    fs: { readdir },
  });
  const files: InputRef[] = [];
  for (const match of matches.sort(compareCodeUnits)) {
    if (match.endsWith('/')) {
      // A directory the pattern matched: only one named like an input (x.txt/) is worth a report.
      const display = match.replace(/\/$/, '');
      if (display.endsWith('.txt')) problems.push({ display, error: new KcnaError('READ_ERROR', 'is a directory, not a file', { path: display }) });
      continue;
    }
    files.push({ display: match, absolute: path.resolve(cwd, match), base });
  }
  return { files, problems };
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ELOOP: 'too many levels of symbolic links (a link loop?)',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A READ_ERROR for a failed file-system call, worded for people: 'no such file or directory (ENOENT)'. */
export function readError(display: string, error: NodeJS.ErrnoException): KcnaError {
  const code = error.code ?? 'EUNKNOWN';
  const text = ERRNO_TEXT[code] ?? error.message;
  return new KcnaError('READ_ERROR', `cannot read: ${text} (${code})`, { path: display, cause: error });
}
