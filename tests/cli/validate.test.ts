/**
 * `kcna-parse validate`, in process through run(): what the converter writes passes, tampered and
 * malformed output is reported with its line, inputs are taken as by the main command, and ninjs
 * is checked against IPTC's schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from './helpers.js';
import { runInProcess } from './in-process.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const kcna = (args: string[], stdin?: string | Buffer) => runInProcess(args, { cwd: dir, ...(stdin === undefined ? {} : { stdin }) });

async function convert(args: string[]): Promise<void> {
  const output = args[args.indexOf('-o') + 1];
  if (output !== undefined) mkdirSync(path.dirname(path.join(dir, output)), { recursive: true });
  const run = await kcna(['archive/2021', '--quiet', ...args]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const put = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

/** A CSV as the writer made it before RFC 4180 quoting: the text cell's bare LFs unquoted. */
const PRE_FIX_CSV =
  'path,id,title,place,year,month,day,date,end_marker,paragraph_count,word_count,teaser_count,warning_count,text,story_index,story_count,page_date,mirror,truncated,format,encoding_source,url,archive_uri,captured_at\r\n' +
  'a.txt,ed5b72c3f319eb9383bf82ac60f02985,,Pyongyang,,3,23,,true,2,4,0,0,First paragraph\n\nSecond paragraph,1,1,,,false,text,utf-8,,,\r\n';

