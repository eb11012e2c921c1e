/**
 * What a revisit record needs to find its payload: the earlier records it may point to, by payload
 * digest (the identical-payload-digest profile), by WARC-Refers-To record id, and by
 * WARC-Refers-To-Target-URI with WARC-Refers-To-Date.
 *
 * Both are bounded. Where the archive can be read again from an offset (a file, a stored
 * WACZ entry), only the record's location is kept, and the original is re-read when a revisit
 * asks for it: in typed arrays outside V8's heap (LocationIndex), since V8 sizes its heap by what
 * lives in it, and 100,000 keys as strings in a Map made a 400 MiB .warc.gz peak at 269 MiB
 * instead of 174. Otherwise (a stream, a whole-file gzip, a deflated zip entry) the decoded payloads
 * themselves are kept, least recently used dropped first, up to PAYLOAD_BUDGET bytes: a revisit of
 * a payload that was dropped is skipped as unresolved.
 */

import { createHash } from 'node:crypto';

/** Where a record is: enough to read it again, and to tell it is the one remembered. */
export interface RecordLocation {
  member: string | null;
  offset: number;
  /** idHash of its WARC-Record-ID. */
  recordIdHash: number;
}

/** A page payload kept in memory, for sources that cannot be read again. */
export interface HeldPayload {
  recordId: string;
  bytes: Uint8Array;
  contentType: string;
  charset: string | null;
}

/** Keys remembered (24 bytes each, and 8 in the slot table). */
export const LOCATIONS_KEPT = 100_000;
/** Bytes of payloads held for revisits of a stream. */
export const PAYLOAD_BUDGET = 64 * 1024 * 1024;

/**
 * The keys under which a record is remembered or asked for: its id, its capture (URI and ISO date),
 * its payload digest; each the first 64 bits of a SHA-1 of its text, as 16 hex digits. (The texts
 * are slices of the record's decoded WARC header, which a slice keeps alive.) Among the 100,000
 * keys kept, a false match is a chance in billions, and a location found is checked against the
 * record read there (its id's hash) before it is used.
 */
export function recordKeys(recordId: string | null, uri: string | null, date: string | null, digest: string | null): string[] {
  const keys: string[] = [];
  if (recordId) keys.push(keyOf(`id ${recordId}`));
  if (uri && date) keys.push(keyOf(`at ${uri} ${date}`));
  if (digest) keys.push(keyOf(`digest ${digest.trim()}`));
  return keys;
}

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** 32 bits of a SHA-1 of a record id: what a location keeps of the record to check it is there. */
export function idHash(recordId: string): number {
  return Number.parseInt(createHash('sha1').update(recordId).digest('hex').slice(0, 8), 16);
}

/**
 * The keys of the last `capacity` rememberings with their latest locations, all in typed arrays:
 * a ring of entries (the key's two halves, the offset, the member, the id hash) and an
 * open-addressing table of slots (linear probing, deletion by shifting back) pointing into it.
 */
export class LocationIndex {
  private readonly keyHigh: Uint32Array;
  private readonly keyLow: Uint32Array;
  private readonly offsets: Float64Array;
  private readonly memberOf: Int32Array;
  private readonly ids: Uint32Array;
  /** Whether the entry still holds its key (a key remembered again moves to a new entry). */
  private readonly live: Uint8Array;
  /** Entry + 1, or 0 for an empty slot; at most half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private next = 0;
  /** The members (zip entries) named, each once: few in any archive. */
  private readonly members: Array<string | null> = [];
  private readonly memberIds = new Map<string | null, number>();

  constructor(private readonly capacity = LOCATIONS_KEPT) {
    this.keyHigh = new Uint32Array(capacity);
    this.keyLow = new Uint32Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.memberOf = new Int32Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.live = new Uint8Array(capacity);
    let size = 2;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  set(key: string, location: RecordLocation): void {
    const high = Number.parseInt(key.slice(0, 8), 16);
    const low = Number.parseInt(key.slice(8, 16), 16);
    const existing = this.slotOf(high, low);
    if (existing >= 0) {
      this.live[this.slots[existing]! - 1] = 0;
      this.clearSlot(existing);
    }
    const entry = this.next;
    if (this.live[entry]) {
      const oldest = this.slotOf(this.keyHigh[entry]!, this.keyLow[entry]!);
      if (oldest >= 0) this.clearSlot(oldest);
    }
    this.keyHigh[entry] = high;
    this.keyLow[entry] = low;
    this.offsets[entry] = location.offset;
    this.memberOf[entry] = this.memberId(location.member);
    this.ids[entry] = location.recordIdHash;
    this.live[entry] = 1;
    let slot = low & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry + 1;
    this.next = (entry + 1) % this.capacity;
  }

  get(key: string): RecordLocation | undefined {
    const slot = this.slotOf(Number.parseInt(key.slice(0, 8), 16), Number.parseInt(key.slice(8, 16), 16));
    if (slot < 0) return undefined;
    const entry = this.slots[slot]! - 1;
    return { member: this.members[this.memberOf[entry]!]!, offset: this.offsets[entry]!, recordIdHash: this.ids[entry]! };
  }

  /** The slot holding the key, or -1. */
  private slotOf(high: number, low: number): number {
    for (let slot = low & this.mask; ; slot = (slot + 1) & this.mask) {
      const value = this.slots[slot]!;
      if (value === 0) return -1;
      if (this.keyLow[value - 1] === low && this.keyHigh[value - 1] === high) return slot;
    }
  }

  /** Empties a slot, moving back the entries after it that would otherwise no longer be found. */
  private clearSlot(at: number): void {
    let hole = at;
    this.slots[hole] = 0;
    for (let slot = (hole + 1) & this.mask; this.slots[slot] !== 0; slot = (slot + 1) & this.mask) {
      const home = this.keyLow[this.slots[slot]! - 1]! & this.mask;
      // The entry stays unless its home lies outside (hole, slot], cyclically.
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (stays) continue;
      this.slots[hole] = this.slots[slot]!;
      this.slots[slot] = 0;
      hole = slot;
    }
  }

  private memberId(member: string | null): number {
    let id = this.memberIds.get(member);
    if (id === undefined) {
      id = this.members.length;
      this.members.push(member);
      this.memberIds.set(member, id);
    }
    return id;
  }
}

export class RevisitStore {
  private readonly locations: LocationIndex;
  /** Held payloads in least-recently-used order (a Map keeps insertion order), with their keys. */
  private readonly held = new Map<HeldPayload, string[]>();
  private readonly heldByKey = new Map<string, HeldPayload>();
  private heldBytes = 0;

  constructor(
    private readonly budget = PAYLOAD_BUDGET,
    locationsKept = LOCATIONS_KEPT,
  ) {
    this.locations = new LocationIndex(locationsKept);
  }

  rememberLocation(keys: readonly string[], location: RecordLocation): void {
    for (const key of keys) this.locations.set(key, location);
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
