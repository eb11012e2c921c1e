/**
 * Where the records of a run go, behind one interface: one output for the whole run (standard
 * output or a file), or one file per input below a folder. The file-system calls are in src/io/.
 */
import path from 'node:path';
import { createAssembler, createRenderer, type Assembler, type OutputSpec, type Piece, type Renderer } from '../../emit/index.js';
import type { TableFormat, TableRun, TableWriter } from '../../emit/writer.js';
import { KcnaError, internalError, isKcnaError } from '../../errors.js';
import { escapeFileName } from '../../io/file-names.js';
import { withoutCaptureExtension, type InputRef } from '../../io/inputs.js';
import type { OutputFolder } from '../../io/outdir.js';
import { AtomicPath, openOutput, writeError, type OutputTarget, type Sink } from '../../io/sink.js';
import type { Rendered, RenderedSuccess } from '../../pipeline/render.js';
import type { FileOutcome } from './summary.js';

export interface Output {
  /** Whether the records must be rendered in the main output's format (false: written from documents). */
  readonly rendersRecords: boolean;
  /**
   * Writes an input's dispatches: those at the positions `kept` (all but the duplicates).
   * @returns null, or the KcnaError that failed this input's output alone (the run goes on).
   * @throws KcnaError when the run's output as a whole failed (the run stops).
   */
  write(result: RenderedSuccess, kept: readonly number[]): Promise<KcnaError | null>;
  /**
   * Told of every input once it is done, whatever became of it (after write(), for one that wrote):
   * an output that records the inputs themselves (a database's inputs table) writes them here.
   * @throws KcnaError when the run's output as a whole failed.
   */
  inputDone?(outcome: FileOutcome, result: Rendered): Promise<void>;
  /** Makes the output final. @throws KcnaError WRITE_ERROR. */
  finish(): Promise<void>;
  /** Drops what is not final (a temporary file). */
  abort(): Promise<void>;
  /**
   * Says that the run reads a web archive: one input on the command line that is a collection of
   * pages, so that JSON is an array even of one page, or of none.
   */
  collection(): void;
  /** How many records were written (rows of CSV, documents or items of JSON). */
  readonly records: number;
  /** Where they went, for the run's summary: 'standard output', 'out.csv', '11 files under out'. */
  destination(): string;
}

/** Bytes of records written between two turns of the event loop (in which signals are handled). */
const TURN_EVERY_BYTES = 4 * 1024 * 1024;

/** One output for the whole run: every record, in input order, through one assembler. */
export class SingleOutput implements Output {
  readonly rendersRecords = true;

  /** Inputs whose records were written. */
  private inputs = 0;
  /** Whether the run reads a web archive (see collection()). */
  private isCollection = false;
  records = 0;

  private constructor(
    private readonly sink: Sink,
    private readonly assembler: Assembler,
    private readonly single: boolean,
    private readonly name: string,
  ) {}

  /** `name`: the output as the command line named it ('-' or absent: standard output). */
  static async open(target: OutputTarget, spec: OutputSpec, stdout: NodeJS.WritableStream, name?: string): Promise<SingleOutput> {
    const assembler = await createAssembler(spec);
    const sink = await openOutput(target, stdout, { durable: true, sweep: true });
    return new SingleOutput(sink, assembler, spec.single, target.kind === 'stdout' || name === undefined ? 'standard output' : name);
  }

  destination(): string {
    return this.name;
  }

  collection(): void {
    this.isCollection = true;
    this.assembler.collection?.();
  }

