/**
 * The file-system side of one output per input (--out-dir): folders made one level at a time, every
 * output checked to land inside the output folder after symbolic links are resolved, and written
 * atomically. Which input goes where, and what collides, is decided by the caller.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import { fstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { KcnaError } from '../errors.js';
import { fsPath } from './file-names.js';
import { AtomicFileSink, sweepStaleTemporariesIn, writeError } from './sink.js';

/** A file's identity (device and inode), or null when it does not exist or cannot be seen. */
export function fileIdentity(file: string): string | null {
  try {
    const info = statSync(fsPath(file), { bigint: true });
    return `${info.dev}:${info.ino}`;
  } catch {
    return null;
  }
}

/**
 * The identity of the file standard input reads from, when it is a regular file (`< dump.txt`), or
 * null for a terminal, a pipe or a socket. A stream with a file descriptor (process.stdin) is asked
 * by fstat; a file stream (fs.createReadStream) by its path.
 */
export function streamIdentity(stream: unknown): string | null {
  const { fd, path: file } = (stream ?? {}) as { fd?: unknown; path?: unknown };
  try {
    if (typeof fd === 'number') {
      const info = fstatSync(fd, { bigint: true });
      return info.isFile() ? `${info.dev}:${info.ino}` : null;
    }
  } catch {
    return null;
  }
  return typeof file === 'string' ? fileIdentity(file) : null;
}

/**
 * `mkdir -p` with a bound: each missing level is made once, non-recursively. (Node's recursive
 * mkdir loops forever under /proc, where making a folder fails with ENOENT though its parent exists.)
 * @throws KcnaError WRITE_ERROR naming the folder that could not be made.
 */
export async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) throw writeError(current, { code: 'ENOTDIR', message: 'not a directory' });
      break;
    }
    if (info.code !== 'ENOENT') throw writeError(current, info);
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    await mkdir(missing[i]!).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw writeError(missing[i]!, error);
    });
  }
}

/**
 * A path with its symbolic links resolved, though it may not exist yet: the deepest part that exists
 * is resolved, and the missing rest (which cannot hold a link) is joined to it. Nothing is created.
 */
export async function canonicalPath(file: string): Promise<string> {
  let existing = path.resolve(file);
  const missing: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(file);
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** An output folder: outputs are written below it, and never anywhere else. */
export class OutputFolder {
  /** Folders whose temporaries of killed runs were already swept in this run. */
  private readonly swept = new Set<string>();

  private constructor(
    /** The folder as given, absolute. */
    readonly root: string,
    /** The folder with symbolic links resolved. */
    private readonly realRoot: string,
  ) {}

  /**
   * Makes the folder if needed.
   * @throws KcnaError WRITE_ERROR when it cannot be made or is not a folder.
   */
  static async create(root: string): Promise<OutputFolder> {
    await makeDirectories(root);
    return new OutputFolder(root, await realpath(root));
  }

  /** The absolute path of `relative` below the folder, or null when it would fall outside. */
  place(relative: string): string | null {
    const target = path.resolve(this.root, relative);
    const fromRoot = path.relative(this.root, target);
    if (fromRoot === '' || fromRoot.startsWith(`..${path.sep}`) || fromRoot === '..' || path.isAbsolute(fromRoot)) return null;
    return target;
  }

  /**
   * Where `target` (from place()) really is, symbolic links resolved, checked to lie inside the
   * output folder before anything is made: two targets that are one file resolve alike.
   * @throws KcnaError OUTPUT_CONFLICT when a symbolic link leads it outside the output folder.
   */
  async resolve(target: string): Promise<string> {
    const real = await canonicalPath(target);
    if (!real.startsWith(this.realRoot + path.sep)) {
      throw new KcnaError('OUTPUT_CONFLICT', `its output ${target} would be written outside the output folder, through a symbolic link to ${path.dirname(real)}`, { path: target });
    }
    return real;
  }

  /**
   * Writes `text` atomically at `real` (from resolve()), making its folders first.
   * @param protectedFiles identities (fileIdentity) of files that must never be replaced: the inputs.
   * @throws KcnaError OUTPUT_CONFLICT when the target is a protected file; WRITE_ERROR when writing fails.
   */
  async write(real: string, text: Iterable<string>, protectedFiles: ReadonlySet<string>): Promise<void> {
    const sink = await this.open(real, protectedFiles);
    try {
      for (const piece of text) sink.write(piece);
      await sink.commit();
    } catch (error) {
      await sink.abort();
      throw error;
    }
  }

  /**
   * Opens `real` (from resolve()) for writing piece by piece, atomically: nothing is at `real`
   * until the sink is committed. Its folders are made first.
   * @throws KcnaError OUTPUT_CONFLICT when the target is a protected file; WRITE_ERROR when it cannot be opened.
   */
  async open(real: string, protectedFiles: ReadonlySet<string>): Promise<AtomicFileSink> {
    const folder = path.dirname(real);
    await makeDirectories(folder);
    const identity = fileIdentity(real);
    if (identity !== null && protectedFiles.has(identity)) {
      throw new KcnaError('OUTPUT_CONFLICT', `its output ${real} would overwrite an input file`, { path: real });
    }
    if (!this.swept.has(folder)) {
      this.swept.add(folder);
      sweepStaleTemporariesIn(folder);
    }
    return AtomicFileSink.open(real, { durable: false });
  }
}
