#!/usr/bin/env node
/**
 * Web archives for the benchmark (bench/archive.mjs): the pages of bench/html-corpus.mjs written
 * as a crawler writes them, a `.warc.gz` with one gzip member per record (WARC 1.1, ISO 28500:2017
 * Annex D), byte for byte as tests/helpers/warc-writer.ts lays a record out (written from the
 * specification, not from warcio):
 *
 *   WARC/1.1 CRLF
 *   WARC-Type, WARC-Record-ID <urn:uuid:…>, WARC-Date, WARC-Target-URI, Content-Type, …,
 *   Content-Length (of the block) CRLF
 *   CRLF
 *   block CRLF CRLF
 *
 * What a crawl of kcna.kp holds: a `warcinfo` record first; then, for each page, a `request` record
 * (the GET) and a `response` record (an HTTP/1.1 200 with `Content-Type: text/html; charset=…` and
 * `Content-Length`, the page's bytes as the corpus has them) at
 * `http://www.kcna.kp/en/article/q/<32 hex>.kcmsf`. After every tenth page, one record that holds
 * no page (with its request), in turn: a stylesheet (text/css), an image (image/png, incompressible
 * bytes), a 404 page (text/html) and a 301 redirect: 9% of the responses, which a reader must skip.
 * The charset the server sends is utf-8, or windows-1252 for the pages that are not UTF-8 (the
 * kcna.co.jp ones), as a server that knows its files says.
 *
 * Archives are written to disk as they are made (a member at a time, through a 1 MiB buffer), never
 * held whole, and cached under $TMPDIR/kcna-parse-bench keyed by their parameters:
 *
 *   ensureArchive({ corpus, seed })            the corpus's pages once: warc-<files>-<key>/corpus.warc.gz
 *   ensureBigArchive({ corpus, megabytes })    the corpus's pages repeated, each repetition with its
 *                                              own addresses, record ids and capture dates, until the
 *                                              file holds `megabytes` MiB (compressed):
 *                                              warc-big-<mb>-<key>/big.warc.gz
 *
 *   node bench/archive-corpus.mjs [--files 20000] [--big-mb N]
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { DEFAULT_ROOT } from './corpus.mjs';
import { ensureHtmlCorpus, pagePath } from './html-corpus.mjs';

const HERE = fileURLToPath(import.meta.url);
const CRLF2 = Buffer.from('\r\n\r\n');
/** The first capture's date; each record is a few seconds after the one before. */
const CRAWL_START = Date.UTC(2025, 11, 14, 8, 0, 0);
const NON_PAGES = ['css', 'png', '404', '301'];

const hex = (...parts) => createHash('sha256').update(parts.join(':')).digest('hex');

/** A made-up but well-formed urn:uuid (version 4 layout) from a key. */
function uuid(key) {
  const h = hex('uuid', key);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const warcDate = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const httpDate = (ms) => new Date(ms).toUTCString();

/** sha1:BASE32, the payload digest form of Heritrix and wget. */
function payloadDigest(payload) {
  const digest = createHash('sha1').update(payload).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return `sha1:${out}`;
}

/** One record, byte for byte: version line, fields (Content-Length last), CRLF, block, CRLF CRLF. */
function warcRecord(fields, block) {
  const lines = ['WARC/1.1', ...fields.map(([name, value]) => `${name}: ${value}`), `Content-Length: ${block.length}`];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), block, CRLF2]);
}

/** An HTTP/1.1 message: start line, header fields, a blank line, the body. */
function httpMessage(startLine, headers, body = Buffer.alloc(0)) {
  const head = [startLine, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]);
}

