/**
 * Running the command line in this process, through the BUILT program's `run(argv, streams)`
 * (dist/cli/program.js, which `npm test` builds first), so that worker threads find their script.
 * The streams are those of tests/cli/in-process.ts, which runs the source instead (no build needed,
 * no worker threads). Tests that need a real process (signals, pipes, /dev/stdout, packaging) spawn
 * the binary (tests/cli/helpers.ts).
 */
import { run } from '../../dist/cli/program.js';
import { memoryStreams, type InProcessOptions as StreamOptions, type InProcessResult } from '../cli/in-process.js';

export type { InProcessResult };

export interface InProcessOptions extends Omit<StreamOptions, 'stderrIsTTY'> {
  /** Pretend that standard error (and standard output) are terminals. */
  tty?: { stderr?: boolean; stdout?: boolean };
}

/** Runs `kcna-parse ARGS` in this process and collects its output and exit status. */
export async function runInProcess(args: readonly string[], options: InProcessOptions): Promise<InProcessResult> {
  const { tty, ...rest } = options;
  const { streams, stdout, stderr } = memoryStreams({ ...rest, ...(tty?.stderr ? { stderrIsTTY: true } : {}) });
  if (tty?.stdout) stdout.isTTY = true;
  const status = await run(args, streams);
  const stdoutBytes = stdout.bytes();
  return { status, stdout: stdoutBytes.toString('utf8'), stderr: stderr.bytes().toString('utf8'), stdoutBytes };
}
