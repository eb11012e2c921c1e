/**
 * Reading a file as a stream of chunks, for files too large to hold (an output being validated):
 * memory stays at one chunk whatever the size. Like readFileBounded (read.ts), the file is opened
 * read-only with O_NONBLOCK, so that a named pipe with no writer does not block the open, and
 * anything that is not a regular file is refused unread.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { fsPath } from './file-names.js';
import { KcnaError } from '../errors.js';
import { readError } from './inputs.js';

/** Bytes per read: large enough for few system calls, small enough to hold many of. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The bytes of a regular file, chunk by chunk; each chunk is a buffer of its own, never reused.
 * Throws KcnaError READ_ERROR (opening, a directory, not a regular file, a failed read).
 */
export async function* readFileChunks(file: string, display: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(fsPath(file), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw readError(display, error as NodeJS.ErrnoException);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new KcnaError('READ_ERROR', 'is a directory, not a file', { path: display });
    if (!info.isFile()) throw new KcnaError('READ_ERROR', 'is not a regular file', { path: display });
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      let read: number;
      try {
        ({ bytesRead: read } = await handle.read(buffer, 0, chunkBytes, null));
      } catch (error) {
        throw readError(display, error as NodeJS.ErrnoException);
      }
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
