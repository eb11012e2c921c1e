/**
 * A worker thread of the pool: reads, parses, checks and renders batches of files, and sends the
 * rendered records back. The main thread keeps the order and writes the output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from '../emit/index.js';
import { KcnaError, isKcnaError } from '../errors.js';
import { convertBytes } from '../files.js';
import { readFileBounded } from '../io/read.js';
import { renderResult, type Rendered } from './rendered.js';
import type { Batch, BatchResult, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const render = await createRenderer(setup.spec);

parentPort!.on('message', (batch: Batch) => {
  const results: Rendered[] = batch.inputs.map((input) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileBounded(input.absolute!, input.display, setup.maxBytes);
    } catch (error) {
      const failure = isKcnaError(error) ? error : new KcnaError('INTERNAL_ERROR', `internal error: ${String(error)}`, { path: input.display });
      return { ok: false, display: input.display, error: { code: failure.code, message: failure.message }, warnings: [] };
    }
    return renderResult(convertBytes(input, bytes, setup.year), render, false);
  });
  parentPort!.postMessage({ seq: batch.seq, results } satisfies BatchResult);
});
