/**
 * Rendering on several cores (--jobs N): worker threads read, parse, check and render batches of
 * files while the main thread walks the inputs, keeps the order and writes. The output is byte for
 * byte what the same run gives in one thread (a test compares them).
 *
 * It is off by default: on the 2-core machines the benchmark runs on, the pool used about 1.5
 * times the CPU time of one thread (each worker loads the modules and collects its own garbage,
 * and every batch is copied between threads) and doubled peak memory, and it did not finish
 * sooner (BENCHMARKS.md). With more idle cores it can.
 */
import { Worker } from 'node:worker_threads';
import type { OutputSpec, Renderer } from '../emit/writer.js';
import { convertEntries, type ConvertOptions } from '../files.js';
import type { Entry, InputRef } from '../io/inputs.js';
import { renderResult, type Rendered } from './rendered.js';

/** Files in a batch sent to a worker: enough to make messaging cheap, few enough to keep order cheap. */
const BATCH_SIZE = 32;
/** Batches in flight per worker: keeps workers busy while the main thread writes. */
const IN_FLIGHT_PER_WORKER = 4;

export interface WorkerSetup {
  spec: OutputSpec;
  year: number | undefined;
  maxBytes: number;
}

export interface Batch {
  seq: number;
  inputs: InputRef[];
}

export interface BatchResult {
  seq: number;
  results: Rendered[];
}

export interface RenderOptions extends ConvertOptions {
  maxBytes: number;
  /** Keep each document in the result (for --out-dir). */
  keepDocuments: boolean;
}

/** Renders every input in this thread, in order. */
export async function* renderHere(entries: AsyncIterable<Entry> | Iterable<Entry>, render: Renderer, options: RenderOptions): AsyncGenerator<Rendered> {
  for await (const result of convertEntries(entries, options)) yield renderResult(result, render, options.keepDocuments);
}

/** Renders every input on `jobs` worker threads; results come in input order. */
export async function* renderInPool(entries: AsyncIterable<Entry>, setup: WorkerSetup, jobs: number, renderLocally: () => Promise<Renderer>, options: RenderOptions): AsyncGenerator<Rendered> {
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: setup }));
  const load = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
  /** Each batch's results, or a promise of them, in input order. */
  const queue: Array<Promise<Rendered[]>> = [];
  const waiting = new Map<number, { resolve: (results: Rendered[]) => void; reject: (error: Error) => void; worker: Worker }>();
  let failure: Error | undefined;
  for (const worker of workers) {
    worker.on('message', ({ seq, results }: BatchResult) => {
      const pending = waiting.get(seq)!;
      waiting.delete(seq);
      load.set(worker, load.get(worker)! - 1);
      pending.resolve(results);
    });
    worker.on('error', (error) => {
      failure ??= error;
      for (const [seq, pending] of waiting) if (pending.worker === worker) {
        waiting.delete(seq);
        pending.reject(error);
      }
    });
  }
  let seq = 0;
  const send = (inputs: InputRef[]) => {
    if (failure) throw failure;
    const worker = workers.reduce((best, candidate) => (load.get(candidate)! < load.get(best)! ? candidate : best));
    load.set(worker, load.get(worker)! + 1);
    const batch: Batch = { seq: seq++, inputs };
    queue.push(new Promise((resolve, reject) => waiting.set(batch.seq, { resolve, reject, worker })));
    worker.postMessage(batch);
  };
  // Inputs that workers do not take (problems found while expanding, standard input) are
  // converted here, in their place in the order.
  const here = async (entry: Entry): Promise<Rendered[]> => {
    const results: Rendered[] = [];
    for await (const rendered of renderHere([entry], await renderLocally(), options)) results.push(rendered);
    return results;
  };

  try {
    let batch: InputRef[] = [];
    for await (const entry of entries) {
      if ('input' in entry && entry.input.absolute !== null) {
        batch.push(entry.input);
        if (batch.length === BATCH_SIZE) {
          send(batch);
          batch = [];
        }
      } else {
        if (batch.length > 0) send(batch);
        batch = [];
        queue.push(here(entry));
      }
      // Hand over finished results while the workers have enough to do.
      while (queue.length > jobs * IN_FLIGHT_PER_WORKER) yield* await queue.shift()!;
    }
    if (batch.length > 0) send(batch);
    while (queue.length > 0) yield* await queue.shift()!;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
