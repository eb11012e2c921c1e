/**
 * Command-line inputs to a sequence of files: literal paths, directories (walked for the names of
 * captures: *.txt, and the saved web pages' *.html, *.htm, *.xhtml, *.kcmsf), glob
 * patterns, and '-' for standard input. Each argument's matches come in code-unit order of their
 * paths (not locale order), arguments keep their order, and a file named twice is kept once, where
 * first named.
 *
 * Directories are walked lazily, one folder at a time, so that a run over an archive of 100,000
 * dumps never holds the list of them all; glob patterns are matched up front by fast-glob (a
 * pattern that matches nothing must be a usage error before anything is written).
 *
 * Symbolic links to files are followed; symbolic links to directories are not descended into (as
 * with `find`), so a link loop cannot make the walk endless. Hidden files and folders (a name
 * starting with '.') are skipped, as by glob patterns. Folders that cannot be read are reported
 * and walked past.
 */
import { realpath, stat } from 'node:fs/promises';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { KcnaError, UsageError } from '../errors.js';
import { fsPath, readDirectory, readDirectorySync } from './file-names.js';
import type { ArchiveRecord } from '../schema/types.js';

/**
 * One input to convert: a file found from the arguments, standard input, or a record of a web
 * archive (a WARC or WACZ named by the arguments, read record by record: pipeline/archives.ts).
 * What kind it is decides how it is read; no other field stands for it.
 */
export type InputRef = FileInput | StdinInput | ArchiveRecordRef;

interface InputCommon {
  /** How the input is shown and recorded: as matched, '/'-separated; '-' for standard input. */
  display: string;
  /** Absolute directory the input was found under: --out-dir mirrors paths relative to it. */
  base: string;
}

/** A file named by a path, matched by a pattern or found by a folder walk. */
export interface FileInput extends InputCommon {
  kind: 'file';
  /** Absolute path. */
  absolute: string;
  /** Named by a literal path (not a pattern or a walk): its bytes, not only its name, tell a web archive. */
  named?: boolean;
}

/** Standard input ('-'). */
export interface StdinInput extends InputCommon {
  kind: 'stdin';
}

/** One record of a web archive: a page captured from the web, with where and when. */
export interface ArchiveRecordRef extends InputCommon {
  kind: 'archive-record';
  /** The archive: its display ('-' for standard input) and absolute path (null for standard input). */
  archive: { display: string; absolute: string | null; format: 'warc' | 'wacz' };
  /**
   * The record, as its WARC headers name it (source.archive of its documents, but the format, which
   * is the archive's), and how its payload is to be read.
   */
  record: Omit<ArchiveRecord, 'format'> & {
    /** The payload's media type (text/html, text/plain...), lower case. */
    contentType: string;
    /** The HTTP Content-Type's charset, as written, or null. */
    charset: string | null;
  };
}

/** An input that cannot be converted, found while expanding the arguments. */
export interface InputProblem {
  display: string;
  error: KcnaError;
  /** For a problem inside a web archive: where. */
  place?: ArchivePlace;
}

/** Where in a web archive a record (or the damage that ended its reading) lies. */
export interface ArchivePlace {
  /** The archive, as shown. */
  archive: string;
  /** The byte offset of the record (of the damage), as a CDX index gives it. */
  offset: number;
  /** For a WACZ, the WARC inside it; otherwise null. */
  member: string | null;
  recordId: string | null;
  targetUri: string | null;
}

/**
 * An expanded input: one to convert (with its bytes when they were read while expanding: a web
 * archive's record, standard input), or a problem found while expanding the arguments.
 */
export type Entry = { input: InputRef; bytes?: Uint8Array } | { problem: InputProblem };

/** Where an input lies in a web archive, for a record; otherwise undefined. */
export function placeOf(input: InputRef): ArchivePlace | undefined {
  if (input.kind !== 'archive-record') return undefined;
  const { record } = input;
  return { archive: input.archive.display, offset: record.offset, member: record.member, recordId: record.recordId, targetUri: record.targetUri };
}

