/**
 * Where output goes. Records are appended as strings and handed to the OS in batches of about
 * 64 KiB (fewer system calls), waiting for 'drain' when the reader is slower than the writer.
 *
 * Three kinds:
 * - a stream the caller owns (standard output), never ended here;
 * - an atomic file, written beside its target under a hidden temporary name and renamed over it
 *   only on commit(), so that readers never see a half-written file and a failed or interrupted
 *   run leaves the previous file untouched; a replaced file keeps its mode and owner;
 * - a file written straight through: a character device (/dev/null, a terminal), a named pipe, or
 *   /dev/stdout and its kin, which must not be replaced by a regular file.
 * openOutput() picks one for a path. Every failure is a KcnaError with code WRITE_ERROR and the
 * system error code in `errno`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, readdirSync, rmSync, unlinkSync, type WriteStream } from 'node:fs';
import { lstat, open, readlink, realpath, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { KcnaError } from '../errors.js';
import { ByteBuilder } from './bytes.js';

/**
 * A system error's own text without what Node wraps it in: "ENXIO: no such device or address,
 * open '/dev/tty'" gives 'no such device or address' (the code and the path are said elsewhere).
 */
function systemErrorText(message: string): string {
  return /^E[A-Z0-9]+: (.*?)(?:, [a-z]+ '.*')?$/s.exec(message)?.[1] ?? message;
}

const BATCH = 64 * 1024;

export interface Sink {
  /** Appends text, or bytes already encoded as UTF-8; they reach the destination by the next flush() at the latest. */
  write(piece: string | Uint8Array): void;
  /** Hands buffered text over; resolves once the destination can take more. */
  flush(): Promise<void>;
  /** Flushes only once a batch has built up. */
  maybeFlush(): Promise<void>;
  /** Flushes and makes the output final (for an atomic file: renames it into place). */
  commit(): Promise<void>;
  /** Drops the output (for an atomic file: removes the temporary file; the target stays as it was). */
  abort(): Promise<void>;
}

abstract class BufferedSink implements Sink {
  // Text is encoded into one buffer as it comes, instead of kept as strings and joined: measured
  // over 4,000 documents, joining and then encoding the batch cost more than parsing them.
  private readonly pending = new ByteBuilder(BATCH * 2);

  write(piece: string | Uint8Array): void {
    this.pending.append(piece);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    // The destination may keep the chunk until it is written: the next batch gets a new buffer,
    // back to the usual size after an outsized record.
    await this.send(this.pending.take());
  }

  async maybeFlush(): Promise<void> {
    if (this.pending.size >= BATCH) await this.flush();
  }

  protected abstract send(chunk: Buffer): Promise<void>;
  abstract commit(): Promise<void>;
  abstract abort(): Promise<void>;
}

/** Standard output (or any writable stream the caller owns: it is never ended here). */
export class StreamSink extends BufferedSink {
  private failure: KcnaError | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly name = 'standard output',
  ) {
    super();
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= writeError(this.name, error);
    });
  }

  protected async send(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    const ready = this.stream.write(chunk);
    if (!ready) await this.drained();
    if (this.failure) throw this.failure;
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  async commit(): Promise<void> {
    await this.flush();
    // Wait for what the stream still buffers, and for the error of a write that already failed: a
    // synchronous stream (a file or a device such as /dev/full) reports it on a later tick, after
    // it has emptied its buffer, so an empty buffer alone does not mean the output arrived.
    await new Promise<void>((resolve) => {
      if ((this.stream as Partial<WriteStream>).writableLength === 0) resolve();
      else this.stream.write('', () => resolve());
    });
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failure) throw this.failure;
  }

  async abort(): Promise<void> {
    // Nothing to take back from a stream.
  }
}

/** Writes every byte of a chunk to a file handle (a write may take fewer bytes than offered). */
async function writeAll(handle: FileHandle, chunk: Buffer, name: string): Promise<void> {
  try {
    for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
  } catch (error) {
    throw writeError(name, error as NodeJS.ErrnoException);
  }
}

