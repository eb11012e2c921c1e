/**
 * Picks the renderer and assembler (or table writer) for an output, from the format's module in
 * the registry (./formats/). The libraries a format writes with load only when it is chosen.
 */
import { formatModule } from './formats/index.js';
import type { Assembler, OutputSpec, RecordWriter, Renderer } from './writer.js';

export function createRenderer(spec: OutputSpec): Promise<Renderer> {
  return formatModule(spec.format).renderer(spec);
}

/** The assembler of a text format. @throws Error for a table format (a bug: they have none). */
export function createAssembler(spec: OutputSpec): Promise<Assembler> {
  const module = formatModule(spec.format);
  if (module.kind !== 'text') throw new Error(`--format ${spec.format} writes tables, not text`);
  return module.assembler(spec);
}

/** Renderer and assembler together, for text output produced in this thread. */
export async function createWriter(spec: OutputSpec): Promise<RecordWriter> {
  const render = await createRenderer(spec);
  const assembler = await createAssembler(spec);
  return {
    add: (document) => assembler.add(render(document)),
    end: () => assembler.end(),
    get records() {
      return assembler.records;
    },
  };
}

export { RECORD_KINDS, type OutputSpec, type RecordKind, type RecordWriter, type Renderer, type Assembler, type Piece } from './writer.js';
export { FORMATS, formatModule, formatFromPath, outputExtension, type Format } from './formats/index.js';