export interface ExpandedInputs {
  /** Inputs and problems, in output order; directories are read as the sequence is consumed. */
  entries: AsyncIterable<Entry>;
  /** Whether the shape of the command line asks for one document (one file path or '-'). */
  single: boolean;
  /** The inputs known before the walk: literal paths, glob matches and '-' (what no output may overwrite). */
  listed: InputRef[];
  /** The folders to be walked, absolute: as named, and with symbolic links resolved. */
  folders: string[];
  /** How many entries there are, when no folder is walked (known before the run); else null. */
  total: number | null;
  /** Whether a folder walk takes a file of this name. */
  accepts: (name: string) => boolean;
  /**
   * Files the folder walks passed over because of their names (neither hidden nor taken), by
   * extension in lower case ('.pdf'; '' for none), in order of first sight. Filled as `entries`
   * is iterated: complete once it is done.
   */
  skipped: Map<string, number>;
  /**
   * Counts the entries ahead of the walk, a little at a time, for a progress line with a total:
   * null when the total is known up front (no folder to walk).
   */
  countAhead(): EntryCounter | null;
}

/**
 * Counts what the folder walks will yield without holding it: a stack of folders still to list,
 * listed a few at a time (`advance`) so that counting never holds up the run for long.
 */
export interface EntryCounter {
  /** Lists folders for about `budgetMs` milliseconds. */
  advance(budgetMs: number): void;
  /** The number of entries of the whole run, once every folder is listed; else null. */
  readonly total: number | null;
}

export { UsageError };

const GLOB_CHARACTERS = /[*?[\]{}()!+@]/;

type Source = { kind: 'entries'; entries: Entry[] } | { kind: 'directory'; arg: string; absolute: string };

export interface ExpandOptions {
  /**
   * The file name endings a directory walk yields, e.g. ['.json', '.csv'], compared without regard
   * to case; CAPTURE_EXTENSIONS when absent.
   */
  extensions?: readonly string[];
}

/**
 * What a folder walk takes as captures: text dumps, saved web pages and web archives (names
 * compared without case).
 */
export const CAPTURE_EXTENSIONS = ['.txt', '.html', '.htm', '.xhtml', '.kcmsf', '.warc', '.warc.gz', '.wacz'] as const;

/** The names of web archives among them. */
export const ARCHIVE_EXTENSIONS = ['.warc', '.warc.gz', '.wacz'] as const;

/** Whether a file's name is a web archive's (*.warc, *.warc.gz, *.wacz, any case). */
export function hasArchiveName(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** The name without the capture extension it ends with (any case), or unchanged: where --out-dir puts its output. */
export function withoutCaptureExtension(name: string): string {
  const lower = name.toLowerCase();
  const extension = CAPTURE_EXTENSIONS.find((candidate) => lower.endsWith(candidate));
  return extension === undefined ? name : name.slice(0, -extension.length);
}

/**
 * Resolves the arguments. Glob patterns are matched now (throwing UsageError for one that matches
 * nothing); directories are walked when `entries` is iterated.
 */
export async function expandInputs(args: readonly string[], cwd: string, options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const wanted = (options.extensions ?? CAPTURE_EXTENSIONS).map((extension) => extension.toLowerCase());
  const accepts = (name: string) => {
    const lower = name.toLowerCase();
    return wanted.some((extension) => lower.endsWith(extension));
  };
  const sources: Source[] = [];
  const listed: InputRef[] = [];
  const folders: string[] = [];
  let dynamic = false;

  for (const arg of args) {
    // '' would resolve to the working folder and walk it: almost always an unset shell variable.
    if (arg === '') throw new UsageError("an empty argument is not a file, folder or pattern (an unset shell variable?)");
    if (arg === '-') {
      const input: InputRef = { kind: 'stdin', display: '-', base: cwd };
      listed.push(input);
      sources.push({ kind: 'entries', entries: [{ input }] });
      continue;
    }
    const absolute = path.resolve(cwd, arg);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      dynamic = true;
      // The folder as named and as its links lead: outputs are checked against both.
      const real = await realpath(absolute).catch(() => absolute);
      folders.push(real);
      if (real !== absolute) folders.push(absolute);
      sources.push({ kind: 'directory', arg, absolute });
      continue;
    }
    // fast-glob takes tens of milliseconds to load: only a missing path with glob characters needs it.
    if (!info && GLOB_CHARACTERS.test(arg) && (await import('fast-glob')).default.isDynamicPattern(toPosix(arg))) {
      dynamic = true;
      const found = await matchGlob(arg, cwd, accepts);
      if (found.files.length === 0 && found.problems.length === 0) {
        throw new UsageError(`no files match the pattern '${arg}'`);
      }
      // Loops, not push(...found.files): spreading 100,000 matches into arguments overflows the stack.
      const entries: Entry[] = [];
      for (const problem of found.problems) entries.push({ problem });
      for (const input of found.files) {
        listed.push(input);
        entries.push({ input });
      }
      sources.push({ kind: 'entries', entries });
      continue;
    }
    // A literal path: missing or unreadable ones fail when read, as with `cat`.
    const input: InputRef = { kind: 'file', display: toPosix(arg), absolute, base: path.dirname(absolute), named: true };
    listed.push(input);
    sources.push({ kind: 'entries', entries: [{ input }] });
  }
  // Before the walk, a file named twice counts twice: an upper bound, exact in the usual case.
  let total: number | null = 0;
  for (const source of sources) total = source.kind === 'entries' && total !== null ? total + source.entries.length : null;
  const skipped = new Map<string, number>();
  return {
    entries: iterate(sources, cwd, accepts, skipped),
    single: !dynamic && args.length === 1,
    listed,
    folders,
    total,
    accepts,
    skipped,
    countAhead: () => (total !== null ? null : countEntries(sources, accepts)),
  };
}