/** A device, a named pipe or /dev/stdout: written straight, never replaced or truncated. */
export class WriteThroughSink extends BufferedSink {
  private constructor(
    readonly target: string,
    private readonly handle: FileHandle,
  ) {
    super();
  }

  static async open(target: string): Promise<WriteThroughSink> {
    try {
      // No O_CREAT, no O_TRUNC: a terminal, /dev/null or a pipe is written as it is; /dev/stdout
      // redirected to a file is appended to, as the shell set it up.
      return new WriteThroughSink(target, await open(target, constants.O_WRONLY | constants.O_APPEND));
    } catch (error) {
      throw writeError(target, error as NodeJS.ErrnoException);
    }
  }

  protected send(chunk: Buffer): Promise<void> {
    return writeAll(this.handle, chunk, this.target);
  }

  async commit(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close().catch(() => undefined);
    }
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/**
 * Temporary files not yet renamed into place, with their open descriptor (null when a library
 * holds the file open itself): removed synchronously if the process is interrupted or exits.
 */
const liveTemporaries = new Map<string, number | null>();

/**
 * What a library writing a temporary file itself may leave beside it: SQLite's rollback journal
 * (`X-journal`) and node-sqlite3-wasm's lock, a directory (`X.lock/`) made for each transaction.
 */
const DEBRIS_SUFFIXES = ['-journal', '.lock'];

/** Removes a temporary file and anything a library left beside it (synchronously). */
function removeTemporarySync(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
  for (const suffix of DEBRIS_SUFFIXES) rmSync(file + suffix, { recursive: true, force: true });
}

/** Removes every temporary output file; safe to call from a signal handler or at exit. */
export function removeTemporaryFiles(): void {
  for (const [file, fd] of liveTemporaries) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      removeTemporarySync(file);
    } catch {
      // not ours to remove
    }
  }
  liveTemporaries.clear();
}

/** The hidden name a temporary file for `target` gets: `.name.<pid>-<8 hex>.tmp`. */
function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Removes temporary files for `target` left by runs that were killed (SIGKILL, power loss): those
 * whose process id is no longer alive. Files of a live process, and anything else, are left alone.
 */
export function sweepStaleTemporaries(target: string): void {
  sweep(path.dirname(target), `.${path.basename(target)}.`);
}

/** The same for every output of a folder (one output per input): all its temporaries of dead runs. */
export function sweepStaleTemporariesIn(folder: string): void {
  sweep(folder, '.');
}

