/**
 * Reading a WACZ (Web Archive Collection Zipped, 1.1.1): a zip holding its WARCs under archive/,
 * a page list (pages/pages.jsonl), indexes (indexes/) and datapackage.json, which lists every file
 * with its SHA-256. Only the WARCs are read, as streams from the zip (yauzl: a zip needs random
 * access, to its central directory at the end); nothing is ever extracted to disk. The page list
 * and the indexes are not needed to read every record, and are ignored.
 *
 * The WARCs are read in datapackage.json's order (then any it does not list, by name), and each is
 * hashed as it streams by: a WARC that disagrees with its hash is reported at its end. A zip whose
 * entries name paths outside it (`../`, `/`, `C:/`, backslashes) is refused whole before anything
 * is read, as is one yauzl cannot read.
 */
import { createHash } from 'node:crypto';
import type { Entry, ZipFile } from 'yauzl';
import { KcnaError } from '../../errors.js';
import { loadYauzl } from './load.js';
import type { RevisitStore } from './revisits.js';
import type { ArchiveFailure, ArchiveItem } from './types.js';
import { SourceDamage, readWarc } from './warc.js';

/** datapackage.json is a small file; a larger one is not a WACZ's. */
const DATAPACKAGE_MAX = 16 * 1024 * 1024;

/** The names of the WARCs in a WACZ. */
const WARC_ENTRY = /^archive\/.+\.warc(\.gz)?$/i;

export interface WaczContext {
  display: string;
  maxBytes: number;
  select: ((uri: string) => boolean) | null;
  revisits: RevisitStore;
}

export async function* readWacz(file: string | Buffer, context: WaczContext): AsyncGenerator<ArchiveItem> {
  const fail = (offset: number, member: string | null, what: string, fatal = true, code: 'ARCHIVE_DAMAGED' | 'READ_ERROR' = 'ARCHIVE_DAMAGED'): ArchiveFailure => ({
    kind: 'error',
    error: new KcnaError(code, code === 'READ_ERROR' ? `cannot read the archive: ${what}` : `the archive is damaged${member ? ` (${member})` : ''}: ${what}`, { path: context.display }),
    offset,
    member,
    recordId: null,
    targetUri: null,
    fatal,
  });

  const yauzl = await loadYauzl();
  let zip: ZipFile;
  try {
    // strictFileNames: a name with a backslash is refused like one with '../'.
    // A Buffer path (a name that is not UTF-8) goes to fs.open as it is.
    zip = await yauzl.openPromise(file as string, { autoClose: false, lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) yield fail(0, null, `${(error as Error).message}`, true, 'READ_ERROR');
    else yield fail(0, null, `it is not a readable zip (${(error as Error).message})`);
    return;
  }
  try {
    // Every entry first: the central directory is small, and a bad name anywhere refuses the zip
    // before any of it is read.
    const entries = new Map<string, Entry>();
    try {
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    } catch (error) {
      const message = (error as Error).message;
      if (/relative path|absolute path|invalid characters/i.test(message)) yield fail(0, null, `the zip names a file outside itself (${message}); nothing was read`);
      else yield fail(0, null, `its zip directory cannot be read (${message})`);
      return;
    }

    const expected = new Map<string, string>();
    const order: string[] = [];
    const packageEntry = entries.get('datapackage.json');
    if (packageEntry !== undefined) {
      const listed = await readDatapackage(zip, packageEntry);
      if (typeof listed === 'string') {
        yield fail(0, 'datapackage.json', listed, false);
      } else {
        for (const { path, hash } of listed) {
          if (!WARC_ENTRY.test(path)) continue;
          if (!entries.has(path)) {
            yield fail(0, path, 'datapackage.json lists this WARC, but the zip does not hold it', false);
            continue;
          }
          if (hash !== null) expected.set(path, hash);
          if (!order.includes(path)) order.push(path);
        }
      }
    }
    // WARCs the datapackage does not list, by name (code point order).
    order.push(...[...entries.keys()].filter((name) => WARC_ENTRY.test(name) && !order.includes(name)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    if (order.length === 0) {
      yield fail(0, null, 'it holds no WARC under archive/');
      return;
    }

    /** Opens a stored WARC again from an offset (a revisit's original); a compressed entry cannot be. */
    const reopen = (member: string | null, offset: number) => {
      const entry = member === null ? undefined : entries.get(member);
      if (entry === undefined || entry.compressionMethod !== 0) return null;
      return zip.openReadStreamPromise(entry, { start: offset, decodeFileData: false }) as Promise<AsyncIterable<Uint8Array>>;
    };

    for (const name of order) {
      const entry = entries.get(name)!;
      const hash = createHash('sha256');
      const counted = { bytes: 0 };
      let stream: AsyncIterable<Uint8Array>;
      try {
        stream = (await zip.openReadStreamPromise(entry)) as AsyncIterable<Uint8Array>;
      } catch (error) {
        yield fail(0, name, `its entry cannot be read (${(error as Error).message})`);
        return;
      }
      const items = readWarc(hashed(stream, hash, counted), {
        format: 'wacz',
        member: name,
        display: context.display,
        maxBytes: context.maxBytes,
        select: context.select,
        revisits: context.revisits,
        reopen: entry.compressionMethod === 0 ? reopen : null,
      });
      let fatal = false;
      for await (const item of items) {
        yield item;
        if (item.kind === 'error' && item.fatal) fatal = true;
      }
      // Damage inside one WARC ends the reading: what follows it cannot be trusted either.
      if (fatal) return;
      const want = expected.get(name);
      const got = hash.digest('hex');
      if (want !== undefined && want !== got) {
        yield fail(0, name, `its SHA-256 is ${got}, datapackage.json says ${want}: the file was changed or damaged after the WACZ was made`, false);
      }
    }
  } finally {
    zip.close();
  }
}

/** The files datapackage.json lists, with their SHA-256 (hex, lower case) when given; a string says what is wrong. */
async function readDatapackage(zip: ZipFile, entry: Entry): Promise<Array<{ path: string; hash: string | null }> | string> {
  if (entry.uncompressedSize > DATAPACKAGE_MAX) return `datapackage.json is ${entry.uncompressedSize} bytes, too large for one`;
  let text: string;
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > DATAPACKAGE_MAX) return 'datapackage.json is too large for one';
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    return `datapackage.json cannot be read (${(error as Error).message})`;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `datapackage.json is not JSON (${(error as Error).message})`;
  }
  const resources = (data as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return 'datapackage.json has no resources list';
  const listed: Array<{ path: string; hash: string | null }> = [];
  for (const resource of resources) {
    const { path, hash } = (resource ?? {}) as { path?: unknown; hash?: unknown };
    if (typeof path !== 'string') continue;
    // WACZ 1.1.1 writes sha256:<hex>; other algorithms are not checked.
    const sha256 = typeof hash === 'string' ? /^sha256:([0-9a-f]{64})$/i.exec(hash.trim()) : null;
    listed.push({ path, hash: sha256 ? sha256[1]!.toLowerCase() : null });
  }
  return listed;
}

/** The entry's bytes, hashed and counted as they pass; a failing stream is damage at the byte it reached. */
async function* hashed(stream: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>, counted: { bytes: number }): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) {
      hash.update(chunk);
      counted.bytes += chunk.length;
      yield chunk;
    }
  } catch (error) {
    throw new SourceDamage(counted.bytes, `its zip entry cannot be read past there (${(error as Error).message})`);
  }
}
