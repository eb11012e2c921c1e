#!/usr/bin/env node
/**
 * Writes the web-archive fixtures under fixtures/archives/ from the project's own page fixtures
 * (fixtures/html-*\/input.html, fixtures/sample/input.txt), so that a record read from an archive
 * can be compared with the same page read as a file:
 *
 *   warcio/records.warc.gz     written by warcio's WARCRecord.create + WARCSerializer, a gzip member per record
 *   warcio/records.warc        the same records, uncompressed
 *   warcio/records-whole.warc.gz  the uncompressed WARC in one gzip member (as `gzip -c` makes it)
 *   warcio/records.json        what each record is and what reading it must give (the tests' key)
 *   wacz/good.wacz             a WACZ 1.1.1: two WARCs, pages/pages.jsonl, indexes/index.cdx, datapackage.json
 *   wacz/bad-hash.wacz         good.wacz with one WARC's sha256 in datapackage.json changed
 *   wacz/deflated.wacz         the WARCs deflated in the zip and no datapackage.json (read in name order)
 *   wacz/zip-slip.wacz         a WACZ whose zip also names ../evil.warc.gz
 *
 * The zips are written by Python's zipfile (python3, as CI has it): yauzl only reads. Everything is
 * deterministic (fixed record ids, dates and zip times), so running the script again rewrites the
 * same bytes with the same zlib. fixtures/archives/wget/ is written by tests/archive/wget.test.ts
 * (KCNA_PARSE_WRITE_WGET_FIXTURE=1), not here.
 *
 *   node scripts/make-archive-fixtures.mjs
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { CDXIndexer, WARCRecord, WARCSerializer } from 'warcio';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'fixtures', 'archives');
const fixture = (name, file = 'input.html') => new Uint8Array(readFileSync(path.join(ROOT, 'fixtures', name, file)));
const encode = (text) => new TextEncoder().encode(text);

/** A fixed record id per name, so that the fixtures are the same on every run. */
const id = (name) => {
  const hex = createHash('sha256').update(name).digest('hex');
  return `<urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}>`;
};

/** HTTP/1.1 chunked transfer coding, in chunks of `size` bytes. */
function chunked(bytes, size) {
  const parts = [];
  for (let at = 0; at < bytes.length; at += size) {
    const chunk = bytes.subarray(at, at + size);
    parts.push(encode(`${chunk.length.toString(16)}\r\n`), chunk, encode('\r\n'));
  }
  parts.push(encode('0\r\n\r\n'));
  return Buffer.concat(parts);
}

async function* once(bytes) {
  yield bytes;
}

const DAY = '2025-12-14';
const time = (hh, mm) => `${DAY}T${hh}:${mm}:00Z`;

/**
 * The records, in archive order. `expect` is what readArchive must give: a record (with the
 * fixture whose bytes its payload is, and its content type and charset), or a skip with its
 * reason.
 */
const pages = [
  { name: 'kcna-kp-article', fixture: 'html-kcna-kp-article', uri: 'http://www.kcna.kp/en/article/q/5d9c1e0a6f3b4c2d8e7f6a5b4c3d2e1f.kcmsf', date: time('08', '00'), headers: { 'Content-Type': 'text/html; charset=utf-8' }, encode: 'identity', charset: 'utf-8' },
  { name: 'rodong-new', fixture: 'html-rodong-new', uri: 'http://www.rodong.rep.kp/en/index.php?MTJAMjAyMy0xMC0wOS1IMDA1QDNAMUBAMEA1QA==', date: time('08', '01'), headers: { 'Content-Type': 'text/html;charset=UTF-8', 'Transfer-Encoding': 'chunked' }, encode: 'chunked', charset: 'UTF-8' },
  { name: 'kcna-co-jp-kns-2010', fixture: 'html-kcna-co-jp-kns-2010', uri: 'http://www.kcna.co.jp/item/2010/201003/news23/20100323-01ee.html', date: time('08', '02'), headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, encode: 'gzip', charset: null },
  { name: 'uriminzokkiri-article', fixture: 'html-uriminzokkiri-article', uri: 'http://www.uriminzokkiri.com/index.php?ptype=cgisas&mtype=view&no=1234', date: time('08', '03'), headers: { 'Content-Type': 'text/html; charset="utf-8"', 'Content-Encoding': 'br' }, encode: 'br', charset: 'utf-8' },
  { name: 'kcna-co-jp-korean-euc-kr', fixture: 'html-kcna-co-jp-korean-euc-kr', uri: 'http://www.kcna.co.jp/calendar/2003/03/03-23/2003-0323-001.htm', date: time('08', '04'), headers: { 'Content-Type': 'text/html; charset=EUC-KR', 'Content-Encoding': 'deflate' }, encode: 'deflate', charset: 'EUC-KR' },
  { name: 'unknown-site', fixture: 'html-unknown-site', uri: 'http://example.org/news/kcna-report.php', date: time('08', '05'), headers: {}, encode: 'identity', charset: null, sniffed: true },
];

