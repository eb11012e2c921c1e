/**
 * Diagnostics on standard error, one per line: `path:line: warning CODE message` and
 * `path: error CODE message`. Colour follows --color (auto: on a terminal that is not TERM=dumb,
 * unless NO_COLOR is set; FORCE_COLOR turns it on anywhere, NO_COLOR wins over it); chalk is loaded
 * only then. With --warnings summary (the default) only the first few warnings of each code are
 * printed, and the others counted at the end. A progress line is drawn on a
 * terminal during long runs, when standard output is not writing to it, and erased before other
 * output.
 *
 * File names and messages come from outside (a name may hold a line break or an escape sequence,
 * a message may quote an input line): every one is escaped before it is printed, so that no input
 * can draw on the terminal or plant a line that looks like a diagnostic.
 */
import type { ArchiveProgress } from '../pipeline/archives.js';
import type { Warning } from '../schema/types.js';
import type { Streams } from './streams.js';

export interface Paint {
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

/**
 * Which warnings are printed: summary (the default: the first few of each code, then how many more
 * of each code there were), all (each one), or none.
 */
export type WarningsMode = 'summary' | 'all' | 'none';
export const WARNINGS_MODES: readonly WarningsMode[] = ['summary', 'all', 'none'];

/** With --warnings summary, how many warnings of each code are printed in full. */
export const WARNING_EXAMPLES = 3;

/**
 * Whether to colour a stream: --color always/never decide; otherwise NO_COLOR (any non-empty
 * value) turns colour off, FORCE_COLOR (any value but 0 or false) turns it on anywhere, and a
 * terminal has it unless it is a dumb one (TERM=dumb). NO_COLOR wins over FORCE_COLOR: it is the
 * user's standing choice (no-color.org), and only the command line's --color overrides it.
 */
export function colorEnabled(mode: ColorMode, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && !isDumbTerminal(env);
}

/** A terminal that understands no escape sequence (Emacs' shell, some CI logs): TERM=dumb. */
export function isDumbTerminal(env: NodeJS.ProcessEnv): boolean {
  return env['TERM'] === 'dumb';
}

/** The chalk paint for a stream, or plain text: chalk is loaded only when colour is on. */
export async function paintFor(mode: ColorMode, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Promise<Paint & { bold(text: string): string; code(text: string): string }> {
  if (!colorEnabled(mode, stream, env)) return { ...plain, bold: (t) => t, code: (t) => t };
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { path: chalk.bold, warning: chalk.yellow, error: chalk.red, dim: chalk.dim, bold: chalk.bold, code: chalk.cyan };
}

export interface ReporterOptions {
  /** Print errors only. */
  quiet: boolean;
  /** How warnings are printed (with quiet: none). */
  warnings?: WarningsMode;
  color?: ColorMode;
  /** Whether the records go to standard output: then no progress line is drawn on its terminal. */
  stdoutCarriesOutput?: boolean;
  /** What the progress line says the run is doing: 'converting' (the default), 'reading'. */
  activity?: string;
}

export class Reporter {
  private progressShown = false;
  private readonly started = Date.now();
  /** The first draw waits a second: short runs get no progress line at all. */
  private lastProgress = Date.now() + 900;
  /** With --warnings summary: warnings printed so far, and those left out, by code. */
  private readonly shown = new Map<string, number>();
  private readonly hidden = new Map<string, number>();

  private constructor(
    private readonly stderr: Streams['stderr'],
    private readonly paint: Paint,
    private readonly quiet: boolean,
    private readonly warningsMode: WarningsMode,
    private readonly progressAllowed: boolean,
    private readonly activity: string,
  ) {}

  static async create(streams: Streams, options: ReporterOptions): Promise<Reporter> {
    const paint = await paintFor(options.color ?? 'auto', streams.stderr, streams.env);
    // Standard output on the same terminal would garble the line: draw it only when the records
    // go elsewhere or standard output is not a terminal. A dumb terminal cannot erase a line.
    const progressAllowed =
      streams.stderr.isTTY === true && !isDumbTerminal(streams.env) && !(options.stdoutCarriesOutput !== false && streams.stdout.isTTY === true);
    return new Reporter(
      streams.stderr,
      paint,
      options.quiet,
      options.quiet ? 'none' : (options.warnings ?? 'summary'),
      progressAllowed,
      options.activity ?? 'converting',
    );
  }

  /** Whether a progress line may be drawn at all (a terminal, not quiet). */
  get showsProgress(): boolean {
    return this.progressAllowed && !this.quiet;
  }

  /**
   * An input's warnings. A warning repeated word for word on the next line is printed once, with
   * how many times it came; with --warnings summary, only the first few of each code in the run
   * are printed, and the others counted for hiddenWarnings().
   */
  warnings(display: string, warnings: readonly Warning[]): void {
    if (this.warningsMode === 'none') return;
    for (let i = 0; i < warnings.length; ) {
      const warning = warnings[i]!;
      let times = 1;
      while (i + times < warnings.length && sameWarning(warnings[i + times]!, warning)) times++;
      i += times;
      if (this.warningsMode === 'summary') {
        const shown = this.shown.get(warning.code) ?? 0;
        if (shown >= WARNING_EXAMPLES) {
          this.hidden.set(warning.code, (this.hidden.get(warning.code) ?? 0) + times);
          continue;
        }
        this.shown.set(warning.code, shown + 1);
      }
      this.warning(display, warning, times);
    }
  }

  /** One warning line; `times` when it came that many times in a row. */
  warning(display: string, warning: Warning, times = 1): void {
    if (this.warningsMode === 'none') return;
    const where = warning.line === null ? escapeForTerminal(display) : `${escapeForTerminal(display)}:${warning.line}`;
    const repeat = times > 1 ? ` (${times} times)` : '';
    this.line(`${this.paint.path(where)}: ${this.paint.warning('warning')} ${warning.code} ${escapeForTerminal(warning.message)}${repeat}`);
  }

  /**
   * With --warnings summary, the line counting the warnings not printed, by code (most first), or
   * undefined when every warning was printed.
   */
  hiddenWarnings(): string | undefined {
    if (this.hidden.size === 0) return undefined;
    const byCount = [...this.hidden].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = byCount.reduce((sum, [, count]) => sum + count, 0);
    return (
      `${total} more warning${total === 1 ? '' : 's'} not shown: ${byCount.map(([code, count]) => `${code} ${count}`).join(', ')} ` +
      `(the first ${WARNING_EXAMPLES} of each code are above; --warnings all prints every one)`
    );
  }

  /**
   * An input that failed: its one error line, with what the command line can change and where the
   * code is explained. Shown even with --quiet.
   */
  inputFailed(display: string, code: string, message: string): void {
    const hint = INPUT_HINTS[code];
    const pointer = `kcna-parse explain ${code}`;
    this.line(`${this.paint.path(escapeForTerminal(display))}: ${this.paint.error('error')} ${code} ${escapeForTerminal(message)} (${hint ? `${hint}; ` : ''}${pointer})`);
  }

  /** An error about one input or record: shown even with --quiet. */
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
   * is known (no folder walked, or the folders counted ahead), the rate, and the time left when it
   * can be told.
   */
  /**
   * The progress line: inputs done (of how many, when known), the rate and the time left; while a
   * web archive is read, how much of it (its records are inputs whose number is not known ahead).
   */
  progress(done: number, total?: number, archive?: ArchiveProgress): void {
    if (this.quiet || !this.progressAllowed) return;
    const now = Date.now();
    if (now - this.lastProgress < 100) return;
    this.lastProgress = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / seconds;
    const reading = archive?.archive ?? null;
    const unit = reading === null ? 'files' : 'inputs';
    let text = total === undefined || reading !== null ? `${this.activity}: ${done} ${unit}` : `${this.activity}: ${done}/${total} ${unit}`;
    text += `, ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
    if (reading !== null) {
      const { read, size } = archive!;
      text += `; ${reading}: ${formatBytes(read)}${size === null || size === 0 ? '' : ` of ${formatBytes(size)} (${Math.floor((100 * read) / size)}%)`}`;
      if (size !== null && read > 0 && read < size) text += `, ${formatDuration(((size - read) * seconds) / read)} left`;
    } else if (total !== undefined && rate > 0 && done < total) text += `, ${formatDuration((total - done) / rate)} left`;
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

function sameWarning(a: Warning, b: Warning): boolean {
  return a.code === b.code && a.line === b.line && a.message === b.message;
}

/**
 * How long a run took, for its summary: '0.04s', '2.5s', '12s', '1m15s'. KCNA_PARSE_TEST_ELAPSED (seconds)
 * replaces the measured time, so that tests and the docs' transcripts print the same line on every
 * machine; it is not a user setting, and documented only here.
 */
export function formatElapsed(startedMs: number, env: NodeJS.ProcessEnv, nowMs = performance.now()): string {
  const forced = env['KCNA_PARSE_TEST_ELAPSED'];
  const seconds = forced !== undefined && /^\d+(?:\.\d+)?$/.test(forced) ? Number(forced) : Math.max(0, (nowMs - startedMs) / 1000);
  return seconds < 1 ? `${seconds.toFixed(2)}s` : seconds < 10 ? `${seconds.toFixed(1)}s` : formatDuration(seconds);
}

/** 950 → '950 B', 1536 → '1.5 KiB', 3.2e9 → '3.0 GiB'. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
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
 * unambiguous. A byte of a file name that is not valid UTF-8 (kept as U+DC80 to U+DCFF, see
 * src/io/file-names.ts) becomes \xHH, its value; any other lone surrogate \u{d8xx}. Text without
 * any of them is returned as it is.
 */
export function escapeForTerminal(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (char) => {
    const known = ESCAPES[char];
    if (known !== undefined) return known;
    const code = char.codePointAt(0)!;
    if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16)}`;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

const UNSAFE_SOURCE = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff\\\\]';
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');
