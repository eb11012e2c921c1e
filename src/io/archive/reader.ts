/**
 * The byte reader under warcio's WARCParser, extended with what the field's readers lack: where
 * each gzip member starts and ends, whether one broke or was cut short, and a look ahead.
 *
 * warcio's AsyncIterReader inflates a .warc.gz with pako, member after member, and silently treats
 * the rest of the file as uncompressed when a member fails to inflate; a member cut in the middle
 * just ends the stream (Python's warcio does the same). This reader gives warcio the inflated bytes
 * itself, recording every member as it goes, so that damage is known with its byte offset, and
 * record offsets are those of their members, as CDX indexes give them.
 *
 * A member is inflated by Node's zlib (native, about three times pako's speed here) when the whole
 * of it is at hand within INFLATE_LIMITS.window compressed bytes and inflates to at most
 * INFLATE_LIMITS.output bytes, as a crawler's record-per-member .warc.gz nearly always is. zlib's
 * gunzip does not say where one member of a multi-member file ends, so the member's header (RFC
 * 1952, 2.3) is read here and its deflate data inflated raw: zlib says how much input it used, and
 * the trailer's CRC-32 and length are checked. Any member that path does not take (larger, cut
 * short, a header or data zlib would reject, a whole-file gzip) is inflated by pako as a stream, as
 * warcio does, with pako's own messages for what is wrong with it; the next member is tried
 * natively again.
 *
 * warcio and pako are loaded on first use (see load.ts), so the class is made then.
 */
import zlib from 'node:zlib';
import type { AsyncIterReader as AsyncIterReaderType } from 'warcio';
import { loadPako, loadWarcio, type PakoInflate } from './load.js';

/** One gzip member as it was inflated. */
export interface Member {
  /** Byte offset of the member in the source. */
  rawStart: number;
  /** Compressed bytes of it consumed so far (all of them once ended). */
  rawLength: number;
  /** Offset of its first inflated byte in the inflated stream. */
  inflatedStart: number;
  /** Inflated bytes so far. */
  inflatedLength: number;
  /** Whether its end was reached (cleanly or not). */
  ended: boolean;
  /** Why it failed to inflate (not gzip, corrupt data, a bad check), or null. */
  error: string | null;
}

export interface ArchiveByteReader extends AsyncIterReaderType {
  /** The members seen so far, the oldest pruned (a few are kept: records are read in order). */
  readonly members: Member[];
  /** The first member that failed to inflate, if any. */
  readonly broken: Member | null;
  /** The next `size` bytes (fewer at the end), left unread. */
  peek(size: number): Promise<Uint8Array>;
  /** The member holding the inflated byte at `position`, or null (a plain WARC, or not yet inflated). */
  memberAt(position: number): Member | null;
  /** The last member, when it was started but its end not reached. */
  unfinished(): Member | null;
}

/**
 * Where the native path stops and pako takes a member: at most `window` compressed bytes held to
 * find its end, at most `output` bytes inflated at once. `native: false` gives every member to pako.
 * Settable for the tests, which hold the two paths to the same bytes and members.
 */
export const INFLATE_LIMITS = { native: true, window: 4 * 1024 * 1024, output: 8 * 1024 * 1024 };

/** How many members are remembered: enough for the record being read and the one after it. */
const MEMBERS_KEPT = 8;
/**
 * Compressed bytes held before a member is tried natively: when fewer than LOW are left, the
 * source is read until HIGH are (most members are a few KB; copying what is left is cheap then).
 */