function countEntries(sources: readonly Source[], accepts: (name: string) => boolean): EntryCounter {
  let counted = 0;
  const pending: string[] = [];
  // Folders are listed in reverse so that the stack pops them in walk order (not that it matters for a count).
  for (const source of [...sources].reverse()) {
    if (source.kind === 'entries') counted += source.entries.length;
    else pending.push(source.absolute);
  }
  return {
    get total() {
      return pending.length === 0 ? counted : null;
    },
    advance(budgetMs: number) {
      const until = performance.now() + budgetMs;
      while (pending.length > 0 && performance.now() < until) {
        const folder = pending.pop()!;
        let dirents: nodeFs.Dirent[];
        try {
          dirents = readDirectorySync(folder);
        } catch {
          counted++; // the walk reports it as one problem
          continue;
        }
        for (const dirent of dirents) {
          if (dirent.name.startsWith('.')) continue;
          if (dirent.isDirectory()) {
            if (accepts(dirent.name)) counted++; // a folder named like a capture: one problem
            pending.push(path.join(folder, dirent.name));
          } else if (accepts(dirent.name)) counted++;
        }
      }
    },
  };
}

async function* iterate(sources: readonly Source[], cwd: string, accepts: (name: string) => boolean, skipped: Map<string, number>): AsyncGenerator<Entry> {
  // With one source nothing can be named twice, so no set of every path is kept.
  const seen = sources.length > 1 ? new Set<string>() : null;
  for (const source of sources) {
    const entries = source.kind === 'entries' ? source.entries : walkDirectory(source.arg, source.absolute, cwd, accepts, skipped);
    for (const entry of entries) {
      if (seen && 'input' in entry) {
        const key = entry.input.kind === 'file' ? entry.input.absolute : '-';
        if (seen.has(key)) continue;
        seen.add(key);
      }
      yield entry;
    }
  }
}

/**
 * The captures (the files `accepts` takes) below a directory, depth first, each folder's entries
 * in code-unit order of their names with '/' after folder names: the same order as sorting the
 * full paths.
 */
function* walkDirectory(arg: string, root: string, cwd: string, accepts: (name: string) => boolean, skipped: Map<string, number>): Generator<Entry> {
  const trimmed = toPosix(arg).replace(/\/+$/, '');
  // 'archive/' shows its files as 'archive/x.txt', '.' as 'x.txt', '/' as '/x.txt'.
  const prefix = trimmed === '.' ? '' : trimmed;
  function* visit(absolute: string, display: string): Generator<Entry> {
    let dirents: nodeFs.Dirent[];
    try {
      // Names that are not valid UTF-8 are kept as their bytes (file-names.ts), so the file opens.
      dirents = readDirectorySync(absolute);
    } catch (error) {
      const shown = display || toPosix(path.relative(cwd, absolute)) || '.';
      yield { problem: { display: shown, error: readError(shown, error as NodeJS.ErrnoException) } };
      return;
    }
    const named = dirents
      .filter((dirent) => !dirent.name.startsWith('.'))
      .map((dirent) => ({ dirent, key: dirent.isDirectory() ? `${dirent.name}/` : dirent.name }))
      .sort((a, b) => compareCodeUnits(a.key, b.key));
    for (const { dirent } of named) {
      const childAbsolute = path.join(absolute, dirent.name);
      const childDisplay = display === '' && trimmed === '.' ? dirent.name : `${display}/${dirent.name}`;
      if (dirent.isDirectory()) {
        if (accepts(dirent.name)) {
          yield { problem: { display: childDisplay, error: new KcnaError('READ_ERROR', 'is a directory, not a file', { path: childDisplay }) } };
        }
        yield* visit(childAbsolute, childDisplay);
      } else if (accepts(dirent.name)) {
        // Files, links (to files, to folders, or dangling) and anything else named as a capture: reading
        // tells them apart, and reports what is not a regular file.
        yield { input: { kind: 'file', display: childDisplay, absolute: childAbsolute, base: root } };
      } else if (dirent.isFile()) {
        // Counted, so that a run can say what it passed over (a folder of PDFs converts nothing).
        const extension = path.extname(dirent.name).toLowerCase();
        skipped.set(extension, (skipped.get(extension) ?? 0) + 1);
      }
    }
  }
  yield* visit(root, prefix);
}

