/**
 * The report summary checked against schemas/report.schema.json, by a validator compiled ahead of
 * time into a module of its own (scripts/build-validators.mjs), so only `kcna-parse report` loads
 * it. This module imports nothing else of the program: loaded lazily, it stays one small chunk.
 */
import { validateArchiveReport } from '../schema/generated/report-validator.js';

interface Compiled {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}

/** Whether `value` follows the report schema, or what is wrong ('/pointer message' each). */
export function checkReport(value: unknown): { valid: true } | { valid: false; issues: Array<{ pointer: string; message: string }> } {
  const validate = validateArchiveReport as Compiled;
  if (validate(value)) return { valid: true };
  return { valid: false, issues: (validate.errors ?? []).map((error) => ({ pointer: error.instancePath, message: error.message ?? 'is invalid' })) };
}
