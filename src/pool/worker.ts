/**
 * A worker thread of the pool: reads, parses, checks and renders batches of files, and sends the
 * rendered records back. The main thread keeps the order and writes the output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from '../emit/index.js';
import { convertFile } from '../files.js';
import { renderResult, type Rendered } from './rendered.js';
import type { Batch, BatchResult, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const render = await createRenderer(setup.spec);

parentPort!.on('message', (batch: Batch) => {
  const results: Rendered[] = batch.inputs.map((input) => renderResult(convertFile(input, setup.maxBytes, setup.year), render, false));
  parentPort!.postMessage({ seq: batch.seq, results } satisfies BatchResult);
});
