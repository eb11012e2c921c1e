/**
 * The JSON report of a run (--report FILE), streamed: each input's row is written as soon as it is
 * known, so a run over any number of inputs never holds the report in memory. The file is opened
 * before the first input is read (a report that cannot be written fails the run up front) and made
 * final, atomically, when the run ends.
 *
 *   { "tool", "version", "schemaVersion", "files": [ rows... ], "summary": {...}, "exitCode" }
 */
import { escapeFileName } from '../../io/file-names.js';
import { openOutput, type OutputTarget, type Sink } from '../../io/sink.js';
import { SCHEMA_VERSION } from '../../parse/parse.js';
import { packageVersion } from '../../package-info.js';
import type { FileOutcome, SummaryCounts } from './summary.js';

export class ReportFile {
  private rows = 0;

  private constructor(private readonly sink: Sink) {}

  static async open(target: OutputTarget, stdout: NodeJS.WritableStream): Promise<ReportFile> {
    const report = new ReportFile(await openOutput(target, stdout, { durable: true, sweep: true }));
    const head = { tool: 'kcna-parse', version: packageVersion(), schemaVersion: SCHEMA_VERSION };
    // The opening members, pretty-printed as JSON.stringify(…, null, 2) would, then the array.
    report.sink.write(`${JSON.stringify(head, null, 2).slice(0, -2)},\n  "files": [`);
    return report;
  }

  async add(row: FileOutcome): Promise<void> {
    // The warnings one by one: an input can carry millions, more than one string can hold.
    const { warnings, ...rest } = row;
    // A name that is not valid UTF-8 with those bytes as \xHH, as in source.path.
    const head = JSON.stringify({ ...rest, path: escapeFileName(rest.path), warnings: [] }, null, 2).replace(/\n/g, '\n    ');
    this.sink.write(`${this.rows++ === 0 ? '\n' : ',\n'}    ${warnings.length === 0 ? head : head.slice(0, head.lastIndexOf('[]') + 1)}`);
    for (let i = 0; i < warnings.length; i++) {
      this.sink.write(`${i === 0 ? '\n' : ',\n'}        ${JSON.stringify(warnings[i], null, 2).replace(/\n/g, '\n        ')}`);
      if (i % 1024 === 1023) await this.sink.maybeFlush();
    }
    if (warnings.length > 0) this.sink.write(`\n      ]${head.slice(head.lastIndexOf('[]') + 2)}`);
    await this.sink.maybeFlush();
  }

  async finish(summary: SummaryCounts, exitCode: number): Promise<void> {
    const summaryJson = JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ');
    this.sink.write(`${this.rows === 0 ? '' : '\n  '}],\n  "summary": ${summaryJson},\n  "exitCode": ${exitCode}\n}\n`);
    await this.sink.commit();
  }

  abort(): Promise<void> {
    return this.sink.abort();
  }
}
