/**
 * Diagnostics on standard error, one per line: `path:line: warning CODE message` and
 * `path: error CODE message`. Colour follows --color (auto: on a terminal, unless NO_COLOR is set;
 * FORCE_COLOR turns it on anywhere); chalk is loaded only then. A progress line is drawn on a
 * terminal during long runs, when standard output is not writing to it, and erased before other
 * output.
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

export type ColorMode = 'auto' | 'always' | 'never';
export const COLOR_MODES: readonly ColorMode[] = ['auto', 'always', 'never'];

/** Which warnings are printed: each one, only the counts in the summary, or none. */
export type WarningsMode = 'all' | 'summary' | 'none';
export const WARNINGS_MODES: readonly WarningsMode[] = ['all', 'summary', 'none'];

/**
 * Whether to colour a stream: --color always/never decide; otherwise FORCE_COLOR (any value but
 * 0 or false) turns colour on, NO_COLOR (any non-empty value) turns it off, and a terminal has it.
 */
export function colorEnabled(mode: ColorMode, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (mode !== 'auto') return mode === 'always';
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}

export interface ReporterOptions {
  /** Print errors only. */
  quiet: boolean;
  /** How warnings are printed (with quiet: none). */
  warnings?: WarningsMode;
  color?: ColorMode;
  /** Whether the records go to standard output: then no progress line is drawn on its terminal. */
  stdoutCarriesOutput?: boolean;
}

export class Reporter {
  private progressShown = false;
  private readonly started = Date.now();
  /** The first draw waits a second: short runs get no progress line at all. */
  private lastProgress = Date.now() + 900;

  private constructor(
    private readonly stderr: Streams['stderr'],
    private readonly paint: Paint,
    private readonly quiet: boolean,
    private readonly warnings: WarningsMode,
    private readonly progressAllowed: boolean,
  ) {}

  static async create(streams: Streams, options: ReporterOptions): Promise<Reporter> {
    let paint = plain;
    if (colorEnabled(options.color ?? 'auto', streams.stderr, streams.env)) {
      const { Chalk } = await import('chalk');
      const chalk = new Chalk({ level: 1 });
      paint = { path: chalk.bold, warning: chalk.yellow, error: chalk.red, dim: chalk.dim };
    }
    // Standard output on the same terminal would garble the line: draw it only when the records
    // go elsewhere or standard output is not a terminal.
    const progressAllowed = streams.stderr.isTTY === true && !(options.stdoutCarriesOutput !== false && streams.stdout.isTTY === true);
    return new Reporter(streams.stderr, paint, options.quiet, options.quiet ? 'none' : (options.warnings ?? 'all'), progressAllowed);
  }

  warning(display: string, warning: Warning): void {
    if (this.warnings !== 'all') return;
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
   * Redraws the progress line, at most ten times a second: files done, of how many when the total
   * is known (no folder walked), the rate, and the time left when it can be told.
   */
  progress(done: number, total?: number): void {
    if (this.quiet || !this.progressAllowed) return;
    const now = Date.now();
    if (now - this.lastProgress < 100) return;
    this.lastProgress = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / seconds;
    let text = total === undefined ? `converting: ${done} files` : `converting: ${done}/${total} files`;
    text += `, ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
    if (total !== undefined && rate > 0 && done < total) text += `, ${formatDuration((total - done) / rate)} left`;
    this.stderr.write(`\r\x1b[2K${this.paint.dim(text)}`);
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

/** 75 → '1m15s', 3700 → '1h01m', 9 → '9s'. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
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