/** Deterministic incompressible bytes (xorshift32), for images. */
function noise(length, seed) {
  const out = Buffer.allocUnsafe(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const CSS = Buffer.from(
  Array.from({ length: 60 }, (_, k) => `.block-${k} { margin: ${k % 7}px ${k % 5}px; padding: 0 ${k % 3}em; font: 14px/1.5 "Noto Sans", sans-serif; color: #${(k * 2654435761 >>> 8).toString(16).padStart(6, '0').slice(0, 6)}; }\n`).join(''),
);
const NOT_FOUND = Buffer.from('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>404 Not Found</title></head>\n<body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>\n');

/**
 * Writes records as gzip members through a 1 MiB buffer. Returns the writer: add(record), close().
 */
function memberWriter(file) {
  const fd = fs.openSync(file, 'w');
  const BUFFER = 1 << 20;
  let pending = [];
  let pendingBytes = 0;
  let written = 0;
  let raw = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    fs.writeSync(fd, pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes));
    written += pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  return {
    add(record) {
      const member = zlib.gzipSync(record);
      raw += record.length;
      pending.push(member);
      pendingBytes += member.length;
      if (pendingBytes >= BUFFER) flush();
    },
    get bytes() {
      return written + pendingBytes;
    },
    get raw() {
      return raw;
    },
    close() {
      flush();
      fs.closeSync(fd);
    },
  };
}

/**
 * The records of one capture of page `index` in repetition `round`, and after every tenth page a
 * non-page response: request and response records, with the counts they add.
 */
function capture(writer, counts, page, { seed, index, round, files }) {
  const serial = round * files + index;
  const at = CRAWL_START + serial * 7000;
  const key = `${seed}:${round}:${index}`;
  const uri = `http://www.kcna.kp/en/article/q/${hex('page', key).slice(0, 32)}.kcmsf`;
  exchange(writer, counts, {
    key,
    uri,
    at,
    status: '200 OK',
    headers: [['Content-Type', `text/html; charset=${isUtf8(page) ? 'utf-8' : 'windows-1252'}`]],
    body: page,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  });
  counts.pages++;
  if (index % 10 !== 9) return;
  const kind = NON_PAGES[Math.floor(index / 10) % NON_PAGES.length];
  const other = `${key}:${kind}`;
  const id = hex('other', other).slice(0, 32);
  const when = at + 3000;
  if (kind === 'css') {
    exchange(writer, counts, { key: other, uri: `http://www.kcna.kp/resources/css/style.css?v=${id.slice(0, 8)}`, at: when, status: '200 OK', headers: [['Content-Type', 'text/css']], body: CSS, accept: 'text/css,*/*;q=0.1' });
  } else if (kind === 'png') {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(8_000 + (parseInt(id.slice(0, 4), 16) % 24_000), parseInt(id.slice(0, 8), 16))]);
    exchange(writer, counts, { key: other, uri: `http://www.kcna.kp/siteFiles/photo/${id}.png`, at: when, status: '200 OK', headers: [['Content-Type', 'image/png']], body: bytes, accept: 'image/avif,image/webp,*/*' });
  } else if (kind === '404') {
    exchange(writer, counts, { key: other, uri: `http://www.kcna.kp/en/article/q/${id}.kcmsf`, at: when, status: '404 Not Found', headers: [['Content-Type', 'text/html; charset=utf-8']], body: NOT_FOUND, accept: 'text/html,*/*;q=0.8' });
  } else {
    const body = Buffer.from(`<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
    exchange(writer, counts, {
      key: other,
      uri: `http://kcna.kp/en/article/q/${id}.kcmsf`,
      at: when,
      status: '301 Moved Permanently',
      headers: [['Content-Type', 'text/html'], ['Location', `http://www.kcna.kp/en/article/q/${id}.kcmsf`]],
      body,
      accept: 'text/html,*/*;q=0.8',
    });
  }
  counts.nonPages[kind] = (counts.nonPages[kind] ?? 0) + 1;
}

/** A request record, then its response record. */
function exchange(writer, counts, { key, uri, at, status, headers, body, accept }) {
  const url = new URL(uri);
  const requestId = uuid(`request:${key}`);
  const responseId = uuid(`response:${key}`);
  const date = warcDate(at);
  const request = httpMessage(`GET ${url.pathname}${url.search} HTTP/1.1`, [
    ['Host', url.host],
    ['User-Agent', 'Mozilla/5.0 (compatible; kcna-parse-bench/1.0)'],
    ['Accept', accept],
    ['Accept-Language', 'en-US,en;q=0.5'],
    ['Connection', 'close'],
  ]);
  writer.add(
    warcRecord(
      [
        ['WARC-Type', 'request'],
        ['WARC-Record-ID', `<${requestId}>`],
        ['WARC-Date', date],
        ['WARC-Target-URI', uri],
        ['Content-Type', 'application/http;msgtype=request'],
        ['WARC-Concurrent-To', `<${responseId}>`],
        ['WARC-IP-Address', '175.45.176.71'],
      ],
      request,
    ),
  );
  const response = httpMessage(`HTTP/1.1 ${status}`, [
    ['Date', httpDate(at)],
    ['Server', 'nginx'],
    ...headers,
    ['Content-Length', String(body.length)],
    ['Connection', 'close'],
  ], body);
  writer.add(
    warcRecord(
      [
        ['WARC-Type', 'response'],
        ['WARC-Record-ID', `<${responseId}>`],
        ['WARC-Date', date],
        ['WARC-Target-URI', uri],
        ['Content-Type', 'application/http;msgtype=response'],
        ['WARC-IP-Address', '175.45.176.71'],
        ['WARC-Payload-Digest', payloadDigest(body)],
      ],
      response,
    ),
  );
  counts.records.request++;
  counts.records.response++;
}

