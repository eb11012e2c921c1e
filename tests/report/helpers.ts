/**
 * Building conversion results for the report's tests: documents made from the sample fixture with
 * the fields a rule is about changed, and failures with a given code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KcnaError, type ErrorCode } from '../../src/errors.js';
import type { FileFailure, FileSuccess } from '../../src/pipeline/convert.js';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch, Teaser, Warning } from '../../src/schema/types.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const parsed = parseDispatch(readFileSync(path.join(ROOT, 'fixtures/sample/input.txt')), { path: 'sample.txt', year: 2021 });
if (!parsed.ok) throw new Error('the sample fixture does not parse');
const SAMPLE: Dispatch = parsed.document;

/** A content id made from a label, so tests can say which documents share one. */
export const idOf = (label: string) => createHash('sha256').update(label).digest('hex').slice(0, 32);

export interface DocumentSpec {
  /** Lead date (YYYY-MM-DD) or null for an undated dispatch; the dateline follows it. */
  date?: string | null;
  place?: string;
  agency?: string;
  yearSource?: NonNullable<Dispatch['lead']['dateline']>['yearSource'];
  /** No dateline at all. */
  noDateline?: boolean;
  id?: string;
  teasers?: Array<{ date: string; text?: string; line?: number }>;
  /** Extra top-level fields (e.g. a page object of a later schema). */
  extra?: Record<string, unknown>;
  sourceExtra?: Record<string, unknown>;
}

export function document(spec: DocumentSpec = {}): Dispatch {
  const base = structuredClone(SAMPLE);
  const date = spec.date === undefined ? '2021-03-23' : spec.date;
  const dateline = base.lead.dateline!;
  if (spec.noDateline) {
    base.lead.dateline = null;
    base.lead.date = null;
  } else {
    const [year, month, day] = (date ?? '2021-03-23').split('-').map(Number) as [number, number, number];
    base.lead.dateline = {
      ...dateline,
      place: spec.place ?? 'Pyongyang',
      agency: spec.agency ?? 'KCNA',
      month,
      day,
      year: date === null ? null : year,
      yearSource: date === null ? null : (spec.yearSource ?? 'path'),
    };
    base.lead.date = date;
  }
  base.id = spec.id ?? idOf(JSON.stringify(spec) + Math.random());
  base.teasers = (spec.teasers ?? []).map(
    (teaser, i): Teaser => ({ text: teaser.text ?? `teaser ${teaser.date} ${i}`, title: null, date: teaser.date, dateline: null, line: teaser.line ?? 20 + i * 3, titleLine: null, titleRepeatLine: null, dateLineNumber: 21 + i * 3, repeatLine: 22 + i * 3 }),
  );
  Object.assign(base.source, spec.sourceExtra ?? {});
  return Object.assign(base, spec.extra ?? {});
}

export function success(display: string, doc: Dispatch = document(), warnings: Warning[] = []): FileSuccess {
  return { ok: true, input: { kind: 'file', display, absolute: `/archive/${display}`, base: '/archive' }, document: doc, documents: [doc], warnings };
}

export function failure(display: string, code: ErrorCode, message = `${code} happened`): FileFailure {
  return { ok: false, input: { kind: 'file', display, absolute: `/archive/${display}`, base: '/archive' }, display, error: new KcnaError(code, message, { path: display }), warnings: [] };
}

export function warning(code: Warning['code'], line: number | null, message = `${code} here`): Warning {
  return { code, line, message };
}
