/**
 * The "nothing is lost" check: every non-blank input line must end up in exactly one place of one
 * of the input's documents (a page holding several dispatches gives several), and every place must
 * hold the text of the line it points at.
 *
 * Decoding and line numbering reuse the parser's own decodeBytes/splitLines, so both sides agree on
 * what "line 12" is; where each line went, and whether its text survived, is worked out here from
 * the document alone, without the parser's patterns.
 */
import { decodeBytes } from '../../src/parse/decode.js';
import { splitLines, type Line } from '../../src/parse/lines.js';
import type { ParseFailure } from '../../src/parse/parse.js';
import type { Dispatch, Warning } from '../../src/schema/types.js';

const END_MARKER = '-0-';

/** The input's lines, decoded exactly as parseDispatch decodes them. */
export function inputLines(input: Uint8Array | string): Line[] {
  // Text input skips byte decoding; only a leading BOM is dropped, as the parser does.
  const text = typeof input === 'string' ? input.replace(/^\ufeff/u, '') : decodeBytes(input).text;
  return splitLines(text).lines;
}

function show(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** Line references and the places they claim, with range and blank-line checks. */
class Ledger {
  readonly violations: string[] = [];
  private readonly places = new Map<number, string[]>();

  constructor(readonly lines: readonly Line[]) {}

  /** The line `n` points at, or undefined (with a violation) when it is out of range or blank. */
  line(n: number, what: string): Line | undefined {
    const line = Number.isInteger(n) ? this.lines[n - 1] : undefined;
    if (line === undefined || n < 1) {
      this.violations.push(`${what} points at line ${n}, but the input has ${this.lines.length} lines`);
      return undefined;
    }
    if (line.text === '') {
      this.violations.push(`${what} points at blank line ${n}`);
      return undefined;
    }
    return line;
  }

  claim(n: number, place: string): Line | undefined {
    const line = this.line(n, place);
    if (line) this.places.set(n, [...(this.places.get(n) ?? []), place]);
    return line;
  }

  fail(n: number, problem: string): void {
    this.violations.push(`line ${n} ${show(this.lines[n - 1]?.raw ?? '')}: ${problem}`);
  }

  /** Every non-blank line must have been claimed exactly once. */
  settle(): string[] {
    for (const line of this.lines) {
      if (line.text === '') continue;
      const places = this.places.get(line.n) ?? [];
      if (places.length === 0) this.fail(line.n, 'is in no place of the document');
      else if (places.length > 1) this.fail(line.n, `is in ${places.length} places: ${places.join(', ')}`);
    }
    return this.violations;
  }
}

/** Warnings that carry a line's text (the whole raw line, or for a glued stamp its tail). */
function carriesLine(warning: Warning): warning is Warning & { text: string } {
  return warning.text !== undefined;
}

/**
 * Checks that `documents` (every document parsed from `input`, in file order; or the only one)
 * account for every non-blank line exactly once, across all of them.
 * @returns the violations, each naming the line and what went wrong; empty when all is well.
 */
export function accountLines(input: Uint8Array | string, documents: Dispatch | readonly Dispatch[]): string[] {
  const list: readonly Dispatch[] = Array.isArray(documents) ? documents : [documents as Dispatch];
  const ledger = new Ledger(inputLines(input));
  const all: Warning[] = [];
  list.forEach((document, index) => {
    const prefix = list.length === 1 ? '' : `documents[${index}] `;
    accountDocument(ledger, document, index, list, prefix);
    for (const warning of document.warnings) all.push(warning);
  });
  // A page date points at a line that a warning (PAGE_JUNK, STAMP_LINE) carries.
  list.forEach((document, index) => {
    const { page } = document;
    if ((page.date === null) !== (page.dateLineNumber === null)) ledger.violations.push(`documents[${index}] page.date and page.dateLineNumber disagree`);
    if (page.dateLineNumber !== null && !all.some((w) => w.line === page.dateLineNumber && w.text !== undefined && (w.code === 'PAGE_JUNK' || w.code === 'STAMP_LINE'))) {
      ledger.violations.push(`documents[${index}] page.dateLineNumber ${page.dateLineNumber} is carried by no PAGE_JUNK or STAMP_LINE warning`);
    }
    if (index > 0 && JSON.stringify(page) !== JSON.stringify(list[0]!.page)) ledger.violations.push(`documents[${index}] page differs from the first document's`);
  });
  const gluedStamps = new Set(list.flatMap((d) => d.warnings.filter((w) => w.code === 'STAMP_LINE' && w.line !== null && w.line === d.lead.endMarkerLine)));
  checkWarnings(ledger, all, (w) => gluedStamps.has(w));
  checkInvalidUtf8(ledger, input, all);
  checkNuls(ledger, all);
  return ledger.settle();
}

/** The non-blank line numbers from `first` to `last`. */
function span(ledger: Ledger, first: number, last: number): number[] {
  const found: number[] = [];
  for (let n = first; n <= last && n <= ledger.lines.length; n++) if (ledger.lines[n - 1]?.text !== '') found.push(n);
  return found;
}

function accountDocument(ledger: Ledger, document: Dispatch, index: number, list: readonly Dispatch[], prefix: string): void {
  const { lead, teaserSection, teasers, warnings } = document;
  const problem = (text: string): void => {
    ledger.violations.push(`${prefix}${text}`);
  };

  if (document.source.lines !== ledger.lines.length) problem(`source.lines is ${document.source.lines}, but the input has ${ledger.lines.length} lines`);
  const { story } = document.source;
  if (story.index !== index + 1 || story.count !== list.length) problem(`source.story says ${story.index} of ${story.count}, but it is ${index + 1} of ${list.length}`);
  const previous = list[index - 1];
  if (previous && previous.source.story.lastLine >= story.firstLine) problem(`story starts at line ${story.firstLine}, inside the previous story (to line ${previous.source.story.lastLine})`);
  if (story.firstLine > story.lastLine) problem(`story firstLine ${story.firstLine} is after lastLine ${story.lastLine}`);
  const inStory = (n: number | null, what: string): void => {
    if (n !== null && (n < story.firstLine || n > story.lastLine)) problem(`${what} ${n} is outside the story's lines ${story.firstLine}..${story.lastLine}`);
  };
  if (index > 0 && (teaserSection !== null || teasers.length > 0)) problem('a teaser list on a dispatch that is not the first of its file');
  warnings.forEach((w, i) => {
    const before = warnings[i - 1];
    if (before && (before.line ?? 0) > (w.line ?? 0)) problem(`warnings not in line order: ${String(before.line)} then ${String(w.line)}`);
  });

  // The title: its own lines, or glued before the dateline on the dateline's line.
  const titleOnDatelineLine = lead.titleLine !== null && lead.titleLine === lead.datelineLine;
  if ((lead.title === null) !== (lead.titleLine === null) || (lead.titleLine === null) !== (lead.titleEndLine === null)) {
    problem(`title ${show(String(lead.title))}, titleLine ${String(lead.titleLine)} and titleEndLine ${String(lead.titleEndLine)} disagree`);
  } else if (lead.title !== null && lead.titleLine !== null && lead.titleEndLine !== null && !titleOnDatelineLine) {
    inStory(lead.titleLine, 'titleLine');
    const numbers = span(ledger, lead.titleLine, lead.titleEndLine);
    const claimed = numbers.map((n) => ledger.claim(n, 'title'));
    if (numbers.length === 0 || numbers.length > 2) problem(`title spans ${numbers.length} lines`);
    const joined = claimed.map((line) => line?.text ?? '').join(' ');
    if (claimed.every(Boolean) && joined !== lead.title) ledger.fail(lead.titleLine, `title is ${show(lead.title)}, not the trimmed line${numbers.length > 1 ? 's joined' : ''}`);
  }
  if (lead.anchor !== null && !titleOnDatelineLine) problem(`anchor ${lead.anchor} without a title glued to the dateline`);

  // The lead body: a line may hold the dateline, a paragraph and the end marker (and a stamp glued
  // after the marker, carried by a STAMP_LINE warning on that line) all at once: one place. A
  // hard-wrapped paragraph spans several lines, joined with one space.
  const count = lead.paragraphs.length;
  if (lead.paragraphLines.length !== count || lead.paragraphEndLines.length !== count) {
    problem(`${count} paragraphs but ${lead.paragraphLines.length} paragraphLines and ${lead.paragraphEndLines.length} paragraphEndLines`);
  }
  const paragraphOfLine = new Map<number, number>();
  lead.paragraphLines.forEach((n, i) => {
    const end = lead.paragraphEndLines[i] ?? n;
    const before = lead.paragraphEndLines[i - 1];
    if (before !== undefined && n <= before) problem(`paragraphLines not strictly ascending: ${before} then ${n}`);
    if (end < n) problem(`paragraph ${i} ends at line ${end}, before it starts at ${n}`);
    inStory(n, 'paragraph line');
    inStory(end, 'paragraph end line');
    for (const m of span(ledger, n, Math.min(end, n + 10_000))) if (!paragraphOfLine.has(m)) paragraphOfLine.set(m, i);
  });
  if ((lead.dateline === null) !== (lead.datelineLine === null)) problem(`dateline and datelineLine ${String(lead.datelineLine)} disagree`);
  if (lead.endMarker !== (lead.endMarkerLine !== null)) problem(`endMarker is ${lead.endMarker} but endMarkerLine is ${String(lead.endMarkerLine)}`);
  inStory(lead.datelineLine, 'datelineLine');
  inStory(lead.endMarkerLine, 'endMarkerLine');
  const isGluedStamp = (w: Warning): boolean => w.code === 'STAMP_LINE' && w.line !== null && w.line === lead.endMarkerLine;
  const bodyLines = new Set([...paragraphOfLine.keys(), lead.datelineLine, lead.endMarkerLine].filter((n): n is number => n !== null));
  const pieces = new Map<number, string[]>();
  for (const n of [...bodyLines].sort((a, b) => a - b)) {
    const line = ledger.claim(n, 'lead body');
    if (!line) continue;
    // Peel what the document says the line holds, in order; nothing else may remain.
    let rest = line.text;
    if (n === lead.datelineLine && titleOnDatelineLine && lead.title !== null) {
      const anchored = lead.anchor === null ? rest : rest.startsWith(lead.anchor) ? rest.slice(lead.anchor.length).replace(/^\s*-\s*/u, '') : undefined;
      if (anchored === undefined || !anchored.startsWith(lead.title)) ledger.fail(n, `does not start with the anchor ${show(String(lead.anchor))} and title ${show(lead.title)}`);
      else rest = anchored.slice(lead.title.length).trimStart();
    }
    if (n === lead.datelineLine && lead.dateline) {
      if (!rest.startsWith(lead.dateline.text)) ledger.fail(n, `does not start with the dateline ${show(lead.dateline.text)}`);
      else rest = rest.slice(lead.dateline.text.length).trimStart();
    }
    if (n === lead.endMarkerLine) {
      for (const { text: stamp } of warnings.filter(isGluedStamp)) {
        if (stamp === undefined || !rest.endsWith(stamp)) ledger.fail(n, `does not end with the glued stamp ${show(stamp ?? '(no text)')}`);
        else rest = rest.slice(0, -stamp.length).trimEnd();
      }
      if (!rest.endsWith(END_MARKER)) ledger.fail(n, `is the endMarkerLine but holds no end marker where expected (left: ${show(rest)})`);
      else rest = rest.slice(0, -END_MARKER.length).trimEnd();
    } else if (document.page.layout === 'kcna-co-jp-kns' && /\s\|$/u.test(rest)) {
      // A table cell's closing pipe, on the pages that print their body in one.
      rest = rest.slice(0, -1).trimEnd();
    }
    const i = paragraphOfLine.get(n);
    const paragraph = i === undefined ? '' : (lead.paragraphs[i] ?? '');
    const single = i === undefined || lead.paragraphLines[i] === lead.paragraphEndLines[i];
    if (single) {
      if (i !== undefined && !line.raw.includes(paragraph)) ledger.fail(n, `paragraph ${show(paragraph)} is not part of the line`);
      if (rest !== paragraph) ledger.fail(n, `the line's text ${show(rest)} became paragraph ${show(paragraph)}`);
    } else {
      pieces.set(i, [...(pieces.get(i) ?? []), rest]);
    }
  }
  for (const [i, parts] of pieces) {
    const joined = parts.filter((part) => part !== '').join(' ');
    if (joined !== lead.paragraphs[i]) ledger.fail(lead.paragraphLines[i]!, `the wrapped lines ${show(joined)} became paragraph ${show(lead.paragraphs[i] ?? '')}`);
  }
  if (lead.dateline) {
    const { text, place, agency } = lead.dateline;
    const korean = text.startsWith('(');
    if (korean ? !text.includes(place) || !text.includes(agency) : !text.startsWith(place) || !text.includes(`(${agency})`)) {
      problem(`dateline ${show(text)} does not hold its place and agency`);
    }
  }

  // The teaser list.
  if (teaserSection) {
    const heading = ledger.claim(teaserSection.line, 'teaser heading');
    if (heading && heading.text !== teaserSection.heading) ledger.fail(heading.n, `heading is ${show(teaserSection.heading)}, not the trimmed line`);
    if (!teaserSection.heading.endsWith(teaserSection.source)) problem(`heading source ${show(teaserSection.source)} is not named by the heading`);
    if (teaserSection.closingLine !== null) {
      const closing = ledger.claim(teaserSection.closingLine, 'teaser closing');
      if (closing && !/^More\s+Articles$/u.test(closing.text)) ledger.fail(closing.n, 'is the closingLine but is not a closing line');
    }
  } else if (teasers.length > 0) {
    problem(`${teasers.length} teasers without a teaser section`);
  }
  teasers.forEach((teaser, i) => {
    const what = `teasers[${i}]`;
    if ((teaser.title === null) !== (teaser.titleLine === null) || (teaser.titleLine === null) !== (teaser.titleRepeatLine === null)) {
      problem(`${what}.title, titleLine and titleRepeatLine disagree`);
    } else if (teaser.title !== null && teaser.titleLine !== null && teaser.titleRepeatLine !== null) {
      for (const n of [teaser.titleLine, teaser.titleRepeatLine]) {
        const line = ledger.claim(n, `${what}.title`);
        if (line && line.text !== teaser.title) ledger.fail(n, `${what}.title ${show(teaser.title)} is not the line`);
      }
      if (!(teaser.titleLine < teaser.titleRepeatLine && teaser.titleRepeatLine < teaser.line)) problem(`${what} title lines ${teaser.titleLine}, ${teaser.titleRepeatLine} are not above its text line ${teaser.line}`);
    }
    const line = ledger.claim(teaser.line, `${what}.line`);
    if (line) {
      if (!line.raw.includes(teaser.text)) ledger.fail(line.n, `${what}.text ${show(teaser.text)} is not part of the line`);
      const expected = teaser.dateline
        ? line.text.startsWith(teaser.dateline.text)
          ? line.text.slice(teaser.dateline.text.length).trim()
          : undefined
        : line.text;
      if (expected !== teaser.text) ledger.fail(line.n, `${what}.text ${show(teaser.text)} is not the line without its dateline`);
    }
    const dateLine = ledger.claim(teaser.dateLineNumber, `${what}.dateLineNumber`);
    if (dateLine && readDate(dateLine.text) !== teaser.date) ledger.fail(dateLine.n, `${what}.date ${teaser.date} is not the date the line gives`);
    if (teaser.dateLineNumber <= teaser.line) problem(`${what}.dateLineNumber ${teaser.dateLineNumber} does not follow its text line ${teaser.line}`);
    if (teaser.repeatLine !== null) {
      const repeat = ledger.claim(teaser.repeatLine, `${what}.repeatLine`);
      if (repeat && line && squeeze(repeat.text) !== squeeze(line.text)) ledger.fail(repeat.n, `${what}.repeatLine does not repeat line ${line.n}`);
      if (teaser.repeatLine <= teaser.dateLineNumber) problem(`${what}.repeatLine ${teaser.repeatLine} does not follow its date line ${teaser.dateLineNumber}`);
    }
  });
}

/** Binary file signatures made only of printable characters. */
const PRINTABLE_MAGIC = /^(?:%PDF-|GIF8[79]a|OggS|fLaC)/u;

/**
 * Whether input may be refused as binary: it must at least look like it, with a NUL, a control
 * character (not whitespace) or bytes that are not UTF-8 near the start, or a printable magic
 * number. A text dump has none of these.
 */
function looksBinary(input: Uint8Array | string): boolean {
  const head = (typeof input === 'string' ? input : decodeBytes(input).text).slice(0, 8192);
  return /[\0-\x08\x0e-\x1f\x7f\ufffd]/u.test(head) || PRINTABLE_MAGIC.test(head);
}

/**
 * The failure counterpart: the code must match the input (EMPTY_INPUT exactly when every line is
 * blank, BINARY_INPUT only for input that looks binary), the message must say something, and the
 * diagnostics must point at real lines.
 */
export function accountFailure(input: Uint8Array | string, failure: ParseFailure): string[] {
  const ledger = new Ledger(inputLines(input));
  const blank = ledger.lines.every((line) => line.text === '');
  const allowed = blank ? ['EMPTY_INPUT'] : looksBinary(input) ? ['NOT_A_DISPATCH', 'BINARY_INPUT'] : ['NOT_A_DISPATCH'];
  if (!allowed.includes(failure.code)) {
    ledger.violations.push(`code ${failure.code} for input with ${blank ? 'only blank lines' : 'non-blank lines'}`);
  }
  if (failure.message.trim() === '') ledger.violations.push('empty failure message');
  // Without a document there is no end marker line to tell a glued stamp from a stamp line.
  checkWarnings(ledger, failure.diagnostics, (w) => w.code === 'STAMP_LINE');
  // Binary input is refused before decoding, so it has no decoding warnings to check.
  if (failure.code !== 'BINARY_INPUT') {
    checkInvalidUtf8(ledger, input, failure.diagnostics);
    checkNuls(ledger, failure.diagnostics);
  }
  return ledger.violations;
}

function checkWarnings(ledger: Ledger, warnings: readonly Warning[], isGlued: (w: Warning) => boolean): void {
  warnings.forEach((warning, i) => {
    const what = `warnings[${i}] ${warning.code}`;
    if (!carriesLine(warning)) {
      if (warning.line !== null) ledger.line(warning.line, what);
      return;
    }
    if (warning.line === null) {
      ledger.violations.push(`${what} carries text ${show(warning.text)} but no line number`);
    } else if (isGlued(warning)) {
      const line = ledger.line(warning.line, what);
      if (line && !line.raw.includes(warning.text)) ledger.fail(line.n, `${what} text ${show(warning.text)} is not part of the line`);
    } else {
      const line = ledger.claim(warning.line, what);
      if (line && line.raw !== warning.text) ledger.fail(line.n, `${what} carries ${show(warning.text)}, not the raw line`);
    }
  });
}

/** A stray NUL is kept in the text and flagged: NUL_CHARACTER warnings go exactly to the lines holding one. */
function checkNuls(ledger: Ledger, warnings: readonly Warning[]): void {
  const flagged = new Set(warnings.filter((w) => w.code === 'NUL_CHARACTER').map((w) => w.line));
  for (const line of ledger.lines) {
    if (line.raw.includes('\0') !== flagged.has(line.n)) {
      ledger.fail(line.n, line.raw.includes('\0') ? 'holds a NUL but has no NUL_CHARACTER warning' : 'has a NUL_CHARACTER warning but holds no NUL');
    }
    flagged.delete(line.n);
  }
  for (const n of flagged) ledger.violations.push(`NUL_CHARACTER warning on line ${String(n)}, which does not exist`);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * For UTF-8 bytes, the lines holding invalid sequences, found by splitting the raw bytes (not the
 * decoded text), must be exactly the lines with an INVALID_UTF8 warning, one each, whose byte
 * offset falls inside the line. This also checks the line numbering against the bytes.
 */
function checkInvalidUtf8(ledger: Ledger, input: Uint8Array | string, warnings: readonly Warning[]): void {
  const reported = warnings.filter((w) => w.code === 'INVALID_UTF8');
  const isUtf16 = typeof input !== 'string' && decodeBytes(input.subarray(0, 2)).encoding !== 'utf-8';
  if (!isUtf16 && warnings.some((w) => w.code === 'INVALID_UTF16')) ledger.violations.push('INVALID_UTF16 for input that is not UTF-16 bytes');
  if (typeof input === 'string' || isUtf16) {
    if (reported.length > 0) ledger.violations.push(`INVALID_UTF8 for input that is not UTF-8 bytes`);
    return;
  }
  const byteLines: { start: number; end: number }[] = [];
  // A UTF-8 BOM is no part of line 1, but byte offsets still count it.
  let start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  for (let i = start; i < input.length; i++) {
    if (input[i] !== 0x0a && input[i] !== 0x0d) continue;
    byteLines.push({ start, end: i });
    if (input[i] === 0x0d && input[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (start < input.length) byteLines.push({ start, end: input.length });
  if (byteLines.length !== ledger.lines.length) {
    ledger.violations.push(`the bytes hold ${byteLines.length} lines, the decoded text ${ledger.lines.length}`);
    return;
  }
  byteLines.forEach(({ start, end }, i) => {
    const n = i + 1;
    const invalid = (() => {
      try {
        fatalUtf8.decode(input.subarray(start, end));
        return false;
      } catch {
        return true;
      }
    })();
    const warned = reported.filter((w) => w.line === n);
    if (invalid && warned.length !== 1) ledger.fail(n, `holds invalid UTF-8 but has ${warned.length} INVALID_UTF8 warnings`);
    if (!invalid && warned.length > 0) ledger.fail(n, 'is valid UTF-8 but has an INVALID_UTF8 warning');
    for (const w of warned) {
      if (w.byteOffset === undefined || w.byteOffset < start || w.byteOffset >= end) ledger.fail(n, `INVALID_UTF8 byteOffset ${String(w.byteOffset)} is outside the line's bytes ${start}..${end - 1}`);
    }
  });
}

function squeeze(text: string): string {
  return text.replace(/\s+/gu, '');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date line such as 'March 18, 2026' or 'Sept. 16, 2025' as YYYY-MM-DD, or undefined. */
function readDate(text: string): string | undefined {
  const m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})$/u.exec(text);
  const month = m ? MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1 : 0;
  if (!m || month === 0) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}