interface GlobResult {
  files: InputRef[];
  problems: InputProblem[];
}

async function matchGlob(pattern: string, cwd: string, accepts: (name: string) => boolean): Promise<GlobResult> {
  const fg = (await import('fast-glob')).default;
  // A brace pattern ('{a,b}/x.txt') has one task per branch, each with its own base: outputs are
  // placed relative to the folder they all share, so that the branches stay apart.
  const base = commonFolder(fg.generateTasks([toPosix(pattern)]).map((task) => path.resolve(cwd, task.base)), cwd);
  const problems: InputProblem[] = [];
  // Unreadable directories are recorded and walked past, instead of failing the whole walk.
  // Names that are not valid UTF-8 are kept as their bytes (file-names.ts): fast-glob matches the
  // names this gives it, and the files it returns open.
  const readdir = ((dir: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: nodeFs.Dirent[]) => void) => {
    readDirectory(dir, (error, found) => {
      if (error && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') {
        const display = toPosix(path.relative(cwd, dir)) || '.';
        problems.push({ display, error: readError(display, error) });
        callback(null, []);
      } else if (error) callback(null, []); // a pattern's missing folder simply matches nothing
      else callback(null, found);
    });
  }) as unknown as typeof nodeFs.readdir;

  const matches = await fg(toPosix(pattern), {
    cwd,
    dot: false,
    onlyFiles: false,
    markDirectories: true,
    followSymbolicLinks: false,
    unique: true,
    fs: {
      readdir,
      lstat: ((file: string, callback: never) => nodeFs.lstat(fsPath(file), callback)) as unknown as typeof nodeFs.lstat,
      stat: ((file: string, callback: never) => nodeFs.stat(fsPath(file), callback)) as unknown as typeof nodeFs.stat,
    },
  });
  const files: InputRef[] = [];
  for (const match of matches.sort(compareCodeUnits)) {
    if (match.endsWith('/')) {
      // A directory the pattern matched: only one named like an input (x.txt/) is worth a report.
      const display = match.replace(/\/$/, '');
      if (accepts(display)) problems.push({ display, error: new KcnaError('READ_ERROR', 'is a directory, not a file', { path: display }) });
      continue;
    }
    files.push({ kind: 'file', display: match, absolute: path.resolve(cwd, match), base });
  }
  return { files, problems };
}

/** The deepest folder that holds every one of `folders` (`fallback` when there are none). */
function commonFolder(folders: readonly string[], fallback: string): string {
  let common: string | undefined;
  for (const folder of folders) {
    if (common === undefined) {
      common = folder;
      continue;
    }
    while (common !== folder && !folder.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) {
      const parent = path.dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common ?? fallback;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EBUSY: 'the file is busy',
  EAGAIN: 'the file would block (a device or pipe with nothing to read)',
  EINVAL: 'invalid argument (the file system refused the read)',
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
  const text = ERRNO_TEXT[code] ?? systemErrorText(error.message);
  // Node decodes command-line arguments as UTF-8, each invalid byte as U+FFFD: a name that is not
  // valid UTF-8, expanded by the shell, no longer names its file. A folder walk or a quoted glob
  // reads the names as bytes (file-names.ts).
  const why = code === 'ENOENT' && display.includes('�') ? '; a name that is not valid UTF-8 cannot be given as an argument: name its folder, or a quoted glob pattern, instead' : '';
  return new KcnaError('READ_ERROR', `cannot read: ${text} (${code})${why}`, { path: display, cause: error });
}

/**
 * A system error's own text without what Node wraps it in: "ENXIO: no such device or address,
 * open '/dev/tty'" gives 'no such device or address' (the code and the path are said elsewhere).
 */
function systemErrorText(message: string): string {
  return /^E[A-Z0-9]+: (.*?)(?:, [a-z]+ '.*')?$/s.exec(message)?.[1] ?? message;
}