/** The records, made afresh (WARCSerializer reads a record's body once), serialized with or without gzip. */
async function build(gzip) {
  const records = [];
  const expected = [];
  const digests = new Map();
  const add = (record, expectation) => {
    records.push(record);
    expected.push(expectation);
  };

  add(
    WARCRecord.createWARCInfo(
      { filename: 'records.warc.gz', warcVersion: 'WARC/1.1', date: time('07', '59'), warcHeaders: { 'WARC-Record-ID': id('warcinfo') } },
      { software: 'kcna-parse scripts/make-archive-fixtures.mjs (warcio.js 2)', format: 'WARC File Format 1.1', isPartOf: 'kcna-parse fixtures' },
    ),
    { kind: 'skip', type: 'warcinfo', reason: 'type' },
  );

  for (const page of pages) {
    const html = fixture(page.fixture);
    let body = html;
    if (page.encode === 'chunked') body = chunked(html, 1000);
    else if (page.encode === 'gzip') body = zlib.gzipSync(html, { level: 9 });
    else if (page.encode === 'br') body = zlib.brotliCompressSync(html);
    else if (page.encode === 'deflate') body = zlib.deflateSync(html);
    add(
      WARCRecord.create({ url: page.uri, date: page.date, type: 'request', warcVersion: 'WARC/1.1', statusline: `GET ${new URL(page.uri).pathname}${new URL(page.uri).search} HTTP/1.1`, httpHeaders: { Host: new URL(page.uri).host, 'Accept-Encoding': 'gzip, deflate, br' }, warcHeaders: { 'WARC-Record-ID': id(`${page.name} request`) } }),
      { kind: 'skip', type: 'request', reason: 'type' },
    );
    const response = WARCRecord.create(
      { url: page.uri, date: page.date, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: page.headers, warcHeaders: { 'WARC-Record-ID': id(`${page.name} response`) } },
      once(body),
    );
    add(response, { kind: 'record', type: 'response', fixture: page.fixture, recordId: id(`${page.name} response`).slice(1, -1), uri: page.uri, capturedAt: page.date, contentType: 'text/html', charset: page.charset, encoding: page.encode });
    digests.set(page.name, response);
  }

  const small = (name, uri, statusline, headers, body, expectation, type = 'response') =>
    add(WARCRecord.create({ url: uri, date: time('08', '10'), type, warcVersion: 'WARC/1.1', statusline, httpHeaders: headers, warcHeaders: { 'WARC-Record-ID': id(name) } }, once(encode(body))), expectation);
  small('missing', 'http://www.kcna.kp/en/article/q/missing.kcmsf', 'HTTP/1.1 404 Not Found', { 'Content-Type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n', { kind: 'skip', type: 'response', reason: 'status', status: 404, contentType: 'text/html' });
  small('moved', 'http://kcna.kp/', 'HTTP/1.1 301 Moved Permanently', { Location: 'http://www.kcna.kp/en', 'Content-Type': 'text/html' }, '<html><body>Moved</body></html>\n', { kind: 'skip', type: 'response', reason: 'status', status: 301, contentType: 'text/html' });
  small('css', 'http://www.kcna.kp/css/style.css', 'HTTP/1.1 200 OK', { 'Content-Type': 'text/css' }, 'body { font-family: serif; }\n', { kind: 'skip', type: 'response', reason: 'media', status: 200, contentType: 'text/css' });
  add(
    WARCRecord.create({ url: 'http://www.kcna.kp/images/logo.png', date: time('08', '10'), type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': 'image/png' }, warcHeaders: { 'WARC-Record-ID': id('png') } }, once(fixture('binary-png', 'input.txt'))),
    { kind: 'skip', type: 'response', reason: 'media', status: 200, contentType: 'image/png' },
  );
  small('robots', 'http://www.kcna.kp/robots.txt', 'HTTP/1.1 200 OK', { 'Content-Type': 'text/plain' }, 'User-agent: *\nDisallow:\n', { kind: 'skip', type: 'response', reason: 'media', status: 200, contentType: 'text/plain' });
  add(
    WARCRecord.create(
      { url: pages[0].uri, date: time('08', '00'), type: 'metadata', warcVersion: 'WARC/1.1', warcHeaders: { 'WARC-Record-ID': id('metadata'), 'Content-Type': 'application/warc-fields', 'WARC-Concurrent-To': id('kcna-kp-article response') } },
      once(encode('outlink: http://www.kcna.kp/css/style.css E =EMBED_MISC\r\noutlink: http://www.kcna.kp/images/logo.png E =EMBED_MISC\r\n')),
    ),
    { kind: 'skip', type: 'metadata', reason: 'type' },
  );

  // A later capture of the first page, whose payload did not change: a revisit pointing to it.
  const original = digests.get('kcna-kp-article');
  const revisitDate = '2025-12-20T09:30:00Z';
  const revisit = WARCRecord.create({
    url: pages[0].uri,
    date: revisitDate,
    type: 'revisit',
    warcVersion: 'WARC/1.1',
    refersToUrl: pages[0].uri,
    refersToDate: pages[0].date,
    statusline: 'HTTP/1.1 200 OK',
    httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    warcHeaders: { 'WARC-Record-ID': id('revisit'), 'WARC-Refers-To': id('kcna-kp-article response'), 'WARC-Payload-Digest': '(set below)' },
  });
  add(revisit, { kind: 'record', type: 'revisit', fixture: pages[0].fixture, recordId: id('revisit').slice(1, -1), uri: pages[0].uri, capturedAt: revisitDate, contentType: 'text/html', charset: 'utf-8', revisitOf: id('kcna-kp-article response').slice(1, -1) });
  // A revisit of a capture this archive does not hold (made in an earlier crawl).
  add(
    WARCRecord.create({
      url: 'http://www.kcna.kp/en/article/q/earlier.kcmsf',
      date: time('08', '20'),
      type: 'revisit',
      warcVersion: 'WARC/1.1',
      refersToUrl: 'http://www.kcna.kp/en/article/q/earlier.kcmsf',
      refersToDate: '2025-11-01T00:00:00Z',
      statusline: 'HTTP/1.1 200 OK',
      httpHeaders: { 'Content-Type': 'text/html' },
      warcHeaders: { 'WARC-Record-ID': id('revisit elsewhere'), 'WARC-Payload-Digest': `sha256:${createHash('sha256').update('not in this archive').digest('hex')}` },
    }),
    { kind: 'skip', type: 'revisit', reason: 'revisit-unresolved', status: 200, contentType: 'text/html' },
  );
  // A dump kept as a resource (as a crawler keeps a fetched file), and a saved page.
  add(
    WARCRecord.create({ url: 'file:///archive/2021/03/sample.txt', date: time('08', '30'), type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'WARC-Record-ID': id('sample resource'), 'Content-Type': 'text/plain; charset=utf-8' } }, once(fixture('sample', 'input.txt'))),
    { kind: 'record', type: 'resource', fixture: 'sample', file: 'input.txt', recordId: id('sample resource').slice(1, -1), uri: 'file:///archive/2021/03/sample.txt', capturedAt: time('08', '30'), contentType: 'text/plain', charset: 'utf-8' },
  );
  const saved = 'http://www.kcna.kp/en/article/q/0d4e8a6b2c1f4a9e8b7d6c5a4f3e2d1c.kcmsf';
  add(
    WARCRecord.create({ url: saved, date: time('08', '31'), type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'WARC-Record-ID': id('singlefile resource'), 'Content-Type': 'text/html' } }, once(fixture('html-singlefile-kcna-kp'))),
    { kind: 'record', type: 'resource', fixture: 'html-singlefile-kcna-kp', recordId: id('singlefile resource').slice(1, -1), uri: saved, capturedAt: time('08', '31'), contentType: 'text/html', charset: null },
  );

  // In order: the original's digest is computed as it is serialized, before the revisit's turn.
  const serialized = [];
  for (const record of records) {
    if (record === revisit) revisit.warcHeaders.headers.set('WARC-Payload-Digest', original.warcPayloadDigest);
    serialized.push(await WARCSerializer.serialize(record, { gzip }));
  }
  return { bytes: Buffer.concat(serialized), expected, originalDigest: original.warcPayloadDigest };
}

/** A zip written by Python's zipfile: entries in order, with fixed times; names as given (even ../). */
function writeZip(file, entries) {
  const script = `
import json, sys, zipfile, base64
spec = json.load(sys.stdin)
with zipfile.ZipFile(spec['out'], 'w') as z:
    for e in spec['entries']:
        info = zipfile.ZipInfo(e['name'], date_time=(2025, 12, 14, 8, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if e['deflate'] else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        z.writestr(info, base64.b64decode(e['data']))
`;
  const input = JSON.stringify({ out: file, entries: entries.map((e) => ({ name: e.name, deflate: Boolean(e.deflate), data: Buffer.from(e.data).toString('base64') })) });
  const result = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3 zipfile failed: ${result.stderr}`);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function cdx(warcs) {
  const indexer = new CDXIndexer({ format: 'cdxj' });
  const lines = [];
  for await (const line of indexer.iterIndex(warcs.map(({ name, bytes }) => ({ filename: name, reader: once(bytes) })))) lines.push(indexer.serialize(line));
  return lines.sort().join('');
}

async function main() {
  const { bytes: plain, expected, originalDigest: digest } = await build(false);
  const { bytes: gzip } = await build(true);
  mkdirSync(path.join(OUT, 'warcio'), { recursive: true });
  mkdirSync(path.join(OUT, 'wacz'), { recursive: true });
  writeFileSync(path.join(OUT, 'warcio', 'records.warc'), plain);
  writeFileSync(path.join(OUT, 'warcio', 'records.warc.gz'), gzip);
  // gzip -c: one member, no file name, mtime 0.
  writeFileSync(path.join(OUT, 'warcio', 'records-whole.warc.gz'), zlib.gzipSync(plain, { level: 6 }));
  writeFileSync(path.join(OUT, 'warcio', 'records.json'), `${JSON.stringify(expected, null, 2)}\n`);

  // The WACZ: the records, and a second WARC (listed second in datapackage.json, though its name
  // sorts first) holding a revisit of a page in the first.
  const firstPage = expected.find((e) => e.kind === 'record');
  const later = WARCRecord.create({
    url: firstPage.uri,
    date: '2025-12-21T10:00:00Z',
    type: 'revisit',
    warcVersion: 'WARC/1.1',
    refersToUrl: firstPage.uri,
    refersToDate: firstPage.capturedAt,
    statusline: 'HTTP/1.1 200 OK',
    httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    warcHeaders: { 'WARC-Record-ID': id('wacz revisit'), 'WARC-Payload-Digest': digest },
  });
  const revisits = Buffer.from(await WARCSerializer.serialize(later, { gzip: true }));
  const warcs = [
    { name: 'archive/data.warc.gz', bytes: gzip },
    { name: 'archive/0-revisits.warc.gz', bytes: revisits },
  ];
  const pagesJsonl = `${[
    JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }),
    ...expected.filter((e) => e.kind === 'record' && e.type === 'response').map((e) => JSON.stringify({ id: e.recordId, url: e.uri, ts: e.capturedAt })),
  ].join('\n')}\n`;
  const files = [...warcs.map(({ name, bytes }) => ({ name, data: bytes })), { name: 'pages/pages.jsonl', data: encode(pagesJsonl), deflate: true }, { name: 'indexes/index.cdx', data: encode(await cdx(warcs)), deflate: true }];
  const datapackage = (changed) => ({
    profile: 'data-package',
    wacz_version: '1.1.1',
    created: '2025-12-21T10:00:00Z',
    software: 'kcna-parse scripts/make-archive-fixtures.mjs',
    title: 'kcna-parse fixtures',
    resources: files.map(({ name, data }) => ({ name: path.posix.basename(name), path: name, hash: `sha256:${name === changed ? sha256('something else') : sha256(data)}`, bytes: data.length })),
  });
  const pack = (changed) => encode(`${JSON.stringify(datapackage(changed), null, 2)}\n`);
  // Archive entries stored, as WACZ writers store them (a .warc.gz gains nothing from deflate).
  writeZip(path.join(OUT, 'wacz', 'good.wacz'), [...files, { name: 'datapackage.json', data: pack(null), deflate: true }]);
  writeZip(path.join(OUT, 'wacz', 'bad-hash.wacz'), [...files, { name: 'datapackage.json', data: pack('archive/data.warc.gz'), deflate: true }]);
  // Deflated entries cannot be re-read from an offset: the revisit's original is held in memory.
  // Without datapackage.json, name order: data before revisits.
  writeZip(path.join(OUT, 'wacz', 'deflated.wacz'), [
    { name: 'archive/revisits.warc.gz', data: revisits, deflate: true },
    { name: 'archive/data.warc.gz', data: gzip, deflate: true },
  ]);
  writeZip(path.join(OUT, 'wacz', 'zip-slip.wacz'), [...files, { name: '../evil.warc.gz', data: revisits }, { name: 'datapackage.json', data: pack(null), deflate: true }]);
}

await main();
