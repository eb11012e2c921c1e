/**
 * Threads for the pipeline (src/pipeline/): where each input is read, parsed, checked and rendered.
 * This folder only runs that work elsewhere; the order of results and what each holds are the
 * pipeline's.
 *
 * - renderHere: in this thread, in order; an input large enough to take a noticeable time to parse
 *   is parsed on a worker thread meanwhile, so that this thread stays free to act on a signal.
 * - renderInPool (--jobs N): worker threads take batches of files while this thread walks the
 *   inputs, keeps the order and writes. The output is byte for byte what one thread gives (a test
 *   compares them). A worker that dies fails only the inputs it held, each with INTERNAL_ERROR; the
 *   others go on, on the remaining workers or in this thread.
 * - renderAuto (the default): in this thread for the first inputs; a run that goes on past them is
 *   large enough to repay starting workers, which load while this thread goes on converting, and
 *   the rest goes to them once they are ready. A single input, or a short batch, never starts a
 *   thread (but for a large input's helper, as above).
 */
import { createRequire } from 'node:module';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { OutputSpec, Renderer } from '../emit/writer.js';
import { internalError } from '../errors.js';
import type { Entry, FileInput, InputRef } from '../io/inputs.js';
import { convertBytes, readEntries, type ResolvedConvertOptions } from '../pipeline/convert.js';
import { renderResult, type Rendered } from '../pipeline/render.js';

/** Files in a batch sent to a worker: enough to make messaging cheap, few enough to keep order cheap. */
const BATCH_SIZE = 32;
/** Batches in flight per worker: keeps workers busy while the main thread writes. */
const IN_FLIGHT_PER_WORKER = 4;
/**
 * Inputs of at least this many bytes are parsed off this thread. Parsing runs at roughly 20–50 MB/s,
 * so a smaller input holds the thread for well under a tenth of a second.
 */
export const OFF_THREAD_BYTES = 2 * 1024 * 1024;

export interface WorkerSetup {
  spec: OutputSpec;
  year: number | undefined;
  defaultYear: number | undefined;
  maxBytes: number;
  /** Keep the documents in each result (one output per input is written from them). */
  keepDocuments: boolean;
}

/** An input whose bytes were read already (a large file, standard input, a web archive's record). */
export interface ReadInput {
  input: InputRef;
  bytes: Uint8Array;
}

/** A message to a worker: files to read and render, or inputs read already, to render. */
export type WorkerTask = { seq: number; inputs: FileInput[] } | { seq: number; records: ReadInput[] };

/** Bytes of read inputs in one task: a web archive's records go to the workers a few at a time. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Bytes a worker may take over: the transfer detaches their buffer, so a view into a larger one (a
 * decompressor's) is copied first.
 */
function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
}

export interface TaskResult {
  seq: number;
  results: Rendered[];
}

/** What a worker sends once it has loaded and can take tasks. */
export interface WorkerReady {
  ready: true;
}

export interface RenderOptions extends ResolvedConvertOptions {
  /** Keep each document in the result (for one output per input). */
  keepDocuments: boolean;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * node:worker_threads, loaded when the first thread starts: loading it takes a few milliseconds
 * of start-up, which most runs (one input, or a short batch) never need it for.
 */
const require = createRequire(import.meta.url);
const workerThreads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');

/**
 * The pool's workers render many small inputs, each dropped as soon as it is sent back. V8 grows a
 * busy isolate's young generation to 32 MiB and more, which is where a long run's memory grew;
 * a small one keeps peak memory flat whatever the number of inputs (BENCHMARKS.md, Memory). The
 * helper thread for one large input keeps V8's defaults.
 */
const POOL_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };

/** When the default run starts worker threads, and how many. */
export interface AutoThreads {
  /** Worker threads to start, asked once the first inputs are done (0: go on in this thread). */
  workers: () => number;
  /** Inputs rendered in this thread first: a run with no more than these never starts a worker. */
  afterInputs: number;
  /**
   * Hand the rest to the workers at once, instead of converting here until one has loaded: for
   * tests that must see the workers convert (on a busy machine this thread could otherwise finish
   * a small batch before they load).
   */
  handOverAtOnce?: boolean;
}