const LOW = 64 * 1024;
const HIGH = 512 * 1024;
/** Compressed bytes given to pako at a time. */
const PAKO_SLICE = 16 * 1024;
const EMPTY = new Uint8Array(0);
/** node:zlib's crc32 came in Node 20.15: without it every member goes to pako. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

type ReaderClass = new (source: AsyncIterable<Uint8Array>, gzip: boolean, base: number) => ArchiveByteReader;

let made: Promise<ReaderClass> | null = null;

/** The reader class, made once warcio and pako are loaded. */
export function archiveByteReader(): Promise<ReaderClass> {
  made ??= Promise.all([loadWarcio(), loadPako()]).then(([{ AsyncIterReader }, pako]) => {
    class ArchiveReader extends AsyncIterReader implements ArchiveByteReader {
      readonly members: Member[] = [];
      broken: Member | null = null;
      private readonly gzip: boolean;
      /** Compressed bytes read from the source and not yet inflated. */
      private raw: Uint8Array = EMPTY;
      /** Offset in the file of raw's first byte (base: where in the file the source starts, as when a revisit's original is re-read from its offset). */
      private rawAt: number;
      private sourceDone = false;
      /** Inflated bytes given out so far. */
      private inflatedAt = 0;
      /** The member pako is inflating, with the input it was last given. */
      private streaming: { inflator: PakoInflate; member: Member; fed: Uint8Array } | null = null;
      /** Past a member that failed: the rest given out as it is, as warcio does. */
      private passthrough = false;

      constructor(source: AsyncIterable<Uint8Array>, gzip: boolean, base: number) {
        // warcio reads what this class gives it as plain bytes: the inflating is done here.
        super(source, null);
        this.gzip = gzip;
        this.rawAt = base;
      }

      override async _next(): Promise<Uint8Array | null> {
        if (!this.gzip) return super._next();
        if (this._savedChunk) {
          const saved = this._savedChunk;
          this._savedChunk = null;
          return saved;
        }
        for (;;) {
          if (this.passthrough) return this.raw.length > 0 ? this.take(this.raw.length) : this.load();
          if (this.streaming !== null) {
            const out = await this.stepStreaming(this.streaming);
            if (out !== undefined) return out;
            continue;
          }
          if (this.raw.length < LOW && !this.sourceDone) await this.gather(HIGH);
          if (this.raw.length === 0) return null;
          const out = await this.inflateNative();
          if (out === undefined) this.startStreaming();
          else if (out.length > 0) return out;
        }
      }

      /**
       * The member at the start of `raw`, inflated by zlib, or undefined for pako to take it.
       * Gathers more input while the member's end is not at hand, up to the window.
       */
      private async inflateNative(): Promise<Uint8Array | undefined> {
        if (!INFLATE_LIMITS.native || crc32 === undefined) return undefined;
        for (;;) {
          const raw = this.raw;
          const tried = inflateMember(raw, crc32);
          if (typeof tried === 'object') {
            this.addMember({ rawStart: this.rawAt, rawLength: tried.used, inflatedStart: this.inflatedAt, inflatedLength: tried.out.length, ended: true, error: null });
            this.take(tried.used);
            this.inflatedAt += tried.out.length;
            return tried.out;
          }
          if (tried === 'reject' || this.sourceDone || raw.length >= INFLATE_LIMITS.window) return undefined;
          await this.gather(Math.min(INFLATE_LIMITS.window, raw.length * 2));
          if (this.raw.length === raw.length) return undefined;
        }
      }

      private startStreaming(): void {
        const inflator = new pako.Inflate();
        // pako's own onEnd drops the chunks not yet taken: here they stay until given out.
        inflator.onEnd = function (this: PakoInflate, status: number) {
          this.err = status;
          this.msg = this.strm.msg;
        };
        const member: Member = { rawStart: this.rawAt, rawLength: 0, inflatedStart: this.inflatedAt, inflatedLength: 0, ended: false, error: null };
        this.addMember(member);
        this.streaming = { inflator, member, fed: EMPTY };
      }

      /** The next inflated chunk of the member pako inflates, null at the end of the source, undefined when the member is done. */
      private async stepStreaming(state: { inflator: PakoInflate; member: Member; fed: Uint8Array }): Promise<Uint8Array | null | undefined> {
        const { inflator, member } = state;
        for (;;) {
          const chunk = inflator.chunks.shift();
          if (chunk !== undefined) {
            member.inflatedLength += chunk.length;
            this.inflatedAt += chunk.length;
            return chunk;
          }
          if (inflator.ended) {
            member.ended = true;
            member.rawLength = inflator.strm.total_in;
            this.streaming = null;
            // What pako was given past the member's end is the next member's start.
            const rest = state.fed.subarray(state.fed.length - inflator.strm.avail_in);
            this.raw = this.raw.length === 0 ? rest : concat(rest, this.raw);
            this.rawAt = member.rawStart + member.rawLength;
            if (inflator.err !== 0) {
              member.error = inflator.msg || `zlib error ${inflator.err}`;
              this.broken ??= member;
              this.passthrough = true;
            }
            return undefined;
          }
          // A slice at a time, as warcio feeds pako: a member of a gzip bomb inflates 1,000-fold.
          if (this.raw.length === 0) {
            const next = await this.load();
            if (next !== null) this.raw = next;
          }
          const input = this.raw.length > 0 ? this.take(Math.min(this.raw.length, PAKO_SLICE)) : null;
          if (input === null) {
            // The source ended inside the member: it stays unfinished.
            this.streaming = null;
            this.passthrough = true;
            return null;
          }
          state.fed = input;
          inflator.push(input);
          member.rawLength = inflator.strm.total_in;
        }
      }

      /** Reads from the source until `size` compressed bytes are held (or it ends). */
      private async gather(size: number): Promise<void> {
        const parts: Uint8Array[] = this.raw.length > 0 ? [this.raw] : [];
        let held = this.raw.length;
        while (held < size) {
          const next = await this.load();
          if (next === null) break;
          parts.push(next);
          held += next.length;
        }
        this.raw = parts.length === 1 ? parts[0]! : joinAll(parts, held);
      }

      /** The next chunk of the source, or null once it has ended. */
      private async load(): Promise<Uint8Array | null> {
        if (this.sourceDone) return null;
        for (;;) {
          const next = await this._loadNext();
          if (next === null) {
            this.sourceDone = true;
            return null;
          }
          if (next.length > 0) return next;
        }
      }

      /** Takes `size` bytes off the front of raw. */
      private take(size: number): Uint8Array {
        const taken = this.raw.subarray(0, size);
        this.raw = size === this.raw.length ? EMPTY : this.raw.subarray(size);
        this.rawAt += size;
        return taken;
      }

      private addMember(member: Member): void {
        this.members.push(member);
        if (this.members.length > MEMBERS_KEPT) this.members.shift();
      }

      async peek(size: number): Promise<Uint8Array> {
        const head = await this.readSize(size);
        if (head.length > 0) {
          // readSize may have put back what followed in its last chunk: keep both, in order, as
          // the one chunk warcio's unread() allows (a second unread() would print to stdout).
          const rest = this._savedChunk;
          this._savedChunk = rest && rest.length > 0 ? join(head, rest) : head;
          this._readOffset -= head.length;
        }
        return head;
      }

      // warcio's two readers of lines and sizes, as warcio writes them but splitting a chunk with
      // views (subarray) where warcio copies both halves (slice): a record's chunk is split at each
      // of its header lines, and the copies were a fifth of warcio's time on a crawl.

      override async readlineRaw(maxLength?: number): Promise<Uint8Array | null> {
        const parts: Uint8Array[] = [];
        let length = 0;
        let end = -1;
        let last: Uint8Array | null = null;
        for await (const chunk of this) {
          if (maxLength && length + chunk.byteLength > maxLength) {
            last = chunk;
            end = maxLength - length - 1;
            const newline = chunk.subarray(0, end + 1).indexOf(10);
            if (newline >= 0) end = newline;
            break;
          }
          end = chunk.indexOf(10);
          if (end >= 0) {
            last = chunk;
            break;
          }
          parts.push(chunk);
          length += chunk.byteLength;
        }
        if (last !== null) {
          parts.push(last.subarray(0, end + 1));
          length += end + 1;
          this.unread(last.subarray(end + 1));
        } else if (parts.length === 0) {
          return null;
        }
        return parts.length === 1 ? parts[0]! : joinAll(parts, length);
      }

      override async _readOrSkip(sizeLimit = -1, skip = false): Promise<readonly [number, Uint8Array]> {
        const parts: Uint8Array[] = [];
        let length = 0;
        let left = sizeLimit;
        for await (const chunk of this) {
          if (left >= 0) {
            if (chunk.length > left) {
              if (!skip) parts.push(chunk.subarray(0, left));
              length += left;
              this.unread(chunk.subarray(left));
              break;
            }
            if (chunk.length === left) {
              if (!skip) parts.push(chunk);
              length += chunk.length;
              break;
            }
            left -= chunk.length;
          }
          if (!skip) parts.push(chunk);
          length += chunk.length;
        }
        if (skip) return [length, EMPTY];
        return [length, parts.length === 1 ? parts[0]! : joinAll(parts, length)];
      }

      memberAt(position: number): Member | null {
        for (let i = this.members.length - 1; i >= 0; i--) {
          const member = this.members[i]!;
          if (member.inflatedStart <= position) return member;
        }
        return null;
      }

      unfinished(): Member | null {
        const last = this.members.at(-1);
        return last && !last.ended && last.rawLength > 0 ? last : null;
      }
    }
    return ArchiveReader as unknown as ReaderClass;
  });
  return made;
}

