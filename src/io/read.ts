/**
 * Reading one input, read-only and bounded: the size is checked from stat before anything is read,
 * so an oversized file is refused without being loaded into memory.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { KcnaError } from '../errors.js';
import { readError, type InputRef } from './inputs.js';

/** Default for --max-bytes: 16 MiB. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export async function readInput(input: InputRef, maxBytes: number, stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  if (input.absolute === null) return readStream(stdin, maxBytes, input.display);
  let handle;
  try {
    // Read-only; O_NONBLOCK so that opening a named pipe does not wait for a writer (it is refused
    // below as not a regular file, unread).
    handle = await open(input.absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw readError(input.display, error as NodeJS.ErrnoException);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new KcnaError('READ_ERROR', 'is a directory, not a file', { path: input.display });
    if (!info.isFile()) throw new KcnaError('READ_ERROR', 'is not a regular file', { path: input.display });
    if (info.size > maxBytes) throw tooLarge(input.display, info.size, maxBytes);
    const bytes = await handle.readFile();
    // The file may have grown between stat and read.
    if (bytes.byteLength > maxBytes) throw tooLarge(input.display, bytes.byteLength, maxBytes);
    return bytes;
  } catch (error) {
    if (error instanceof KcnaError) throw error;
    throw readError(input.display, error as NodeJS.ErrnoException);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number, display: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > maxBytes) throw tooLarge(display, size, maxBytes, true);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(display: string, size: number, maxBytes: number, streamed = false): KcnaError {
  // A stream is abandoned as soon as it passes the limit, so its full size is unknown.
  const what = streamed ? `is over ${maxBytes} bytes` : `is ${size} bytes, over the limit of ${maxBytes}`;
  return new KcnaError('FILE_TOO_LARGE', `${what} (raise the limit with --max-bytes)`, { path: display });
}
