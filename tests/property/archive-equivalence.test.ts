/**
 * A page read from a web archive is the page read from a file: for every fixture (each saved web
 * page, and the text captures, served as text/plain), the documents of its record in a WARC equal
 * the documents of the same bytes saved where `wget -m` would save them (host/path), field by
 * field, but for what only an archive knows:
 * - source.path names the archive and source.archive the record;
 * - page.url is the page's own address when it states one, else the record's WARC-Target-URI;
 * - page.capturedOn is the page's own capture date when it states one, else the WARC-Date's.
 * A fixture that is no dispatch fails alike, with the same code and message.
 *
 * How each record is stored varies (fast-check): a WARC gzip'd per record or not, the HTTP body
 * plain, chunked, gzip'd, deflated or brotli'd, and the order of the pages in the archive.
 * Replay a failure with FC_SEED=<seed> FC_PATH=<path>.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFiles, type FileResult } from '../../src/pipeline/convert.js';
import type { Dispatch } from '../../src/schema/types.js';
import { chunked, response, warcFile, warcRecord } from '../helpers/warc-writer.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures');
const HOST = 'www.example.org';
const CAPTURED = '2024-05-06T07:08:09Z';

interface Case {
  name: string;
  file: string;
  bytes: Buffer;
  contentType: string;
}

const CASES: Case[] = readdirSync(FIXTURES)
  .sort()
  .flatMap((name): Case[] => {
    for (const [file, contentType] of [
      ['input.html', 'text/html'],
      ['input.txt', 'text/plain'],
    ] as const) {
      const full = path.join(FIXTURES, name, file);
      if (existsSync(full)) return [{ name, file, bytes: readFileSync(full), contentType }];
    }
    return [];
  });

type Coding = 'identity' | 'chunked' | 'gzip' | 'deflate' | 'br';
const CODINGS: Coding[] = ['identity', 'chunked', 'gzip', 'deflate', 'br'];

/** The URL a fixture is served at; wget -m saves it at host/path. */
const urlOf = (c: Case) => `http://${HOST}/${c.name}/${c.file}`;

function record(c: Case, coding: Coding): Buffer {
  const headers: Array<[string, string]> = [['Content-Type', c.contentType]];
  let body: Buffer = c.bytes;
  if (coding === 'chunked') {
    headers.push(['Transfer-Encoding', 'chunked']);
    body = chunked(body, 777);
  } else if (coding !== 'identity') {
    headers.push(['Content-Encoding', coding]);
    body = coding === 'gzip' ? zlib.gzipSync(body) : coding === 'deflate' ? zlib.deflateSync(body) : zlib.brotliCompressSync(body);
  }
  return response(urlOf(c), body, { headers, date: CAPTURED });
}

const work = mkdtempSync(path.join(tmpdir(), 'kcna-parse-archive-equivalence-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The pages saved as files, once: where wget -m puts them (relative to `work`).
for (const c of CASES) {
  const target = path.join(work, HOST, c.name, c.file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, c.bytes);
}

async function collect(patterns: string[]): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for await (const result of parseFiles(patterns, { cwd: work })) results.push(result);
  return results;
}

/** A document with the fields only an archive knows taken out, and checked against the rule. */
function comparable(document: Dispatch, fromArchive: boolean, url: string): unknown {
  const { source, page, ...rest } = document;
  const { path: _path, archive, ...sourceRest } = source;
  const { url: pageUrl, capturedOn, ...pageRest } = page;
  if (fromArchive) {
    expect(archive).toMatchObject({ format: 'warc', targetUri: url, capturedAt: CAPTURED });
  } else {
    expect(archive).toBeNull();
  }
  return { ...rest, source: sourceRest, page: pageRest, pageUrl, capturedOn };
}

describe('a page read from a web archive is the page read from a file', () => {
  const files = new Map<string, FileResult>();

  it('reads every fixture as a file first', async () => {
    const results = await collect(CASES.map((c) => `${HOST}/${c.name}/${c.file}`));
    expect(results).toHaveLength(CASES.length);
    CASES.forEach((c, i) => files.set(c.name, results[i]!));
    expect(CASES.length).toBeGreaterThan(90);
  });

  it('gives the same documents from a WARC, whatever the storing', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        // Names, not the cases: a counterexample is then printed short.
        fc.shuffledSubarray(CASES.map((c) => c.name), { minLength: 1, maxLength: 12 }),
        fc.infiniteStream(fc.constantFrom(...CODINGS)),
        fc.boolean(),
        async (names, codings, compress) => {
          const cases = names.map((name) => CASES.find((c) => c.name === name)!);
          const iterator = codings[Symbol.iterator]();
          const records = [warcRecord({ type: 'warcinfo', block: 'software: test\r\n', contentType: 'application/warc-fields' })];
          for (const c of cases) records.push(record(c, iterator.next().value as Coding));
          const name = `run-${run++}.warc${compress ? '.gz' : ''}`;
          writeFileSync(path.join(work, name), warcFile(records, compress).file);
          const results = await collect([name]);
          expect(results).toHaveLength(cases.length);
          cases.forEach((c, i) => {
            const fromFile = files.get(c.name)!;
            const fromArchive = results[i]!;
            expect(fromArchive.ok, c.name).toBe(fromFile.ok);
            if (!fromFile.ok || !fromArchive.ok) {
              if (!fromFile.ok && !fromArchive.ok) expect([fromArchive.error.code, fromArchive.error.message], c.name).toEqual([fromFile.error.code, fromFile.error.message]);
              return;
            }
            expect(fromArchive.documents.map((d) => d.source.path)).toEqual(fromArchive.documents.map(() => name));
            const expected = fromFile.documents.map((d) => {
              const shaped = comparable(d, false, urlOf(c)) as { pageUrl: string | null; capturedOn: string | null };
              // The archive's address and date where the page states none.
              return { ...shaped, pageUrl: shaped.pageUrl ?? urlOf(c), capturedOn: shaped.capturedOn ?? CAPTURED.slice(0, 10) };
            });
            expect(
              fromArchive.documents.map((d) => comparable(d, true, urlOf(c))),
              c.name,
            ).toEqual(expected);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
