/**
 * What a revisit record needs to find its payload: the earlier records it may point to, by payload
 * digest (the identical-payload-digest profile), by WARC-Refers-To record id, and by
 * WARC-Refers-To-Target-URI with WARC-Refers-To-Date.
 *
 * Both maps are bounded. Where the archive can be read again from an offset (a file, a stored
 * WACZ entry), only the record's location is kept, and the original is re-read when a revisit
 * asks for it. Otherwise (a stream, a whole-file gzip, a deflated zip entry) the decoded payloads
 * themselves are kept, least recently used dropped first, up to PAYLOAD_BUDGET bytes: a revisit of
 * a payload that was dropped is skipped as unresolved.
 */

import { createHash } from 'node:crypto';

/** Where a record is: enough to read it again. */
export interface RecordLocation {
  member: string | null;
  offset: number;
  recordId: string;
}

/** A location that holds no slice of a larger string (see recordKeys). */
function flatLocation(location: RecordLocation): RecordLocation {
  return { member: location.member, offset: location.offset, recordId: Buffer.from(location.recordId, 'utf8').toString('utf8') };
}

/** A page payload kept in memory, for sources that cannot be read again. */
export interface HeldPayload {
  recordId: string;
  bytes: Uint8Array;
  contentType: string;
  charset: string | null;
}

/** Keys remembered (each about a hundred bytes with its share of a location). */
const LOCATIONS_KEPT = 100_000;
/** Bytes of payloads held for revisits of a stream. */
export const PAYLOAD_BUDGET = 64 * 1024 * 1024;

/**
 * The keys under which a record is remembered or asked for: its id, its capture (URI and ISO date),
 * its payload digest; each as a SHA-1 of its text. The texts are slices of the record's decoded
 * WARC header, and a slice keeps the whole header alive in V8: kept as they were, the keys held
 * every header of a 1 GiB archive read so far (12 MiB of the 47 MiB live heap measured on 300 MiB).
 * A hash is a short flat string of its own, and 160 bits make a false match beyond reach.
 */
export function recordKeys(recordId: string | null, uri: string | null, date: string | null, digest: string | null): string[] {
  const keys: string[] = [];
  if (recordId) keys.push(keyOf(`id ${recordId}`));
  if (uri && date) keys.push(keyOf(`at ${uri} ${date}`));
  if (digest) keys.push(keyOf(`digest ${digest.trim()}`));
  return keys;
}

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export class RevisitStore {
  private readonly locations = new Map<string, RecordLocation>();
  /** Held payloads in least-recently-used order (a Map keeps insertion order), with their keys. */
  private readonly held = new Map<HeldPayload, string[]>();
  private readonly heldByKey = new Map<string, HeldPayload>();
  private heldBytes = 0;

  constructor(private readonly budget = PAYLOAD_BUDGET) {}

  rememberLocation(keys: readonly string[], found: RecordLocation): void {
    const location = flatLocation(found);
    for (const key of keys) {
      this.locations.delete(key);
      this.locations.set(key, location);
      if (this.locations.size > LOCATIONS_KEPT) this.locations.delete(this.locations.keys().next().value!);
    }
  }

  holdPayload(keys: readonly string[], payload: HeldPayload): void {
    if (payload.bytes.length > this.budget) return;
    for (const key of keys) this.dropKey(key);
    this.held.set(payload, [...keys]);
    for (const key of keys) this.heldByKey.set(key, payload);
    this.heldBytes += payload.bytes.length;
    while (this.heldBytes > this.budget) {
      const [oldest, oldestKeys] = this.held.entries().next().value!;
      this.held.delete(oldest);
      this.heldBytes -= oldest.bytes.length;
      for (const key of oldestKeys) if (this.heldByKey.get(key) === oldest) this.heldByKey.delete(key);
    }
  }

  /** The first of the keys found: a location to re-read, or a held payload. */
  find(keys: readonly string[]): { location: RecordLocation } | { payload: HeldPayload } | null {
    for (const key of keys) {
      const payload = this.heldByKey.get(key);
      if (payload !== undefined) {
        // Used: now the most recent.
        const payloadKeys = this.held.get(payload)!;
        this.held.delete(payload);
        this.held.set(payload, payloadKeys);
        return { payload };
      }
      const location = this.locations.get(key);
      if (location !== undefined) return { location };
    }
    return null;
  }

  private dropKey(key: string): void {
    const payload = this.heldByKey.get(key);
    if (payload === undefined) return;
    this.heldByKey.delete(key);
    const keys = this.held.get(payload);
    if (keys === undefined) return;
    const rest = keys.filter((k) => k !== key);
    if (rest.length > 0) {
      this.held.set(payload, rest);
    } else {
      this.held.delete(payload);
      this.heldBytes -= payload.bytes.length;
    }
  }
}
