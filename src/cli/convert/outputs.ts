/**
 * Where the records of a run go, behind one interface: one output for the whole run (standard
 * output or a file), or one file per input below a folder. The file-system calls are in src/io/.
 */
import path from 'node:path';
import { createAssembler, createRenderer, type Assembler, type OutputSpec, type Piece, type Renderer } from '../../emit/index.js';
import { KcnaError, internalError, isKcnaError } from '../../errors.js';
import { escapeFileName } from '../../io/file-names.js';
import { withoutCaptureExtension, type InputRef } from '../../io/inputs.js';
import type { OutputFolder } from '../../io/outdir.js';
import { openOutput, type OutputTarget, type Sink } from '../../io/sink.js';
import type { RenderedSuccess } from '../../pipeline/render.js';

export interface Output {
  /** Whether the records must be rendered in the main output's format (false: written from documents). */
  readonly rendersRecords: boolean;
  /**
   * Writes an input's dispatches: those at the positions `kept` (all but the duplicates).
   * @returns null, or the KcnaError that failed this input's output alone (the run goes on).
   * @throws KcnaError when the run's output as a whole failed (the run stops).
   */
  write(result: RenderedSuccess, kept: readonly number[]): Promise<KcnaError | null>;
  /** Makes the output final. @throws KcnaError WRITE_ERROR. */
  finish(): Promise<void>;
  /** Drops what is not final (a temporary file). */
  abort(): Promise<void>;
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

  async write(result: RenderedSuccess, kept: readonly number[]): Promise<null> {
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
    if (this.single && this.inputs === 0) {
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
 * format's extension in place of the capture's (.txt, .html...). Two inputs never share an output: the second one fails
 * with OUTPUT_CONFLICT instead of overwriting the first.
 */
export class FolderOutput implements Output {
  readonly rendersRecords = false;
  /** Each output written in this run, and the input it came from. */
  private readonly written = new Map<string, string>();
  /** Records of one input in the run's format (pure: made once for the run). */
  private render: Renderer | undefined;
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

  /** Where an input's output goes, relative to the folder. */
  static relativeTarget(input: InputRef, extension: string): string {
    // A name that is not valid UTF-8 gets an output named with those bytes as \xHH (io/file-names.ts).
    const relative = input.absolute === null ? 'stdin' : withoutCaptureExtension(escapeFileName(path.relative(input.base, input.absolute)));
    return relative + extension;
  }

  async write(result: RenderedSuccess, kept: readonly number[]): Promise<KcnaError | null> {
    const input = result.input!;
    const target = this.folder.place(FolderOutput.relativeTarget(input, this.extension));
    if (target === null) {
      return new KcnaError('OUTPUT_CONFLICT', `its output would fall outside the output folder ${this.folder.root}`, { path: input.display });
    }
    let real: string;
    try {
      // Two targets that are one file (through a symbolic link) resolve alike.
      real = await this.folder.resolve(target);
    } catch (error) {
      if (isKcnaError(error)) return error;
      throw error;
    }
    const earlier = this.written.get(real);
    if (earlier !== undefined) {
      return new KcnaError('OUTPUT_CONFLICT', `its output ${target} was already written for ${earlier} in this run; rename one of them`, { path: input.display });
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

  async finish(): Promise<void> {
    // Each file was made final as it was written.
  }

  async abort(): Promise<void> {
    // Each file is atomic: an interrupted one was never renamed into place.
  }
}
