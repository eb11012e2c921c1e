/**
 * The process entry: runs the command with the real streams, turns signals and stray exceptions
 * into clean exits, and sets the exit status once. Nothing here is imported by the library.
 */
import { removeTemporaryFiles } from '../io/sink.js';
import { EXIT, SIGNAL_EXIT } from './exit.js';
import { run } from './program.js';

export async function main(): Promise<void> {
  // A closed stderr must not crash the run; a closed stdout is handled where output is written.
  process.stderr.on('error', () => undefined);
  process.stdout.on('error', () => undefined);
  const stop = (status: number) => () => {
    // Leave no temporary output behind; a previous -o file stays as it was.
    removeTemporaryFiles();
    process.exit(status);
  };
  for (const [signal, status] of Object.entries(SIGNAL_EXIT)) process.once(signal, stop(status));
  // However the process ends (a worker's failure, an exit from a library), no temporary file stays.
  process.once('exit', removeTemporaryFiles);
  try {
    process.exitCode = await run(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      // Set up only when read: a run that does not read standard input skips a few milliseconds.
      get stdin() {
        return process.stdin;
      },
      env: process.env,
      cwd: process.cwd(),
    });
  } catch (error) {
    removeTemporaryFiles();
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`kcna-parse: internal error: ${detail}\nThis is a bug; please report it with the command line and input.\n`);
    if (process.env['KCNA_PARSE_DEBUG']) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = EXIT.failed;
  }
}