/**
 * The gzip member at the start of `raw` inflated by zlib, with the compressed bytes it takes
 * (header, deflate data, trailer); 'more' when its end is not within `raw`; 'reject' when zlib
 * would refuse it (or its check fails) or it inflates past INFLATE_LIMITS.output.
 */
function inflateMember(raw: Uint8Array, crc32: (data: Uint8Array) => number): { out: Uint8Array; used: number } | 'more' | 'reject' {
  const start = memberHeaderLength(raw);
  if (start === null) return 'reject';
  if (start === 'short') return 'more';
  let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    inflated = zlib.inflateRawSync(raw.subarray(start), { info: true, maxOutputLength: INFLATE_LIMITS.output }) as unknown as typeof inflated;
  } catch (error) {
    // The deflate data goes on past what is at hand; anything else is pako's to report.
    return (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'more' : 'reject';
  }
  const end = start + inflated.engine.bytesWritten;
  if (raw.length < end + 8) return 'more';
  const out = inflated.buffer;
  const trailer = new DataView(raw.buffer, raw.byteOffset + end, 8);
  if (trailer.getUint32(0, true) !== crc32(out) || trailer.getUint32(4, true) !== out.length % 2 ** 32) return 'reject';
  return { out: new Uint8Array(out.buffer, out.byteOffset, out.length), used: end + 8 };
}

