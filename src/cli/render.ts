/**
 * Diagnostics on standard error, one per line: `path:line: warning CODE message` and
 * `path: error CODE message`. Colour only on a terminal and never under NO_COLOR; chalk is loaded
 * only then. A progress line is drawn on a terminal during long runs and erased before other output.
 *
 * File names and messages come from outside (a name may hold a line break or an escape sequence,
 * a message may quote an input line): every one is escaped before it is printed, so that no input
 * can draw on the terminal or plant a line that looks like a diagnostic.
 */
import type { Warning } from '../schema/types.js';
import type { Streams } from './streams.js';

interface Paint {
  path(text: string): string;
  warning(text: string): string;
  error(text: string): string;
  dim(text: string): string;
}

/** What the command line adds to an input's error: the option that changes the outcome. */
const INPUT_HINTS: Readonly<Record<string, string>> = {
  FILE_TOO_LARGE: 'raise the limit with --max-bytes',
};

const plain: Paint = { path: (t) => t, warning: (t) => t, error: (t) => t, dim: (t) => t };

export interface ReporterOptions {
  quiet: boolean;
}

export class Reporter {
  private progressShown = false;
  /** The first draw waits a second: short runs get no progress line at all. */
  private lastProgress = Date.now() + 900;

  private constructor(
    private readonly stderr: Streams['stderr'],
    private readonly paint: Paint,
    private readonly quiet: boolean,
    private readonly tty: boolean,
  ) {}

  static async create(streams: Streams, options: ReporterOptions): Promise<Reporter> {
    const tty = streams.stderr.isTTY === true;
    const noColor = streams.env['NO_COLOR'] !== undefined && streams.env['NO_COLOR'] !== '';
    let paint = plain;
    if (tty && !noColor) {
      const { Chalk } = await import('chalk');
      const chalk = new Chalk({ level: 1 });
      paint = { path: chalk.bold, warning: chalk.yellow, error: chalk.red, dim: chalk.dim };
    }
    return new Reporter(streams.stderr, paint, options.quiet, tty);
  }

  warning(display: string, warning: Warning): void {
    if (this.quiet) return;
    const where = warning.line === null ? escapeForTerminal(display) : `${escapeForTerminal(display)}:${warning.line}`;
    this.line(`${this.paint.path(where)}: ${this.paint.warning('warning')} ${warning.code} ${escapeForTerminal(warning.message)}`);
  }

  /** An error about one input: shown even with --quiet. */
  error(display: string, code: string, message: string): void {
    const hint = INPUT_HINTS[code];
    this.line(`${this.paint.path(escapeForTerminal(display))}: ${this.paint.error('error')} ${code} ${escapeForTerminal(message)}${hint ? ` (${hint})` : ''}`);
  }

  /** An error about the whole run: shown even with --quiet. */
  fatal(message: string): void {
    this.line(`kcna-parse: ${this.paint.error('error')}: ${escapeForTerminal(message)}`);
  }

  info(text: string): void {
    if (!this.quiet) this.line(text);
  }

  /**
   * Redraws the progress line, at most ten times a second, on a terminal only. The total is not
   * known in advance (folders are walked as the run goes), so it counts the files done.
   */
  progress(done: number): void {
    if (this.quiet || !this.tty) return;
    const now = Date.now();
    if (now - this.lastProgress < 100) return;
    this.lastProgress = now;
    this.stderr.write(`\r\x1b[2K${this.paint.dim(`converting: ${done} files done`)}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (this.progressShown) this.stderr.write('\r\x1b[2K');
    this.progressShown = false;
  }

  private line(text: string): void {
    this.clearProgress();
    this.stderr.write(`${text}\n`);
  }
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * Text made safe for one terminal line, as ls -b and ripgrep print odd file names: control
 * characters (C0, DEL, C1), line and paragraph separators and bidirectional controls become
 * escapes such as \n, \x1b or \u{202e}, and a backslash is doubled so that the escapes stay
 * unambiguous. Text without any of them is returned as it is.
 */
export function escapeForTerminal(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (char) => {
    const known = ESCAPES[char];
    if (known !== undefined) return known;
    const code = char.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

const UNSAFE_SOURCE = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\\\]';
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');
