/**
 * Running the CLI in this process, through run(argv, streams) from src/cli/program.ts, with
 * standard input, output and error held in memory: no child process, no build needed. For what
 * needs a real process (signals, FIFOs, /dev/full, a closed pipe) see helpers.ts.
 *
 *   const result = await runInProcess(['validate', 'out.csv'], { cwd: dir });
 *   expect(result.status).toBe(0);
 *   expect(result.stderr).toBe('validated 2 records in 1 file: 0 invalid\n');
 */
import { PassThrough, Readable, Writable } from 'node:stream';
import { run } from '../../src/cli/program.js';
import type { Streams } from '../../src/cli/streams.js';

export interface InProcessOptions {
  /** Working directory the command sees (paths are resolved against it). */
  cwd: string;
  /** Standard input: given bytes, or chunks as they would arrive; closed and empty when absent. */
  stdin?: string | Buffer | Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
  /** Environment; NO_COLOR=1 and KCNA_PARSE_TEST_ELAPSED=0.12 (the summary's time) are set unless overridden. */
  env?: Record<string, string>;
  /** Make every write to standard output fail with this system error code (e.g. 'EPIPE', 'ENOSPC'). */
  stdoutError?: string;
  /** Make every write to standard error fail with this system error code. */
  stderrError?: string;
  /** Whether standard error claims to be a terminal (colour, progress line). */
  stderrIsTTY?: boolean;
}

export interface InProcessResult {
  /** The exit status run() returned. */
  status: number;
  stdout: string;
  stderr: string;
  /** Standard output's exact bytes. */
  stdoutBytes: Buffer;
}

/** A writable stream that keeps what is written, or fails each write with a system error code. */
export function memoryWritable(failWith?: string): Writable & { bytes(): Buffer; isTTY?: boolean } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (failWith !== undefined) {
        callback(Object.assign(new Error(`write ${failWith}`), { code: failWith, errno: failWith, syscall: 'write' }));
        return;
      }
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) });
}

/** Standard input from bytes or chunks. */
export function memoryReadable(input: InProcessOptions['stdin']): NodeJS.ReadableStream {
  if (input === undefined) return Readable.from([]);
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const stream = new PassThrough();
    stream.end(input);
    return stream;
  }
  return Readable.from(input as Iterable<string | Buffer>);
}

/** Streams for run(), and what was written to them. */
export function memoryStreams(options: InProcessOptions): { streams: Streams; stdout: ReturnType<typeof memoryWritable>; stderr: ReturnType<typeof memoryWritable> } {
  const stdout = memoryWritable(options.stdoutError);
  const stderr = memoryWritable(options.stderrError);
  if (options.stderrIsTTY) stderr.isTTY = true;
  // A failed write also emits 'error'; the real process ignores those on its streams (main.ts).
  stdout.on('error', () => undefined);
  stderr.on('error', () => undefined);
  return {
    streams: { stdout, stderr, stdin: memoryReadable(options.stdin), env: { NO_COLOR: '1', KCNA_PARSE_TEST_ELAPSED: '0.12', ...options.env }, cwd: options.cwd },
    stdout,
    stderr,
  };
}

/** Runs `kcna-parse ARGS...` in this process and returns its exit status and output. */
export async function runInProcess(args: readonly string[], options: InProcessOptions): Promise<InProcessResult> {
  const { streams, stdout, stderr } = memoryStreams(options);
  const status = await run(args, streams);
  const stdoutBytes = stdout.bytes();
  return { status, stdout: stdoutBytes.toString('utf8'), stderr: stderr.bytes().toString('utf8'), stdoutBytes };
}
