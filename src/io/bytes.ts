/**
 * Text and bytes appended as UTF-8 into one buffer that grows as needed: what the output sinks
 * batch before a write, and what a worker thread hands its records back in.
 */
export class ByteBuilder {
  private buffer: Buffer;
  /** Bytes written so far. */
  size = 0;

  constructor(private readonly initialBytes: number) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Room in the buffer, used or not. */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Appends text (as UTF-8) or bytes. */
  append(piece: string | Uint8Array): void {
    if (typeof piece !== 'string') {
      this.reserve(piece.byteLength);
      this.buffer.set(piece, this.size);
      this.size += piece.byteLength;
      return;
    }
    // UTF-8 takes at most three bytes per UTF-16 unit: count exactly only when that might not fit.
    if (this.size + piece.length * 3 > this.buffer.length) this.reserve(Buffer.byteLength(piece));
    this.size += this.buffer.write(piece, this.size);
  }

  /** The bytes written so far (a view: valid until the next append or take). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.size);
  }

  /** The bytes written so far, handed over whole: the builder starts again on a new buffer. */
  take(): Buffer {
    const taken = this.bytes();
    this.buffer = Buffer.allocUnsafe(this.initialBytes);
    this.size = 0;
    return taken;
  }

  /** Makes room for `bytes` more bytes. */
  private reserve(bytes: number): void {
    const needed = this.size + bytes;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.size);
    this.buffer = grown;
  }
}
