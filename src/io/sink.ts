/**
 * Where output goes. Records are appended as strings and handed to the OS in batches of about
 * 64 KiB (fewer system calls), waiting for 'drain' when the reader is slower than the writer.
 *
 * Two kinds: standard output, and an atomic file written beside its target under a temporary name
 * and renamed over it only on commit(), so that readers never see a half-written file and a failed
 * or interrupted run leaves the previous file untouched.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, unlinkSync, type WriteStream } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const BATCH = 64 * 1024;

/** An error writing output: its message is ready to show ('cannot write to standard output: ...'). */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    message: string,
    /** The system error code, e.g. 'EPIPE' or 'ENOSPC'. */
    readonly errno: string | undefined,
  ) {
    super(message);
  }
}

export interface Sink {
  /** Appends text; it reaches the destination by the next flush() at the latest. */
  write(text: string): void;
  /** Hands buffered text over; resolves once the destination can take more. */
  flush(): Promise<void>;
  /** Flushes only once a batch has built up. */
  maybeFlush(): Promise<void>;
  /** Flushes and makes the output final (for a file: renames it into place). */
  commit(): Promise<void>;
  /** Drops the output (for a file: removes the temporary file; the target stays as it was). */
  abort(): Promise<void>;
}

abstract class BufferedSink implements Sink {
  // Text is encoded into one buffer as it comes, instead of kept as strings and joined: measured
  // over 4,000 documents, joining and then encoding the batch cost more than parsing them.
  private buffer = Buffer.allocUnsafe(BATCH * 2);
  private size = 0;

  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.size + text.length * 3 > this.buffer.length) {
      const needed = this.size + Buffer.byteLength(text);
      if (needed > this.buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
        this.buffer.copy(grown, 0, 0, this.size);
        this.buffer = grown;
      }
    }
    this.size += this.buffer.write(text, this.size);
  }

  get pending(): number {
    return this.size;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.buffer.subarray(0, this.size);
    // The destination may keep the chunk until it is written: the next batch gets a new buffer.
    this.buffer = Buffer.allocUnsafe(Math.max(BATCH * 2, this.buffer.length));
    this.size = 0;
    await this.send(chunk);
  }

  /** Flushes only once a batch has built up. */
  async maybeFlush(): Promise<void> {
    if (this.size >= BATCH) await this.flush();
  }

  protected abstract send(chunk: Buffer): Promise<void>;
  abstract commit(): Promise<void>;
  abstract abort(): Promise<void>;
}

/** Standard output (or any writable stream the caller owns: it is never ended here). */
export class StreamSink extends BufferedSink {
  private failure: OutputError | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly name = 'standard output',
  ) {
    super();
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= outputError(this.name, error);
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
    // Wait for what the stream still buffers, so that output errors are reported, not lost.
    await new Promise<void>((resolve) => {
      if ((this.stream as Partial<WriteStream>).writableLength === 0) resolve();
      else this.stream.write('', () => resolve());
    });
    if (this.failure) throw this.failure;
  }

  async abort(): Promise<void> {
    // Nothing to take back from a stream.
  }
}

/** Temporary files still open, removed synchronously if the process is interrupted. */
const liveTemporaries = new Map<string, number>();

/** Removes every temporary output file; safe to call from a signal handler. */
export function removeTemporaryFiles(): void {
  for (const [file, fd] of liveTemporaries) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  liveTemporaries.clear();
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
   * Opens a temporary file beside `target`.
   * @param durable fsync before the rename (for -o; skipped per file in --out-dir runs for speed).
   */
  static async open(target: string, durable: boolean): Promise<AtomicFileSink> {
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    let handle: FileHandle;
    try {
      handle = await open(temporary, 'wx', 0o666);
    } catch (error) {
      throw outputError(target, error as NodeJS.ErrnoException);
    }
    liveTemporaries.set(temporary, handle.fd);
    return new AtomicFileSink(target, temporary, handle, durable);
  }

  protected async send(chunk: Buffer): Promise<void> {
    try {
      // A write may take fewer bytes than offered: loop until the chunk is all on disk.
      for (let offset = 0; offset < chunk.length; ) offset += (await this.handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
    } catch (error) {
      throw outputError(this.target, error as NodeJS.ErrnoException);
    }
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
      throw error instanceof OutputError ? error : outputError(this.target, error as NodeJS.ErrnoException);
    }
  }

  async abort(): Promise<void> {
    liveTemporaries.delete(this.temporary);
    await this.handle.close().catch(() => undefined);
    await unlink(this.temporary).catch(() => undefined);
  }
}

const ERRNO_TEXT: Record<string, string> = {
  EPIPE: 'the reading end of the pipe was closed',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'no such directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EIO: 'input/output error',
};

export function outputError(name: string, error: NodeJS.ErrnoException): OutputError {
  const text = (error.code && ERRNO_TEXT[error.code]) ?? error.message;
  return new OutputError(`cannot write ${name}: ${text}${error.code ? ` (${error.code})` : ''}`, error.code);
}

