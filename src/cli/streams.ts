/** What a command touches of the process, passed in so that commands can run in tests. */
export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit statuses, documented in the README. */
export const EXIT = {
  ok: 0,
  /** At least one input failed (or was invalid), or --strict and a warning occurred, or output failed. */
  failed: 1,
  usage: 2,
  /** 128 + SIGPIPE: the reader closed the pipe (e.g. `| head`); nothing is printed. */
  brokenPipe: 141,
  /** 128 + SIGINT. */
  interrupted: 130,
  /** 128 + SIGTERM. */
  terminated: 143,
} as const;
