/**
 * Checking what a library caller passes, so that a wrong argument is a KcnaError with code
 * INVALID_OPTION that names the argument and what it got, never a TypeError from deep inside
 * ("bytes.subarray is not a function"). Plain JavaScript callers, and JSON from elsewhere, pass
 * anything.
 */
import { KcnaError } from './errors.js';

/** A value as a message shows it: null, undefined, 42, 'text' (cut short), an array of 2, a Map, an object. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return value.length > 40 ? `a string ('${value.slice(0, 37)}...')` : `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object';
}

/** The INVALID_OPTION error for an argument (or option) that is not what it must be. */
export function invalidArgument(what: string, mustBe: string, got: unknown): KcnaError {
  return new KcnaError('INVALID_OPTION', `Invalid ${what}: must be ${mustBe}, got ${describeValue(got)}`);
}

/** An options argument: undefined (no options) or a plain object. @throws KcnaError INVALID_OPTION */
export function optionsObject<T extends object>(options: T | undefined, name = 'options'): T | Record<string, never> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgument(`argument ${name}`, 'an object (or left out)', options);
  return options;
}
