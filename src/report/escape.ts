/**
 * Text from the inputs (file names above all) made safe for one line of the page, the way the
 * command line makes it safe for one line of a terminal (escapeForTerminal in src/cli/render.ts,
 * which this module may not import; tests/report/escape.test.ts checks that the two agree):
 * control characters (C0, DEL, C1), line and paragraph separators and bidirectional controls
 * become escapes such as \n, \x1b or \u{202e}, and a backslash is doubled so that the escapes stay
 * unambiguous. A file name holding a line break then cannot plant a line in a copyable
 * `path:line` block, and U+202E cannot reverse one. HTML escaping comes on top (escapeHtml).
 */

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };
const UNSAFE_SOURCE = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\\\]';
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

/** `text` with every character that could break or reorder a line escaped; unchanged when it has none. */
export function escapeLine(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (char) => {
    const known = ESCAPES[char];
    if (known !== undefined) return known;
    const code = char.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
