/**
 * The byte reader under warcio's WARCParser, extended with what the field's readers lack: where
 * each gzip member starts and ends, whether one broke or was cut short, and a look ahead.
 *
 * warcio's AsyncIterReader inflates a .warc.gz with pako, member after member, and silently treats
 * the rest of the file as uncompressed when a member fails to inflate; a member cut in the middle
 * just ends the stream (Python's warcio does the same). This subclass records every member as
 * pako starts it (overriding `_push`, the one place warcio hands input to an inflator), so that
 * damage is known with its byte offset, and record offsets are those of their members, as CDX
 * indexes give them.
 *
 * warcio is loaded on first use (see load.ts), so the class is made then.
 */
import type { AsyncIterReader as AsyncIterReaderType } from 'warcio';
import { loadWarcio } from './load.js';

/** One gzip member as pako inflated it. */
export interface Member {
  /** Byte offset of the member in the source. */
  rawStart: number;
  /** Compressed bytes of it consumed so far (all of them once ended). */
  rawLength: number;
  /** Offset of its first inflated byte in the inflated stream. */
  inflatedStart: number;
  /** Inflated bytes so far. */
  inflatedLength: number;
  /** Whether pako reached its end (cleanly or not). */
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
  /** The last member, when pako has started it but not reached its end. */
  unfinished(): Member | null;
}

/** How many members are remembered: enough for the record being read and the one after it. */
const MEMBERS_KEPT = 8;

interface Inflator {
  ended: boolean;
  err: number;
  strm: { total_in: number; total_out: number; msg?: string };
}

type ReaderClass = new (source: AsyncIterable<Uint8Array>, gzip: boolean, base: number) => ArchiveByteReader;

let made: Promise<ReaderClass> | null = null;

/** The reader class, made once warcio is loaded. */
export function archiveByteReader(): Promise<ReaderClass> {
  made ??= loadWarcio().then(({ AsyncIterReader }) => {
    class ArchiveReader extends AsyncIterReader implements ArchiveByteReader {
      readonly members: Member[] = [];
      broken: Member | null = null;
      /** Added to every raw offset: where in the file the source starts (a revisit's original re-read from its offset). */
      private readonly base: number;

      constructor(source: AsyncIterable<Uint8Array>, gzip: boolean, base: number) {
        super(source, gzip ? 'gzip' : null);
        this.base = base;
      }

      override _push(value: Uint8Array): void {
        const inflator = this.inflator as unknown as Inflator | null;
        if (inflator !== null && (inflator.ended || this.members.length === 0)) {
          // pako starts a new member with this input (warcio makes its inflator in super._push).
          const last = this.members.at(-1);
          this.members.push({
            rawStart: last ? last.rawStart + last.rawLength : this.base,
            rawLength: 0,
            inflatedStart: last ? last.inflatedStart + last.inflatedLength : 0,
            inflatedLength: 0,
            ended: false,
            error: null,
          });
          if (this.members.length > MEMBERS_KEPT) this.members.shift();
        }
        super._push(value);
        const current = this.inflator as unknown as Inflator | null;
        const member = this.members.at(-1);
        if (current === null || member === undefined) return;
        member.rawLength = current.strm.total_in;
        member.inflatedLength = current.strm.total_out;
        if (current.ended) {
          member.ended = true;
          if (current.err !== 0 && member.error === null) {
            member.error = current.strm.msg || `zlib error ${current.err}`;
            this.broken ??= member;
          }
        }
      }

      async peek(size: number): Promise<Uint8Array> {
        const head = await this.readSize(size);
        if (head.length > 0) {
          // readSize may have put back what followed in its last chunk: keep both, in order, as
          // the one chunk warcio's unread() allows (a second unread() would print to stdout).
          const rest = this._savedChunk;
          this._savedChunk = rest && rest.length > 0 ? concat(head, rest) : head;
          this._readOffset -= head.length;
        }
        return head;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