/**
 * The length of the gzip member header at the start of `bytes` (RFC 1952, 2.3: ID1 ID2 CM FLG
 * MTIME XFL OS, then the optional extra field, name, comment and header CRC the flags announce);
 * 'short' when the bytes end inside it; null when it is not one zlib's gunzip would take (other
 * magic, a method other than deflate, reserved flags), which pako then reports.
 */
export function memberHeaderLength(bytes: Uint8Array): number | 'short' | null {
  if (bytes.length < 10) return bytes.length === 0 || (bytes[0] === 0x1f && (bytes.length < 2 || bytes[1] === 0x8b)) ? 'short' : null;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) return null;
  const flags = bytes[3]!;
  if ((flags & 0xe0) !== 0) return null;
  let at = 10;
  if (flags & 0x04) {
    if (bytes.length < at + 2) return 'short';
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  }
  for (const flag of [0x08, 0x10]) {
    if (!(flags & flag)) continue;
    const zero = bytes.indexOf(0, at);
    if (zero < 0) return 'short';
    at = zero + 1;
  }
  if (flags & 0x02) at += 2;
  return at < bytes.length ? at : 'short';
}

/** `a` then `b`: one view when they lie side by side in one buffer (as a chunk split by a peek), else a copy. */
function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.buffer === b.buffer && a.byteOffset + a.length === b.byteOffset) return new Uint8Array(a.buffer, a.byteOffset, a.length + b.length);
  return concat(a, b);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The parts, `length` bytes in all, copied into one array. */
export function joinAll(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