function sweep(folder: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    // A temporary file, or what a library left beside one (a journal, a lock directory).
    const m = /\.(\d{1,10})-[0-9a-f]{8}\.tmp(-journal|\.lock)?$/.exec(name.slice(prefix.length - 1));
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      rmSync(path.join(folder, name), { recursive: m[2] === '.lock', force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface AtomicOptions {
  /** fsync before the rename (for -o; skipped per file in one-output-per-input runs, for speed). */
  durable: boolean;
  /** Remove temporary files for this target left by killed runs. */
  sweep?: boolean;
}

export class AtomicFileSink extends BufferedSink {
  private constructor(
    readonly target: string,
    private readonly temporary: string,
    private readonly handle: FileHandle,
    private readonly durable: boolean,
  ) {
    super();
  }

  /**
   * Opens a temporary file beside `target` (which must not be a symbolic link: resolve it first).
   * When `target` exists, the temporary file takes its mode and, where permitted, its owner.
   */
  static async open(target: string, options: AtomicOptions): Promise<AtomicFileSink> {
    if (options.sweep) sweepStaleTemporaries(target);
    const temporary = temporaryName(target);
    let handle: FileHandle;
    try {
      handle = await open(temporary, 'wx', 0o666);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      // The folder exists (resolveOutput saw to it) but takes no new file: a kernel file of /proc
      // or /sys, which cannot be replaced. "No such directory" would send the user looking for one.
      if (failure.code === 'ENOENT' && (await stat(path.dirname(target)).catch(() => undefined))?.isDirectory()) {
        throw writeError(target, { code: failure.code, message: 'its folder takes no new files (a file of /proc or /sys?), so it cannot be replaced' }, true);
      }
      throw writeError(target, failure);
    }
    liveTemporaries.set(temporary, handle.fd);
    const sink = new AtomicFileSink(target, temporary, handle, options.durable);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile()) {
      try {
        await handle.chmod(existing.mode & 0o7777);
        await handle.chown(existing.uid, existing.gid).catch((error: NodeJS.ErrnoException) => {
          // Only root may give a file away; others keep what they can.
          if (error.code !== 'EPERM') throw error;
        });
      } catch (error) {
        await sink.abort();
        throw writeError(target, error as NodeJS.ErrnoException);
      }
    }
    return sink;
  }

  protected send(chunk: Buffer): Promise<void> {
    return writeAll(this.handle, chunk, this.target);
  }

  /** The temporary file's path. */
  get temporaryPath(): string {
    return this.temporary;
  }

  /**
   * Closes the temporary file, which stays in place, still removed on a signal (AtomicPath: a
   * library opens it by its path instead).
   */
  async releaseHandle(): Promise<void> {
    await this.handle.close();
    liveTemporaries.set(this.temporary, null);
  }

  async commit(): Promise<void> {
    try {
      await this.flush();
      if (this.durable) await this.handle.sync();
      await this.handle.close();
      await rename(this.temporary, this.target);
      liveTemporaries.delete(this.temporary);
    } catch (error) {
      await this.abort();
      throw error instanceof KcnaError ? error : writeError(this.target, error as NodeJS.ErrnoException);
    }
  }

  async abort(): Promise<void> {
    liveTemporaries.delete(this.temporary);
    await this.handle.close().catch(() => undefined);
    await unlink(this.temporary).catch(() => undefined);
  }
}

/**
 * A temporary path beside `target` for a library that writes a file itself (SQLite): made empty
 * here, with the mode a new file of this process gets or, when `target` exists, its mode and owner;
 * renamed over `target` by commit() once the library has closed it; removed, with the journal and
 * lock the library may have left beside it, by abort(), by a signal, and by the next run that
 * writes `target` if this one was killed outright.
 */
export class AtomicPath {
  private constructor(
    readonly target: string,
    /** Where the library writes. */
    readonly path: string,
  ) {}

  static async open(target: string): Promise<AtomicPath> {
    sweepStaleTemporaries(target);
    const sink = await AtomicFileSink.open(target, { durable: false });
    // The file exists now, empty, with its mode and owner: the library opens it by its path.
    await sink.releaseHandle();
    return new AtomicPath(target, sink.temporaryPath);
  }

  /** Renames the file the library closed over the target. @throws KcnaError WRITE_ERROR. */
  async commit(): Promise<void> {
    try {
      // Durable, as -o is: the library wrote without syncing.
      const handle = await open(this.path, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.path, this.target);
      liveTemporaries.delete(this.path);
    } catch (error) {
      await this.abort();
      throw writeError(this.target, error as NodeJS.ErrnoException);
    }
    // A journal or lock left after a clean close would be the library's bug; nothing of it may stay.
    await removeDebris(this.path);
  }

  /** Removes the temporary file and what the library left beside it. */
  async abort(): Promise<void> {
    liveTemporaries.delete(this.path);
    await unlink(this.path).catch(() => undefined);
    await removeDebris(this.path);
  }
}

async function removeDebris(file: string): Promise<void> {
  for (const suffix of DEBRIS_SUFFIXES) await rm(file + suffix, { recursive: true, force: true }).catch(() => undefined);
}

/** How a path given as an output will be written. */
export type OutputTarget =
  /** Standard output ('-'). */
  | { kind: 'stdout' }
  /** A regular file (new or existing), replaced atomically at `file` (symbolic links resolved). */
  | { kind: 'file'; file: string; exists: boolean }
  /** A device, a named pipe, or a name of an open file descriptor (/dev/stderr, /dev/fd/N): written straight at `file`. */
  | { kind: 'through'; file: string };

const STDOUT_NAMES = ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];
/** Names of a file descriptor the process already has open: written through, never replaced. */
const DESCRIPTOR_NAME = /^(?:\/dev\/(?:stdout|stderr|fd\/\d+)|\/proc\/(?:self|\d+)\/fd\/\d+)$/;

/**
 * Decides how to write `file` (resolved against `cwd`), before anything is converted, so that an
 * output that cannot be written fails the run up front: a directory, a missing folder.
 * @throws KcnaError WRITE_ERROR.
 */
export async function resolveOutput(file: string, cwd: string): Promise<OutputTarget> {
  const absolute = path.resolve(cwd, file);
  // Standard output by any of its names: it may be a socket, which cannot be opened by path.
  if (file === '-' || STDOUT_NAMES.includes(absolute)) return { kind: 'stdout' };
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT') throw writeError(absolute, info);
    // Missing: a new file, possibly behind a dangling symbolic link, whose folder must exist.
    const final = await followLinks(absolute);
    const folder = await stat(path.dirname(final)).catch((error: NodeJS.ErrnoException) => error);
    if (folder instanceof Error) throw writeError(final, folder);
    if (!folder.isDirectory()) throw writeError(final, { code: 'ENOTDIR', message: 'not a directory' });
    return { kind: 'file', file: path.join(await realpath(path.dirname(final)), path.basename(final)), exists: false };
  }
  if (info.isDirectory()) throw writeError(absolute, { code: 'EISDIR', message: 'is a directory' });
  const real = await realpath(absolute).catch(() => absolute);
  // A regular file elsewhere under /dev (a /dev/shm file) is replaced like any other.
  if (!info.isFile() || DESCRIPTOR_NAME.test(absolute)) return { kind: 'through', file: absolute };
  return { kind: 'file', file: real, exists: true };
}