/** A worker thread and the tasks it holds; a worker that fails rejects them all. */
class PoolWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (results: Rendered[]) => void; reject: (error: Error) => void }>();
  failure: Error | undefined;
  /** Whether the worker has loaded its modules (tasks sent before then wait in its queue). */
  ready = false;

  constructor(setup: WorkerSetup, script: URL = WORKER_URL, resourceLimits?: ResourceLimits) {
    this.worker = new (workerThreads().Worker)(script, resourceLimits ? { workerData: setup, resourceLimits } : { workerData: setup });
    this.worker.on('message', (message: TaskResult | WorkerReady) => {
      if ('ready' in message) {
        this.ready = true;
        return;
      }
      this.pending.get(message.seq)?.resolve(message.results);
      this.pending.delete(message.seq);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const task of this.pending.values()) task.reject(this.failure);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('messageerror', fail);
    this.worker.on('exit', (code) => fail(new Error(`the worker thread stopped (exit code ${code})`)));
  }

  get load(): number {
    return this.pending.size;
  }

  run(task: WorkerTask): Promise<Rendered[]> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<Rendered[]>((resolve, reject) => this.pending.set(task.seq, { resolve, reject }));
    this.worker.postMessage(task, 'records' in task ? task.records.map((record) => record.bytes.buffer as ArrayBuffer) : []);
    return done;
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('stopped');
    await this.worker.terminate();
  }
}

/** What a task's inputs become when the worker holding them failed: an INTERNAL_ERROR each. */
function failedTask(inputs: readonly InputRef[], error: unknown): Rendered[] {
  return inputs.map((input) => {
    const failure = internalError(input.display, new Error(`the worker thread converting it failed: ${error instanceof Error ? error.message : String(error)}`));
    return { ok: false, display: input.display, error: { code: failure.code, message: failure.message }, warnings: [] };
  });
}

/** Renders every input in this thread, in order (large inputs are parsed on a helper thread). */
export async function* renderHere(entries: AsyncIterable<Entry> | Iterable<Entry>, render: Renderer, setup: WorkerSetup, options: RenderOptions): AsyncGenerator<Rendered> {
  let helper: PoolWorker | undefined;
  let seq = 0;
  try {
    for await (const read of readEntries(entries, options)) {
      if (!read.ok) {
        yield renderResult(read, render, false);
      } else if (read.bytes.byteLength >= OFF_THREAD_BYTES) {
        helper ??= new PoolWorker(setup);
        const { input } = read;
        // A copy goes to the worker: the bytes may be a view of a larger buffer.
        const bytes = new Uint8Array(read.bytes);
        yield* await helper.run({ seq: seq++, records: [{ input, bytes }] }).catch((error: unknown) => {
          helper = undefined;
          return failedTask([input], error);
        });
      } else {
        yield renderResult(convertBytes(read.input, read.bytes, options), render, options.keepDocuments);
      }
    }
  } finally {
    await helper?.stop();
  }
}

/**
 * Renders every input on `jobs` worker threads; results come in input order.
 * @param script the worker's module (tests give one that fails).
 */
export async function* renderInPool(
  entries: AsyncIterable<Entry> | Iterable<Entry>,
  setup: WorkerSetup,
  jobs: number,
  render: Renderer,
  options: RenderOptions,
  script: URL = WORKER_URL,
): AsyncGenerator<Rendered> {
  yield* renderOnWorkers(entries, startWorkers(setup, jobs, script), setup, render, options);
}

function startWorkers(setup: WorkerSetup, jobs: number, script: URL): PoolWorker[] {
  return Array.from({ length: jobs }, () => new PoolWorker(setup, script, POOL_LIMITS));
}

