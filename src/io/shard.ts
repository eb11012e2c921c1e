/**
 * --shard K/N: a run takes a deterministic K-th share of its inputs, so that N machines (a CI
 * matrix, a batch scheduler, GNU parallel) convert a collection together and their outputs
 * concatenate to the whole. As Jest's --shard does, an input's share follows from a hash of its
 * path, not from its position: every machine decides alone, a folder walk need not be listed
 * first, and adding a file to the collection moves no other file to another share.
 */
import type { Entry } from './inputs.js';

export interface Shard {
  /** Which share, from 1. */
  index: number;
  /** How many shares. */
  count: number;
}

/** Parses 'K/N' (1 ≤ K ≤ N ≤ 10000); null when it is not one. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && count <= 10_000 && index <= count ? { index, count } : null;
}

/** The share (from 1) an input's path falls in: FNV-1a over its UTF-16 code units, modulo the count. */
export function shardOf(display: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < display.length; i++) {
    hash ^= display.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

/** The entries of one share: inputs and problems alike, each in the share of its path. */
export async function* shardEntries(entries: AsyncIterable<Entry>, shard: Shard): AsyncGenerator<Entry> {
  for await (const entry of entries) {
    const display = 'input' in entry ? entry.input.display : entry.problem.display;
    if (shardOf(display, shard.count) === shard.index) yield entry;
  }
}