  async write(result: RenderedSuccess, kept: readonly number[]): Promise<null> {
    if (result.place !== undefined && !this.isCollection) this.collection();
    // Text rendered here, or bytes encoded by a worker thread: written as they are, not joined.
    const records: Piece[] = [];
    let total = 0;
    for (const dispatch of result.dispatches) total += dispatch.records.length;
    for (const index of kept) for (const record of result.dispatches[index]!.records) records.push(record);
    // Handed over a batch at a time, with a turn of the event loop every few megabytes: a large
    // input's records (tens of megabytes) never hold this thread, so a signal is acted on at once.
    let sinceTurn = 0;
    for (const piece of this.assembler.pieces(records, total)) {
      this.sink.write(piece);
      await this.sink.maybeFlush();
      sinceTurn += typeof piece === 'string' ? piece.length : piece.byteLength;
      if (sinceTurn >= TURN_EVERY_BYTES) {
        sinceTurn = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.inputs++;
    this.records += records.length;
    return null;
  }

  async finish(): Promise<void> {
    // A single input that failed gives no output at all (an empty file would not be JSON), so a
    // named output keeps its previous content. Every other output is written, even when empty.
    if (this.single && this.inputs === 0 && !this.isCollection) {
      await this.sink.abort();
      return;
    }
    this.sink.write(this.assembler.end());
    await this.sink.commit();
  }

  abort(): Promise<void> {
    return this.sink.abort();
  }
}

/**
 * One file per input below a folder, at the input's path relative to where it was found, with the
 * format's extension in place of the capture's (.txt, .html, .warc.gz...). Two inputs never share
 * an output: the second one fails with OUTPUT_CONFLICT instead of overwriting the first. A web
 * archive is one input here: its records, which come one after another, go to its one file,
 * written as they come and made final when the next input comes (or the run ends).
 */
export class FolderOutput implements Output {
  readonly rendersRecords = false;
  /** Each output written in this run, and the input it came from. */
  private readonly written = new Map<string, string>();
  /** Records of one input in the run's format (pure: made once for the run). */
  private render: Renderer | undefined;
  /** The same for a web archive's file, which holds many. */
  private archiveRender: Renderer | undefined;
  /** The web archive whose records are being written, and where; or why its output failed. */
  private archive: { display: string; sink: Sink | null; assembler: Assembler | null; failure: KcnaError | null } | null = null;
  records = 0;

  /** `name`: the folder as the command line named it. */
  constructor(
    private readonly folder: OutputFolder,
    private readonly extension: string,
    private readonly spec: OutputSpec,
    private readonly protectedFiles: ReadonlySet<string>,
    private readonly name: string = folder.root,
  ) {}

  destination(): string {
    const files = this.written.size;
    return `${files} file${files === 1 ? '' : 's'} under ${this.name}`;
  }

  collection(): void {
    // Each archive's file is a collection already.
  }

  /** Where an input's output goes, relative to the folder. */
  static relativeTarget(input: InputRef, extension: string): string {
    // A web archive's records all go to the one output of their archive. A name that is not valid
    // UTF-8 gets an output named with those bytes as \xHH (io/file-names.ts).
    const file = input.kind === 'file' ? input.absolute : input.kind === 'archive-record' ? input.archive.absolute : null;
    const relative = file === null ? 'stdin' : withoutCaptureExtension(escapeFileName(path.relative(input.base, file)));
    return relative + extension;
  }

  async write(result: RenderedSuccess, kept: readonly number[]): Promise<KcnaError | null> {
    const input = result.input!;
    if (input.kind === 'archive-record') return this.writeRecord(result, input.archive.display, kept);
    await this.closeArchive();
    let real: string;
    try {
      real = await this.target(input);
    } catch (error) {
      if (isKcnaError(error)) return error;
      throw error;
    }
    const records: string[] = [];
    try {
      // The file holds this input alone: one value for one dispatch, an array for several.
      const spec = { ...this.spec, single: true };
      this.render ??= await createRenderer(spec);
      const render = this.render;
      const assembler = await createAssembler(spec);
      for (const index of kept) for (const record of render(result.documents![index]!)) records.push(record);
      // The shape follows the input's dispatches (one record each where it is one value), not
      // those left after --dedupe.
      await this.folder.write(real, [assembler.add(records, result.documents!.length), assembler.end()], this.protectedFiles);
    } catch (error) {
      return isKcnaError(error) ? error : internalError(input.display, error);
    }
    this.written.set(real, input.display);
    this.records += records.length;
    return null;
  }

  /** The checked, resolved place of an input's output, not yet written in this run. @throws KcnaError OUTPUT_CONFLICT. */
  private async target(input: InputRef): Promise<string> {
    const target = this.folder.place(FolderOutput.relativeTarget(input, this.extension));
    if (target === null) throw new KcnaError('OUTPUT_CONFLICT', `its output would fall outside the output folder ${this.folder.root}`, { path: input.display });
    // Two targets that are one file (through a symbolic link) resolve alike.
    const real = await this.folder.resolve(target);
    const earlier = this.written.get(real);
    if (earlier !== undefined) {
      throw new KcnaError('OUTPUT_CONFLICT', `its output ${target} was already written for ${earlier} in this run; rename one of them`, { path: input.display });
    }
    return real;
  }

  /** A record of a web archive: into its archive's file, opened with the archive's first record. */
  private async writeRecord(result: RenderedSuccess, archive: string, kept: readonly number[]): Promise<KcnaError | null> {
    const input = result.input!;
    if (this.archive?.display !== archive) {
      await this.closeArchive();
      this.archive = { display: archive, sink: null, assembler: null, failure: null };
      try {
        const real = await this.target(input);
        // A collection: an array in JSON, each record indented as in a file of many.
        const spec = { ...this.spec, single: false };
        this.archive.assembler = await createAssembler(spec);
        this.archive.sink = await this.folder.open(real, this.protectedFiles);
        this.written.set(real, archive);
      } catch (error) {
        this.archive.failure = isKcnaError(error) ? error : internalError(input.display, error);
      }
    }
    const current = this.archive!;
    // An archive whose output cannot be written fails each of its records with the same error.
    if (current.failure !== null) return new KcnaError(current.failure.code, current.failure.message, { path: input.display });
    try {
      const archiveRender = (this.archiveRender ??= await createRenderer({ ...this.spec, single: false }));
      const records: string[] = [];
      for (const index of kept) for (const record of archiveRender(result.documents![index]!)) records.push(record);
      current.sink!.write(current.assembler!.add(records));
      await current.sink!.maybeFlush();
      this.records += records.length;
      return null;
    } catch (error) {
      return isKcnaError(error) ? error : internalError(input.display, error);
    }
  }

  /** Makes the archive being written final. @throws KcnaError WRITE_ERROR. */
  private async closeArchive(): Promise<void> {
    const current = this.archive;
    this.archive = null;
    if (current?.sink && current.assembler) {
      current.sink.write(current.assembler.end());
      await current.sink.commit();
    }
  }

  async finish(): Promise<void> {
    // Each file was made final as it was written, but the last archive's.
    await this.closeArchive();
  }

  async abort(): Promise<void> {
    // Each file is atomic: an interrupted one was never renamed into place.
    const current = this.archive;
    this.archive = null;
    await current?.sink?.abort();
  }
}

/**
 * A table format's file (SQLite, Parquet), one for the whole run: the rows each input's records
 * hold (rendered here or on a worker thread) are written by the format's table writer as each
 * input is done, in input order, into a temporary file renamed over the target at the end. The
 * file is written even when no input converted: its tables are then empty (and the database's
 * inputs table says why).
 */
export class TableOutput implements Output {
  readonly rendersRecords = true;
  /** The kept dispatches of the input being handled, between write() and inputDone(). */
  private pending: { result: RenderedSuccess; kept: readonly number[] } | null = null;

  private constructor(
    private readonly writer: TableWriter,
    private readonly file: { commit(): Promise<void>; abort(): Promise<void> },
    private readonly name: string,
  ) {}

  /** `target`: a regular file (the plan refuses anything else for a table format). */
  static async open(target: Extract<OutputTarget, { kind: 'file' }>, spec: OutputSpec, format: TableFormat, run: TableRun, stdout: NodeJS.WritableStream, name: string): Promise<TableOutput> {
    if (format.destination === 'path') {
      const file = await AtomicPath.open(target.file);
      try {
        return new TableOutput(await format.open(spec, { path: file.path }, run), file, name);
      } catch (error) {
        await file.abort();
        throw tableError(name, error);
      }
    }
    const sink = await openOutput(target, stdout, { durable: true, sweep: true });
    try {
      return new TableOutput(await format.open(spec, { sink }, run), sink, name);
    } catch (error) {
      await sink.abort();
      throw tableError(name, error);
    }
  }

  get records(): number {
    return this.writer.records;
  }

  destination(): string {
    return this.name;
  }

  collection(): void {
    // One file whatever the inputs are.
  }

  async write(result: RenderedSuccess, kept: readonly number[]): Promise<null> {
    this.pending = { result, kept };
    return null;
  }

  async inputDone(outcome: FileOutcome, result: Rendered): Promise<void> {
    const kept = this.pending?.result === result ? this.pending.kept : [];
    this.pending = null;
    const dispatches = result.ok ? result.dispatches.map((dispatch) => dispatch.records) : [];
    try {
      // A name that is not valid UTF-8 with each such byte as \xHH, as the report and source.path have it.
      await this.writer.add({ path: escapeFileName(outcome.path), status: outcome.status, error: outcome.error }, dispatches, kept);
    } catch (error) {
      throw tableError(this.name, error);
    }
  }

  async finish(): Promise<void> {
    try {
      await this.writer.finish();
    } catch (error) {
      this.writer.abort();
      await this.file.abort();
      throw tableError(this.name, error);
    }
    await this.file.commit();
  }

  async abort(): Promise<void> {
    this.writer.abort();
    await this.file.abort();
  }
}

/** What a table writer threw (SQLite's 'database or disk is full'), as the run's WRITE_ERROR. */
function tableError(name: string, error: unknown): KcnaError {
  if (isKcnaError(error)) return error;
  const failure = error as NodeJS.ErrnoException;
  return writeError(name, { code: failure.code, message: failure.message ?? String(error) }, failure.code === undefined);
}