/** Renders every input on workers already started (renderInPool), and stops them at the end. */
async function* renderOnWorkers(
  entries: AsyncIterable<Entry> | Iterable<Entry>,
  started: PoolWorker[],
  setup: WorkerSetup,
  render: Renderer,
  options: RenderOptions,
): AsyncGenerator<Rendered> {
  let workers = started;
  const jobs = started.length;
  /** Each task's results, or a promise of them, in input order. */
  const queue: Array<Promise<Rendered[]>> = [];
  let seq = 0;
  const send = (task: { inputs: FileInput[] } | { records: ReadInput[] }): void => {
    workers = workers.filter((worker) => !worker.failure);
    const inputs: InputRef[] = 'inputs' in task ? task.inputs : task.records.map((record) => record.input);
    if (workers.length === 0) {
      // Every worker failed: the rest is rendered here.
      const entries: Entry[] = 'inputs' in task ? task.inputs.map((input) => ({ input })) : task.records.map(({ input, bytes }) => ({ input, bytes }));
      queue.push(collect(renderHere(entries, render, setup, options)));
      return;
    }
    const worker = workers.reduce((best, candidate) => (candidate.load < best.load ? candidate : best));
    queue.push(worker.run({ seq: seq++, ...task }).catch((error: unknown) => failedTask(inputs, error)));
  };

  try {
    // Files to read, or inputs read already (a web archive's records): one task holds one kind.
    let batch: FileInput[] = [];
    let records: ReadInput[] = [];
    let recordBytes = 0;
    const flush = () => {
      if (batch.length > 0) send({ inputs: batch });
      if (records.length > 0) send({ records });
      batch = [];
      records = [];
      recordBytes = 0;
    };
    for await (const entry of entries) {
      if ('input' in entry && entry.bytes === undefined && entry.input.kind === 'file') {
        if (records.length > 0) flush();
        batch.push(entry.input);
        if (batch.length === BATCH_SIZE) flush();
      } else if ('input' in entry && entry.bytes !== undefined) {
        if (batch.length > 0) flush();
        const bytes = transferable(entry.bytes);
        records.push({ input: entry.input, bytes });
        recordBytes += bytes.byteLength;
        if (records.length === BATCH_SIZE || recordBytes >= BATCH_BYTES) flush();
      } else {
        // Problems found while expanding, and standard input, are handled here, in their place.
        flush();
        queue.push(collect(renderHere([entry], render, setup, options)));
      }
      // Hand over finished results while the workers have enough to do.
      while (queue.length > jobs * IN_FLIGHT_PER_WORKER) yield* await queue.shift()!;
    }
    flush();
    while (queue.length > 0) yield* await queue.shift()!;
  } finally {
    // A run stopped early leaves promises nobody awaits: settle them quietly.
    for (const pending of queue) pending.catch(() => undefined);
    await Promise.all(started.map((worker) => worker.stop()));
  }
}

/**
 * Renders in this thread until `auto.afterInputs` inputs are done; a run that goes on past them
 * starts `auto.workers` threads, goes on rendering here while they load, and hands the rest to them
 * once one is ready (at once with `auto.handOverAtOnce`). A worker costs a few tenths of a second
 * of CPU to start (module loading, compiling, its own heap), repaid only over thousands of inputs.
 * Results come in input order.
 * @param script the worker's module (tests give one that fails).
 */
export async function* renderAuto(
  entries: AsyncIterable<Entry> | Iterable<Entry>,
  setup: WorkerSetup,
  auto: AutoThreads,
  render: Renderer,
  options: RenderOptions,
  script: URL = WORKER_URL,
): AsyncGenerator<Rendered> {
  const iterator: AsyncIterator<Entry> | Iterator<Entry> = Symbol.asyncIterator in entries ? entries[Symbol.asyncIterator]() : entries[Symbol.iterator]();
  let ended = false;
  const next = async (): Promise<IteratorResult<Entry>> => {
    const step = await iterator.next();
    if (step.done) ended = true;
    return step;
  };
  async function* head(): AsyncGenerator<Entry> {
    for (let n = 0; n < auto.afterInputs; n++) {
      const step = await next();
      if (step.done) return;
      yield step.value;
    }
  }
  const rest: AsyncIterable<Entry> = { [Symbol.asyncIterator]: () => ({ next }) };
  try {
    yield* renderHere(head(), render, setup, options);
    if (ended) return;
    const count = auto.workers();
    if (count < 1) {
      yield* renderHere(rest, render, setup, options);
      return;
    }
    const workers = startWorkers(setup, count, script);
    // A worker takes a few tenths of a second to load its modules: this thread goes on converting
    // meanwhile, and hands the rest over once one of them is ready (or has failed, which
    // renderOnWorkers deals with), so that the run never waits for them.
    async function* whileLoading(): AsyncGenerator<Entry> {
      while (!auto.handOverAtOnce && !workers.some((worker) => worker.ready || worker.failure)) {
        const step = await next();
        if (step.done) return;
        yield step.value;
      }
    }
    let handedOver = false;
    try {
      yield* renderHere(whileLoading(), render, setup, options);
      if (ended) return;
      handedOver = true;
      yield* renderOnWorkers(rest, workers, setup, render, options);
    } finally {
      if (!handedOver) await Promise.all(workers.map((worker) => worker.stop()));
    }
  } finally {
    if (!ended) await iterator.return?.();
  }
}

async function collect(results: AsyncIterable<Rendered>): Promise<Rendered[]> {
  const all: Rendered[] = [];
  for await (const result of results) all.push(result);
  return all;
}
