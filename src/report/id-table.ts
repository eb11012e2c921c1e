/**
 * A multiset of content ids (32 hex digits) in flat typed arrays: each id is kept as its 16 bytes
 * in an open-addressing hash table, with a count and the input it was first met in. About 40 bytes
 * an id plus its first path in UTF-8, instead of the few hundred a Map of strings takes, so that
 * duplicate detection over 100,000 dispatches stays a few megabytes.
 */
const ID_BYTES = 16;
const EMPTY = 0;

export class IdTable {
  private capacity = 1024;
  private keys = new Uint8Array(this.capacity * ID_BYTES);
  /** Occurrences of each slot's id; 0 marks an empty slot. */
  private counts = new Uint32Array(this.capacity);
  /** Offset in `paths` of the id's first path. */
  private pathAt = new Uint32Array(this.capacity);
  private paths = new Uint8Array(64 * 1024);
  private pathsUsed = 0;
  private readonly scratch = new Uint8Array(ID_BYTES);
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  /** Number of distinct ids. */
  size = 0;

  /**
   * Counts one more occurrence of `id`, met in `path`.
   * @returns the occurrences so far (1 the first time) and the path it was first met in.
   */
  add(id: string, path: string): { count: number; firstPath: string } {
    const key = toBytes(id, this.scratch);
    let slot = this.find(key);
    if (this.counts[slot] === EMPTY) {
      if ((this.size + 1) * 2 > this.capacity) {
        this.grow();
        slot = this.find(key);
      }
      this.keys.set(key, slot * ID_BYTES);
      this.pathAt[slot] = this.storePath(path);
      this.size++;
    }
    const count = ++this.counts[slot]!;
    return { count, firstPath: count === 1 ? path : this.readPath(this.pathAt[slot]!) };
  }

  /** The slot holding `key`, or the empty slot where it belongs. */
  private find(key: Uint8Array): number {
    const mask = this.capacity - 1;
    // The ids are SHA-256 prefixes: their first bytes are already uniformly spread.
    let slot = ((key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24)) >>> 0) & mask;
    for (;;) {
      if (this.counts[slot] === EMPTY || this.equals(slot, key)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private equals(slot: number, key: Uint8Array): boolean {
    const at = slot * ID_BYTES;
    for (let i = 0; i < ID_BYTES; i++) if (this.keys[at + i] !== key[i]) return false;
    return true;
  }

  private grow(): void {
    const { keys, counts, pathAt, capacity } = this;
    this.capacity = capacity * 2;
    this.keys = new Uint8Array(this.capacity * ID_BYTES);
    this.counts = new Uint32Array(this.capacity);
    this.pathAt = new Uint32Array(this.capacity);
    for (let old = 0; old < capacity; old++) {
      if (counts[old] === EMPTY) continue;
      const key = keys.subarray(old * ID_BYTES, (old + 1) * ID_BYTES);
      const slot = this.find(key);
      this.keys.set(key, slot * ID_BYTES);
      this.counts[slot] = counts[old]!;
      this.pathAt[slot] = pathAt[old]!;
    }
  }

  /** Appends a path (4-byte length, then UTF-8) and returns its offset. */
  private storePath(path: string): number {
    const bytes = this.encoder.encode(path);
    const needed = this.pathsUsed + 4 + bytes.length;
    if (needed > this.paths.length) {
      const grown = new Uint8Array(Math.max(needed, this.paths.length * 2));
      grown.set(this.paths.subarray(0, this.pathsUsed));
      this.paths = grown;
    }
    const at = this.pathsUsed;
    new DataView(this.paths.buffer).setUint32(at, bytes.length);
    this.paths.set(bytes, at + 4);
    this.pathsUsed = needed;
    return at;
  }

  private readPath(at: number): string {
    const length = new DataView(this.paths.buffer).getUint32(at);
    return this.decoder.decode(this.paths.subarray(at + 4, at + 4 + length));
  }
}

function toBytes(id: string, into: Uint8Array): Uint8Array {
  if (!/^[0-9a-f]{32}$/.test(id)) throw new RangeError(`not a content id: ${id}`);
  for (let i = 0; i < ID_BYTES; i++) into[i] = parseInt(id.slice(i * 2, i * 2 + 2), 16);
  return into;
}
