/**
 * Exit statuses: the one place that maps errors and run outcomes to them. Documented in the README
 * and docs/guarantees.md.
 */
import type { KcnaError } from '../errors.js';

export const EXIT = {
  ok: 0,
  /** At least one input failed (or was invalid), or --strict and a warning occurred, or output failed. */
  failed: 1,
  /** The command line is wrong: nothing was converted. */
  usage: 2,
  /** 128 + SIGHUP: the terminal went away. */
  hangup: 129,
  /** 128 + SIGINT. */
  interrupted: 130,
  /** 128 + SIGQUIT. */
  quit: 131,
  /** 128 + SIGPIPE: the reader closed the pipe (e.g. `| head`); nothing is printed. */
  brokenPipe: 141,
  /** 128 + SIGTERM. */
  terminated: 143,
} as const;

/** The status for a signal that stops the run. */
export const SIGNAL_EXIT: Readonly<Record<'SIGHUP' | 'SIGINT' | 'SIGQUIT' | 'SIGTERM', number>> = {
  SIGHUP: EXIT.hangup,
  SIGINT: EXIT.interrupted,
  SIGQUIT: EXIT.quit,
  SIGTERM: EXIT.terminated,
};

/** The status a run ends with because of this error. */
export function exitStatusOf(error: Pick<KcnaError, 'kind' | 'errno'>): number {
  if (error.errno === 'EPIPE') return EXIT.brokenPipe;
  return error.kind === 'usage' ? EXIT.usage : EXIT.failed;
}

/** Whether an error is a closed pipe, which ends the run quietly. */
export function isBrokenPipe(error: Pick<KcnaError, 'errno'>): boolean {
  return error.errno === 'EPIPE';
}
