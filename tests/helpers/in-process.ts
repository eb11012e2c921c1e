/**
 * Running the command line in this process, through `run(argv, streams)`, with in-memory streams:
 * the same code as the binary (the built dist/, so that worker threads find their script), without
 * a process per test. Tests that need a real process (signals, pipes, /dev/stdout, packaging) spawn
 * the binary instead (tests/cli/helpers.ts).
 */
import { Readable, Writable } from 'node:stream';
import { run } from '../../dist/cli/program.js';

export interface InProcessResult {
  status: number;
  stdout: string;
  stderr: string;
  /** Standard output as bytes, for output that is not UTF-8 text. */
  stdoutBytes: Buffer;
}

export interface InProcessOptions {
  cwd: string;
  /** What standard input holds; empty when not given. */
  stdin?: string | Buffer;
  /** Environment of the run; NO_COLOR is set unless given. */
  env?: Record<string, string>;
  /** Pretend that standard error (and standard output) are terminals. */
  tty?: { stderr?: boolean; stdout?: boolean };
}

class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  isTTY?: boolean;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Runs `kcna-parse ARGS` in this process and collects its output and exit status. */
export async function runInProcess(args: readonly string[], options: InProcessOptions): Promise<InProcessResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  if (options.tty?.stdout) stdout.isTTY = true;
  if (options.tty?.stderr) stderr.isTTY = true;
  const input = options.stdin ?? '';
  const status = await run(args, {
    stdout,
    stderr,
    stdin: Readable.from([typeof input === 'string' ? Buffer.from(input) : input]),
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd,
  });
  const stdoutBytes = stdout.bytes();
  return { status, stdout: stdoutBytes.toString('utf8'), stderr: stderr.bytes().toString('utf8'), stdoutBytes };
}
