/**
 * A worker thread: runs the pipeline (read, parse, check, render) on the files or bytes it is sent
 * and sends the rendered results back. The main thread keeps the order and writes the output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from '../emit/index.js';
import { convertBytes, convertFile } from '../pipeline/convert.js';
import { encodeRecords, renderResult, type Rendered } from '../pipeline/render.js';
import type { TaskResult, WorkerReady, WorkerSetup, WorkerTask } from './pool.js';

const setup = workerData as WorkerSetup;
const render = await createRenderer(setup.spec);

parentPort!.on('message', (task: WorkerTask) => {
  const results: Rendered[] =
    'records' in task
      ? task.records.map(({ input, bytes }) => renderResult(convertBytes(input, bytes, setup), render, setup.keepDocuments))
      : task.inputs.map((input) => renderResult(convertFile(input, setup.maxBytes, setup), render, setup.keepDocuments));
  // The records go back as bytes in one transferred buffer: no strings to copy between threads,
  // and nothing left for the main thread to encode (BENCHMARKS.md, Threads).
  const buffer = encodeRecords(results);
  parentPort!.postMessage({ seq: task.seq, results } satisfies TaskResult, buffer ? [buffer] : []);
});
// Loaded: the default mode hands inputs over from now on (until then it converts them itself).
parentPort!.postMessage({ ready: true } satisfies WorkerReady);
