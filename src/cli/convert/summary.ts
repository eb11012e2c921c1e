/**
 * What a run amounts to: counts, the report row of each input, and the exit status. A pure reducer:
 * it is told what happened to each input and never does I/O, so it is tested on its own.
 */
import type { ErrorCode } from '../../errors.js';
import type { ArchivePlace } from '../../io/inputs.js';
import { skippedKind, type SkippedRecord } from '../../pipeline/archives.js';
import type { Warning } from '../../schema/types.js';
import { EXIT } from '../exit.js';

/** What happened to one input, as the report states it. */
export interface FileOutcome {
  /** The input as shown ('-' for standard input). */
  path: string;
  /** converted: at least one of its dispatches was written; duplicate: all were dropped as duplicates. */
  status: 'converted' | 'failed' | 'duplicate';
  /** The content id of its first dispatch, or null when it failed before one was known. */
  id: string | null;
  /** The content ids of all its dispatches, in file order. */
  ids: string[];
  warnings: Warning[];
  error: { code: ErrorCode; message: string } | null;
  /** For a record of a web archive (or damage in one): the archive, the offset, the record's id and URL. */
  archive?: ArchivePlace;
}

export interface SummaryCounts {
  files: number;
  converted: number;
  failed: number;
  duplicates: number;
  warnings: number;
  /** When web archives were read: their records converted or failed (counted in files too), and those skipped. */
  archives?: { records: number; skipped: number; skippedBy: Record<string, number> };
}

export class RunSummary {
  files = 0;
  converted = 0;
  failed = 0;
  /** Dispatches dropped as duplicates (with dedupe). */
  duplicates = 0;
  warnings = 0;
  /** Warnings by code, in order of first appearance. */
  readonly warningCodes = new Map<string, number>();
  /** Failures by error code, in order of first appearance. */
  readonly errorCodes = new Map<string, number>();
  /** Records of web archives handled as inputs (converted or failed). */
  archiveRecords = 0;
  /** Records of web archives skipped: they hold no page. */
  skippedRecords = 0;
  /** Skipped records by what they were ('request', 'status 404', 'text/css'...), in order of first sight. */
  readonly skippedBy = new Map<string, number>();

  /** Counts one input's outcome. `duplicates`: how many of its dispatches were dropped. */
  add(outcome: FileOutcome, duplicates = 0): void {
    this.files++;
    if (outcome.archive !== undefined && outcome.archive.recordId !== null) this.archiveRecords++;
    this.duplicates += duplicates;
    if (outcome.status === 'converted') this.converted++;
    if (outcome.status === 'failed') {
      this.failed++;
      const code = outcome.error?.code ?? 'INTERNAL_ERROR';
      this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
    }
    // A failed input's warnings are in the report, but the summary counts those of converted ones.
    if (outcome.status !== 'failed') {
      this.warnings += outcome.warnings.length;
      for (const warning of outcome.warnings) this.warningCodes.set(warning.code, (this.warningCodes.get(warning.code) ?? 0) + 1);
    }
  }

  /** Counts a record of a web archive that holds no page: skipped, never an error. */
  skip(skip: SkippedRecord): void {
    this.skippedRecords++;
    const kind = skippedKind(skip);
    this.skippedBy.set(kind, (this.skippedBy.get(kind) ?? 0) + 1);
  }

  counts(): SummaryCounts {
    const counts: SummaryCounts = { files: this.files, converted: this.converted, failed: this.failed, duplicates: this.duplicates, warnings: this.warnings };
    if (this.archiveRecords > 0 || this.skippedRecords > 0) {
      counts.archives = { records: this.archiveRecords, skipped: this.skippedRecords, skippedBy: Object.fromEntries(this.skippedBy) };
    }
    return counts;
  }

  /**
   * The records of web archives skipped, by kind (most first): 'skipped 14 records of web archives
   * that hold no page: request 6, status 404 3, text/css 2...'; undefined when there were none.
   */
  skippedLine(): string | undefined {
    if (this.skippedRecords === 0) return undefined;
    const byCount = [...this.skippedBy].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return `skipped ${plural(this.skippedRecords, 'record')} of web archives that hold no page: ${byCount.map(([kind, n]) => `${kind} ${n}`).join(', ')}`;
  }

  /** 0 when every input converted; 1 when one failed, or with strict when a warning occurred. */
  exitStatus(strict: boolean): number {
    return this.failed > 0 || (strict && this.warnings > 0) ? EXIT.failed : EXIT.ok;
  }

  /**
   * The closing line: how many inputs converted, how many records went where, how long it took,
   * and the warnings by code (most first):
   * 'converted 3 of 4 files, 1 failed: 5 dispatches to out.ndjson in 0.4s; 2 warnings: PAGE_JUNK 1, NO_DATELINE 1'.
   */
  line(run: RunDescription): string {
    // A web archive's records are inputs of their own: the run is then counted in inputs, not files.
    const parts = [`converted ${this.converted} of ${plural(this.files, this.archiveRecords > 0 ? 'input' : 'file')}`, `${this.failed} failed`];
    if (run.dedupe) parts.push(`${plural(this.duplicates, 'duplicate')} dropped`);
    let warnings = plural(this.warnings, 'warning');
    if (this.warningCodes.size > 0) {
      const byCount = [...this.warningCodes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      warnings += `: ${byCount.map(([code, count]) => `${code} ${count}`).join(', ')}`;
    }
    const kind = run.records === 'teasers' ? 'teaser' : 'dispatch';
    return `${parts.join(', ')}: ${plural(run.written, kind)} to ${run.destination} in ${run.elapsed}; ${warnings}`;
  }
}

/** What the closing line says beyond the counts of inputs and warnings. */
export interface RunDescription {
  /** Whether --dedupe was given (then the duplicates dropped are counted). */
  dedupe: boolean;
  /** The kind of record written. */
  records: 'dispatches' | 'teasers';
  /** How many records were written. */
  written: number;
  /** Where they went: 'standard output', 'out.csv', '11 files under out/'. */
  destination: string;
  /** How long the run took, formatted: '0.4s'. */
  elapsed: string;
}

/** '1 file', '2 files', '1 dispatch', '3 dispatches'. */
export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${/(?:s|sh|ch|x)$/.test(word) ? `${word}es` : `${word}s`}`;
}