function warcinfo(writer, counts, filename) {
  const block = Buffer.from(
    [
      'software: kcna-parse bench/archive-corpus.mjs',
      'format: WARC File Format 1.1',
      'conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      'isPartOf: kcna-parse-bench',
      'robots: ignore',
      '',
    ].join('\r\n'),
  );
  writer.add(
    warcRecord(
      [
        ['WARC-Type', 'warcinfo'],
        ['WARC-Record-ID', `<${uuid(`warcinfo:${filename}`)}>`],
        ['WARC-Date', warcDate(CRAWL_START)],
        ['WARC-Filename', filename],
        ['Content-Type', 'application/warc-fields'],
      ],
      block,
    ),
  );
  counts.records.warcinfo++;
}

function cacheKey(parameters) {
  const generator = createHash('sha256').update(fs.readFileSync(HERE)).digest('hex');
  return createHash('sha256').update(JSON.stringify({ ...parameters, generator })).digest('hex').slice(0, 12);
}

/**
 * Writes an archive of the corpus's pages, repeated until `targetBytes` (compressed) when given,
 * else once, to `file` (through `file.part`, renamed at the end), and its manifest last.
 */
function writeArchive({ corpus, seed, file, targetBytes = null, log }) {
  const started = Date.now();
  const partial = `${file}.part`;
  const writer = memberWriter(partial);
  const counts = { pages: 0, rounds: 0, records: { warcinfo: 0, request: 0, response: 0 }, nonPages: {} };
  warcinfo(writer, counts, path.basename(file));
  let htmlBytes = 0;
  let nextLog = 100 * 1024 * 1024;
  for (let round = 0; ; round++) {
    for (let index = 0; index < corpus.files; index++) {
      const page = fs.readFileSync(path.join(corpus.html, `${pagePath(index)}.html`));
      htmlBytes += page.length;
      capture(writer, counts, page, { seed, index, round, files: corpus.files });
      if (targetBytes !== null) {
        if (writer.bytes >= nextLog) {
          log(`  ${(writer.bytes / 1024 / 1024).toFixed(0)} of ${(targetBytes / 1024 / 1024).toFixed(0)} MiB written`);
          nextLog += 100 * 1024 * 1024;
        }
        if (writer.bytes >= targetBytes) break;
      }
    }
    counts.rounds = round + 1;
    if (targetBytes === null || writer.bytes >= targetBytes) break;
  }
  writer.close();
  fs.renameSync(partial, file);
  const manifest = {
    file: path.basename(file),
    corpus: path.basename(corpus.dir),
    seed,
    bytes: fs.statSync(file).size,
    rawBytes: writer.raw,
    htmlBytes,
    ...counts,
    seconds: (Date.now() - started) / 1000,
  };
  fs.writeFileSync(path.join(path.dirname(file), 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

function cached(dir, name) {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  return { ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')), dir, file: path.join(dir, name) };
}

/** The corpus's pages in one .warc.gz. Returns { dir, file, bytes, rawBytes, pages, records, nonPages, … }. */
export function ensureArchive({ corpus, seed = 1, root = DEFAULT_ROOT, log = () => {} }) {
  const dir = path.join(root, `warc-${corpus.files}-${cacheKey({ corpus: path.basename(corpus.dir), seed })}`);
  const hit = cached(dir, 'corpus.warc.gz');
  if (hit) return hit;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`writing ${path.join(dir, 'corpus.warc.gz')}`);
  const file = path.join(dir, 'corpus.warc.gz');
  return { ...writeArchive({ corpus, seed, file, log }), dir, file };
}

/** A .warc.gz of `megabytes` MiB (compressed) repeating the corpus's pages. */
export function ensureBigArchive({ corpus, megabytes, seed = 1, root = DEFAULT_ROOT, log = () => {} }) {
  const dir = path.join(root, `warc-big-${megabytes}-${cacheKey({ corpus: path.basename(corpus.dir), seed, megabytes })}`);
  const hit = cached(dir, 'big.warc.gz');
  if (hit) return hit;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`writing ${path.join(dir, 'big.warc.gz')} (${megabytes} MiB)`);
  const file = path.join(dir, 'big.warc.gz');
  return { ...writeArchive({ corpus, seed, file, targetBytes: megabytes * 1024 * 1024, log }), dir, file };
}

if (process.argv[1] && HERE === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' }, 'big-mb': { type: 'string' } } });
  const log = (line) => process.stderr.write(`${line}\n`);
  const corpus = ensureHtmlCorpus({ files: Number(values.files), log });
  const archive = values['big-mb'] ? ensureBigArchive({ corpus, megabytes: Number(values['big-mb']), seed: Number(values.seed), log }) : ensureArchive({ corpus, seed: Number(values.seed), log });
  process.stdout.write(`${JSON.stringify(archive)}\n`);
}
