/**
 * Just enough of PNG to tell a blank screenshot from a real one: decodes 8-bit RGB or RGBA,
 * non-interlaced (what Chromium writes) with node:zlib, undoing the five row filters.
 */
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** Bytes per pixel: 3 (RGB) or 4 (RGBA). */
  channels: number;
  data: Buffer;
}

export function decodePng(file: Buffer): Pixels {
  if (!file.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[out + x - channels]! : 0;
      const b = y > 0 ? data[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[out - stride + x - channels]! : 0;
      let value = row[x]!;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[out + x] = value & 0xff;
    }
  }
  return { width, height, channels, data };
}

/** Distinct colours, and the share of pixels that are not the most common colour (the background). */
export function colourStats(pixels: Pixels): { distinct: number; nonBackground: number } {
  const counts = new Map<number, number>();
  const { data, channels } = pixels;
  for (let i = 0; i < data.length; i += channels) {
    const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let background = 0;
  for (const count of counts.values()) if (count > background) background = count;
  const total = pixels.width * pixels.height;
  return { distinct: counts.size, nonBackground: (total - background) / total };
}

/** The tEXt chunks of a PNG, keyword to text (both Latin-1). */
export function pngTextChunks(file: Buffer): Map<string, string> {
  const chunks = new Map<string, string>();
  for (let at = 8; at + 8 <= file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const body = file.subarray(at + 8, at + 8 + length);
      const nul = body.indexOf(0);
      chunks.set(body.toString('latin1', 0, nul), body.toString('latin1', nul + 1));
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return chunks;
}