/** Follows a chain of symbolic links to the path it ends at (which may not exist). */
async function followLinks(file: string): Promise<string> {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw writeError(file, { code: 'ELOOP', message: 'too many levels of symbolic links' });
}

/** Opens the sink for a resolved output. */
export async function openOutput(target: OutputTarget, stdout: NodeJS.WritableStream, options: AtomicOptions): Promise<Sink> {
  switch (target.kind) {
    case 'stdout':
      return new StreamSink(stdout);
    case 'through':
      return WriteThroughSink.open(target.file);
    case 'file':
      return AtomicFileSink.open(target.file, options);
  }
}

const ERRNO_TEXT: Record<string, string> = {
  EPIPE: 'the reading end of the pipe was closed',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is a running program',
  EINVAL: 'invalid argument (the file system refused the write)',
};

/**
 * A WRITE_ERROR worded for people: 'cannot write out.json: no space left on device (ENOSPC)'.
 * `worded`: the error's message is already for people, not the system's.
 */
export function writeError(name: string, error: { code?: string | undefined; message: string }, worded = false): KcnaError {
  let text = worded ? error.message : ((error.code && ERRNO_TEXT[error.code]) ?? systemErrorText(error.message));
  // Opening /dev/tty fails so when the process has no terminal (a cron job, a detached session).
  if (!worded && error.code === 'ENXIO' && name === '/dev/tty') text += ': the process has no terminal';
  return new KcnaError('WRITE_ERROR', `cannot write ${name}: ${text}${error.code ? ` (${error.code})` : ''}`, { path: name, errno: error.code ?? null, cause: error });
}
