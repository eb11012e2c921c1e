/**
 * --fields for JSON and NDJSON: each record keeps only the fields named, top-level names or dotted
 * paths into objects ('id', 'lead.title', 'lead.dateline.place'), with their nesting
 * (`{"id": ..., "lead": {"title": ...}}`), in the order first named. A field whose parent is null
 * (lead.dateline without a dateline) is kept as that null. Arrays are kept or dropped whole. The
 * record is checked against its full schema before it is projected.
 */
import { DISPATCH_FIELDS, TEASER_RECORD_FIELDS } from '../../schema/generated/validators.js';
import type { RecordKind } from '../writer.js';

/** The fields --fields takes for JSON and NDJSON records, in schema order. */
export function jsonFields(records: RecordKind): readonly string[] {
  return records === 'teasers' ? TEASER_RECORD_FIELDS : DISPATCH_FIELDS;
}

/** What to keep of an object: a field whole (true), or some of its fields. */
type Keep = Map<string, Keep | true>;

function keepTree(fields: readonly string[]): Keep {
  const root: Keep = new Map();
  for (const field of fields) {
    const names = field.split('.');
    let node = root;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const existing = node.get(name);
      if (existing === true) break;
      if (i === names.length - 1) {
        // The whole field, whatever of it was named before.
        node.set(name, true);
        break;
      }
      let child = existing;
      if (child === undefined) node.set(name, (child = new Map()));
      node = child;
    }
  }
  return root;
}

function project(value: unknown, keep: Keep): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, child] of keep) {
    if (!(name in source)) continue;
    out[name] = child === true ? source[name] : project(source[name], child);
  }
  return out;
}

/** A function keeping the fields named of a record (checked against jsonFields() before). */
export function projection(fields: readonly string[]): (record: unknown) => unknown {
  const keep = keepTree(fields);
  return (record) => project(record, keep);
}
