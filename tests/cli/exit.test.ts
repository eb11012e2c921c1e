/** The one mapping from errors to exit statuses (src/cli/exit.ts), for every error code. */
import { describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../src/cli/exit.js';
import { ERROR_CODES, KcnaError } from '../../src/errors.js';

describe('exitStatusOf', () => {
  it.each(ERROR_CODES.map((code) => [code]))('%s: 2 for a usage error, 1 otherwise', (code) => {
    const error = new KcnaError(code, 'm');
    expect(exitStatusOf(error)).toBe(error.kind === 'usage' ? 2 : 1);
  });

  it('is 141 for a closed pipe, whatever the code', () => {
    expect(exitStatusOf(new KcnaError('WRITE_ERROR', 'm', { errno: 'EPIPE' }))).toBe(141);
    expect(exitStatusOf(new KcnaError('WRITE_ERROR', 'm', { errno: 'ENOSPC' }))).toBe(1);
  });

  it('gives usage errors exactly the codes INVALID_OPTION and USAGE_ERROR', () => {
    expect(ERROR_CODES.filter((code) => new KcnaError(code, 'm').kind === 'usage')).toEqual(['INVALID_OPTION', 'USAGE_ERROR']);
  });
});
