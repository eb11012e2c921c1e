/**
 * Shared by the archive tests: reading an archive whole into its items, sources cut into chunks of
 * any size, the fixture archives and their key, and a watch on everything a library could print.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { readArchive, type ArchiveFormat, type ArchiveItem, type ArchiveOptions } from '../../src/io/archive/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARCHIVES = path.join(ROOT, 'fixtures', 'archives');

/** What records.json says each record of the warcio fixtures is. */
export interface Expected {
  kind: 'record' | 'skip';
  type: string;
  reason?: string;
  status?: number;
  contentType?: string;
  fixture?: string;
  file?: string;
  recordId?: string;
  uri?: string;
  capturedAt?: string;
  charset?: string | null;
  encoding?: string;
  revisitOf?: string;
}

export const EXPECTED: Expected[] = JSON.parse(readFileSync(path.join(ARCHIVES, 'warcio', 'records.json'), 'utf8')) as Expected[];

/** The bytes of a page fixture, as a file reader gets them. */
export function fixtureBytes(expected: Expected): Uint8Array {
  return new Uint8Array(readFileSync(path.join(ROOT, 'fixtures', expected.fixture!, expected.file ?? 'input.html')));
}

export const options = (overrides: Partial<ArchiveOptions> = {}): ArchiveOptions => ({ display: 'test.warc', maxBytes: 16 * 1024 * 1024, ...overrides });

/** Every item of an archive. */
export async function items(source: Parameters<typeof readArchive>[0], format: ArchiveFormat = 'warc', overrides: Partial<ArchiveOptions> = {}): Promise<ArchiveItem[]> {
  const all: ArchiveItem[] = [];
  for await (const item of readArchive(source, format, options(overrides))) all.push(item);
  return all;
}

/** Bytes as a stream of chunks of `size` bytes (the last shorter). */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}

/** Items of in-memory archive bytes, read as a stream. */
export const itemsOf = (bytes: Uint8Array, overrides: Partial<ArchiveOptions> = {}, chunk = 64 * 1024) => items({ stream: chunksOf(bytes, chunk) }, 'warc', overrides);

/** A compact view of an item for comparisons: kind, offset and what decides it. */
export function summary(item: ArchiveItem): string {
  switch (item.kind) {
    case 'record':
      return `record ${item.offset} ${item.recordId} ${item.contentType} ${item.charset} ${item.bytes.length}${item.revisitOf ? ` revisit of ${item.revisitOf}` : ''}`;
    case 'skip':
      return `skip ${item.offset} ${item.recordType} ${item.reason} ${item.status} ${item.contentType}`;
    default:
      return `error ${item.offset} ${item.error.code}${item.fatal ? ' fatal' : ''}`;
  }
}

/** A folder of its own under the system's temporary folder, removed by cleanup(). */
export function scratch(prefix = 'kcna-parse-archive-'): { dir: string; file(name: string, bytes: Uint8Array): string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file(name, bytes) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Watches everything that could reach the terminal while `run` runs: console's methods and writes
 * to standard output and error. Returns what was written.
 */
export async function printed(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const record = (channel: string) => (...args: unknown[]) => {
    seen.push(`${channel}: ${args.map(String).join(' ')}`);
    return true;
  };
  const spies = [
    ...(['log', 'warn', 'error', 'info', 'debug', 'trace'] as const).map((method) => vi.spyOn(console, method).mockImplementation(record(`console.${method}`))),
    vi.spyOn(process.stderr, 'write').mockImplementation(record('stderr') as typeof process.stderr.write),
    vi.spyOn(process.stdout, 'write').mockImplementation(record('stdout') as typeof process.stdout.write),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return seen;
}
