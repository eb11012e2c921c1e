/** The summary as JSON, written one top-level field at a time (each bounded) instead of as one string. */
import type { ArchiveReport } from '../schema/types.generated.js';
import type { PageSink } from './html.js';

export async function renderJson(report: ArchiveReport, sink: PageSink): Promise<void> {
  const keys = Object.keys(report) as Array<keyof ArchiveReport>;
  sink.write('{\n');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = JSON.stringify(report[key], null, 2).replace(/\n/g, '\n  ');
    sink.write(`  ${JSON.stringify(key)}: ${value}${i < keys.length - 1 ? ',' : ''}\n`);
    await sink.maybeFlush();
  }
  sink.write('}\n');
}