describe('validate', () => {
  it.each([
    [['-o', 'out.json'], 'out.json', 2],
    [['-o', 'out.ndjson'], 'out.ndjson', 2],
    [['-o', 'out.csv'], 'out.csv', 2],
    [['-o', 'out.csv', '--bom', '--excel-safe'], 'out.csv', 2],
    [['-o', 'teasers.ndjson', '--records', 'teasers'], 'teasers.ndjson', 23],
    [['-o', 'teasers.csv', '--records', 'teasers'], 'teasers.csv', 23],
    [['-o', 'teasers.json', '--records', 'teasers'], 'teasers.json', 23],
    [['-o', 'out.ninjs.json', '-f', 'ninjs'], 'out.ninjs.json', 2],
    [['-o', 'items.json', '-f', 'ninjs'], 'items.json', 2],
  ])('accepts what the converter wrote (%j)', async (args, file, records) => {
    await convert(args);
    const run = await kcna(['validate', file]);
    expect(run.stderr).toBe(`validated ${records} records in 1 file: 0 invalid\n`);
    expect(run.status).toBe(0);
  });

  it('reports each invalid record of a tampered JSON array with its line and JSON pointer', async () => {
    await convert(['-o', 'out.json']);
    const documents = JSON.parse(read('out.json'));
    documents[1].lead.paragraphs = [];
    delete documents[1].id;
    put('out.json', `${JSON.stringify(documents, null, 2)}\n`);
    const secondStart = read('out.json').split('\n').indexOf('  {', 2) + 1;
    const run = await kcna(['validate', 'out.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `out.json:${secondStart}: error INVALID_RECORD dispatch record: / must have required property 'id'\n` +
        `out.json:${secondStart}: error INVALID_RECORD dispatch record: /lead/paragraphs must NOT have fewer than 1 items\n` +
        'validated 2 records in 1 file: 1 invalid\n',
    );
  });

  it('reports a tampered NDJSON line and a tampered CSV row', async () => {
    await convert(['-o', 'out.ndjson']);
    await convert(['-o', 'out.csv']);
    put('out.ndjson', read('out.ndjson').replace('"endMarker":true', '"endMarker":"yes"'));
    put('out.csv', read('out.csv').replace(',Pyongyang,2021,3,', ',Pyongyang,20x,3,'));
    const run = await kcna(['validate', 'out.ndjson', 'out.csv']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('out.ndjson:1: error INVALID_RECORD dispatch record: /lead/endMarker must be boolean\n');
    expect(run.stderr).toContain('out.csv:2: error INVALID_RECORD dispatch-row record: /year must match pattern "^([0-9]{4})?$"\n');
    expect(run.stderr).toContain('validated 4 records in 2 files: 2 invalid\n');
  });

  it('reports a record that is not JSON with its line, and reads on', async () => {
    await convert(['-o', 'out.ndjson']);
    put('out.ndjson', `{"schemaVersion": \n${read('out.ndjson')}`);
    const run = await kcna(['validate', 'out.ndjson']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^out\.ndjson:1: error INVALID_RECORD not JSON: /);
    expect(run.stderr).toContain('validated 3 records in 1 file: 1 invalid\n');
  });

  it('reports a JSON array cut short where it ends, after checking the records before', async () => {
    await convert(['-o', 'out.json']);
    const text = read('out.json');
    put('out.json', text.slice(0, text.length - 40));
    const run = await kcna(['validate', 'out.json']);
    expect(run.status).toBe(1);
    const lines = text.slice(0, text.length - 40).split('\n').length;
    expect(run.stderr).toBe(
      `out.json:${lines}: error INVALID_RECORD the file ends inside the array (no closing ']'): cut short?\n` +
        'validated 1 record in 1 file: 0 invalid, 1 file malformed\n',
    );
  });

  it('reports an empty file', async () => {
    put('empty.ndjson', '');
    put('empty.csv', '');
    put('empty.json', '\n');
    const run = await kcna(['validate', 'empty.ndjson', 'empty.csv', 'empty.json']);
    expect(run.stderr).toBe(
      'empty.csv:1: error INVALID_RECORD no header row: the file is empty\n' +
        'empty.json:2: error INVALID_RECORD no JSON value: the file is empty\n' +
        'validated 0 records in 3 files: 0 invalid, 2 files malformed\n',
    );
    expect(run.status).toBe(1);
  });
});

describe('regression: CSV is not RFC 4180 (validate accepted a record split by an unquoted line break)', () => {
  it('rejects the pre-fix shape that Miller refuses, naming each short record and its line', async () => {
    put('old.csv', PRE_FIX_CSV);
    const run = await kcna(['validate', 'old.csv']);
    const short = (fields: string) => `error INVALID_RECORD dispatch-row record: / has ${fields} where the header has 24 (a line break outside quotes ends a record: a field holding one must be quoted)`;
    // The record split at its two line breaks: 14 fields, an empty line, and the last 9 fields.
    expect(run.stderr).toBe(`old.csv:2: ${short('14 fields')}\nold.csv:3: ${short('1 field')}\nold.csv:4: ${short('11 fields')}\nvalidated 3 records in 1 file: 3 invalid\n`);
    expect(run.status).toBe(1);
  });

  it('rejects a bare CR inside an unquoted field', async () => {
    put('cr.csv', PRE_FIX_CSV.replace('First paragraph\n\nSecond paragraph', 'First\rSecond'));
    const run = await kcna(['validate', 'cr.csv']);
    // Lines as Python's csv counts them: the bare CR ends line 2.
    expect(run.stderr).toContain('cr.csv:3: error INVALID_RECORD dispatch-row record: / has 11 fields where the header has 24');
    expect(run.status).toBe(1);
  });

  it('accepts the same record quoted, with LF or CRLF record ends, as the clients do', async () => {
    const quoted = PRE_FIX_CSV.replace('First paragraph\n\nSecond paragraph', '"First paragraph\n\nSecond paragraph"');
    put('crlf.csv', quoted);
    put('lf.csv', quoted.replace(/\r\n/g, '\n'));
    const run = await kcna(['validate', 'crlf.csv', 'lf.csv']);
    expect(run.stderr).toBe('validated 2 records in 2 files: 0 invalid\n');
    expect(run.status).toBe(0);
  });

  it('reports a stray quote with its line and stops reading that file', async () => {
    put('quote.csv', `${PRE_FIX_CSV.split('\r\n')[0]}\r\na.txt,x"y\r\n`);
    const run = await kcna(['validate', 'quote.csv']);
    expect(run.stderr).toBe(
      'quote.csv:2: error INVALID_RECORD not CSV: a double quote inside a field that is not quoted (RFC 4180 quotes the whole field and doubles the quote)\n' +
        'validated 0 records in 1 file: 0 invalid, 1 file malformed\n',
    );
    expect(run.status).toBe(1);
  });
});

describe('regression: validate checked ninjs output as dispatches', () => {
  it('checks ninjs items against the ninjs 3.1 schema, and reports what it does not define', async () => {
    await convert(['-o', 'out.ninjs.json', '-f', 'ninjs']);
    const items = JSON.parse(read('out.ninjs.json'));
    items[0].dateline = 'Pyongyang, March 23 (KCNA) --';
    put('out.ninjs.json', `${JSON.stringify(items, null, 2)}\n`);
    const run = await kcna(['validate', 'out.ninjs.json']);
    expect(run.stderr).toBe("out.ninjs.json:2: error INVALID_RECORD ninjs record: / must NOT have unevaluated properties: 'dateline'\nvalidated 2 records in 1 file: 1 invalid\n");
    expect(run.status).toBe(1);
  });

  it('checks a dispatch against the ninjs schema when told the file is ninjs', async () => {
    await convert(['-o', 'out.json']);
    const run = await kcna(['validate', '--format', 'ninjs', 'out.json']);
    expect(run.stderr).toMatch(/^out\.json:2: error INVALID_RECORD ninjs record: \/ must have required property 'uri'\n/);
    expect(run.status).toBe(1);
  });
});

describe('regression: validate did not take -, folders or globs as the main command does', () => {
  it("reads standard input for '-', with --format", async () => {
    await convert(['-o', 'out.ndjson']);
    const run = await kcna(['validate', '-f', 'ndjson', '-'], read('out.ndjson'));
    expect(run.stderr).toBe('validated 2 records in 1 file: 0 invalid\n');
    expect(run.status).toBe(0);
  });

  it("refuses '-' without --format: standard input has no name to tell its format by", async () => {
    const run = await kcna(['validate', '-'], '[]');
    expect(run.stderr).toContain('-: error INVALID_OPTION standard input has no file name to tell its format by; name it with --format');
    expect(run.status).toBe(1);
  });

  it('walks a folder for *.json, *.ndjson, *.jsonl and *.csv, in path order, and skips the rest', async () => {
    await convert(['-o', 'out/a.json']);
    await convert(['-o', 'out/b.csv']);
    await convert(['-o', 'out/sub/c.jsonl']);
    await convert(['-o', 'out/sub/d.ndjson']);
    put('out/notes.txt', 'not output');
    put('out/.hidden.json', 'not JSON');
    put('out/sub/broken.json', '{');
    const run = await kcna(['validate', 'out']);
    expect(run.stderr).toMatch(/^out\/sub\/broken\.json:1: error INVALID_RECORD not JSON: .*\nvalidated 9 records in 5 files: 1 invalid\n$/);
    expect(run.status).toBe(1);
  });

  it('expands a glob pattern, and a pattern that matches nothing is a usage error', async () => {
    await convert(['-o', 'x/a.ndjson']);
    await convert(['-o', 'x/b.ndjson']);
    expect(await kcna(['validate', 'x/*.ndjson'])).toMatchObject({ status: 0, stderr: 'validated 4 records in 2 files: 0 invalid\n' });
    const none = await kcna(['validate', 'nowhere/*.json']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no files match the pattern 'nowhere/*.json'");
  });

  it('reports a missing file and a file of unknown format, and checks the others', async () => {
    await convert(['-o', 'out.ndjson']);
    put('notes.txt', 'x');
    const run = await kcna(['validate', 'missing.json', 'notes.txt', 'out.ndjson']);
    expect(run.stderr).toBe(
      'missing.json: error READ_ERROR cannot read: no such file or directory (ENOENT)\n' +
        'notes.txt: error INVALID_OPTION cannot tell the format from the file name; name it with --format json|ndjson|csv|ninjs\n' +
        'validated 2 records in 3 files: 0 invalid, 2 files unreadable\n',
    );
    expect(run.status).toBe(1);
  });
});

describe("validate's own output", () => {
  it('ends quietly with 141 when the reader of its diagnostics closed the pipe', async () => {
    put('old.csv', PRE_FIX_CSV);
    const run = await runInProcess(['validate', 'old.csv'], { cwd: dir, stderrError: 'EPIPE' });
    expect(run.status).toBe(141);
  });

  it('exits 1 when its diagnostics cannot be written (a full disk)', async () => {
    await convert(['-o', 'out.ndjson']);
    const run = await runInProcess(['validate', 'out.ndjson'], { cwd: dir, stderrError: 'ENOSPC' });
    expect(run.status).toBe(1);
  });

  it('prints only the invalid records with --quiet', async () => {
    put('old.csv', PRE_FIX_CSV);
    await convert(['-o', 'out.ndjson']);
    const run = await kcna(['validate', '-q', 'out.ndjson', 'old.csv']);
    expect(run.stderr.split('\n').filter(Boolean).map((line) => line.split(':').slice(0, 2).join(':'))).toEqual(['old.csv:2', 'old.csv:3', 'old.csv:4']);
  });
});
