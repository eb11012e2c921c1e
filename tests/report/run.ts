/** Running the CLI in-process (program.run) with captured streams. */
import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/program.js';

export interface InProcess {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(argv: string[], cwd: string, stdin = ''): Promise<InProcess> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const status = await run(argv, { stdout, stderr, stdin: Readable.from(stdin === '' ? [] : [Buffer.from(stdin)]), env: { NO_COLOR: '1' }, cwd });
  return { status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
